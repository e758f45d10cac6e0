// The implementation bug catalogue under lockstep: every unsafe variant of impl/variants.ts is
// caught within the default budget, by what the table says; every safe look-alike passes.
import { describe, expect, it } from "vitest";
import { implCatalogue, runCatalogueEntry, formatCatalogueLine, DEFAULT_BUDGET } from "../../mbt/catalogue.ts";
import type { VariantName } from "../../impl/variants.ts";

// What catches each unsafe variant: every one parts from the model (a divergence); some also
// break a property on the implementation's own view at that step.
const expected: Partial<Record<VariantName, string>> = {
  "promise-off-by-one": "divergence",
  "accept-without-promise-check": "divergence + promise-reports-truthfully on the implementation + promises-never-decrease on the implementation",
  "ignore-reported-votes": "divergence",
  "take-lowest-vote": "divergence",
  "quorum-n-over-2": "divergence",
  "count-duplicates": "divergence",
  "reply-before-sync": "divergence + promises-never-decrease on the implementation",
  "ballot-reused-after-restart": "divergence",
  "learner-mixes-ballots": "divergence + learned-is-chosen on the implementation",
};

describe("implementation bug catalogue under lockstep", () => {
  it("has at least 8 unsafe variants and 3 safe look-alikes (2 variants, the TCP store's shortcuts)", () => {
    expect(implCatalogue.filter((e) => !e.safe).length).toBeGreaterThanOrEqual(8);
    expect(implCatalogue.filter((e) => e.safe).length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(expected).sort()).toEqual(implCatalogue.filter((e) => !e.safe).map((e) => e.variant).sort());
  });

  for (const entry of implCatalogue) {
    it(`${entry.name}: ${entry.safe ? "passes" : "is caught"}`, async () => {
      const r = await runCatalogueEntry(entry);
      console.log(formatCatalogueLine(r));
      expect(r.result.runs).toBeLessThanOrEqual(DEFAULT_BUDGET.runs);
      if (entry.safe) {
        expect(r.result.passed).toBe(true);
        expect(r.caughtBy).toBeNull();
      } else {
        expect(r.result.passed).toBe(false);
        expect(r.caughtBy).toBe(expected[entry.variant]);
      }
    });
  }

  it("reply-before-sync is caught only through a crash: its shrunk schedule crashes a node", async () => {
    const r = await runCatalogueEntry(implCatalogue.find((e) => e.variant === "reply-before-sync")!);
    const actions = r.result.failure!.run.actions;
    expect(actions.some((a) => a.kind === "crash")).toBe(true);
  });

  it("the shortcuts differ from the model by design: judged by observables they part, by invariants they pass", async () => {
    const { shortcutsEntry, DEFAULT_BUDGET } = await import("../../mbt/catalogue.ts");
    const { checkLockstep } = await import("../../mbt/property.ts");
    const exact = await checkLockstep({ config: shortcutsEntry.config, ...shortcutsEntry.options, judge: "observables" }, DEFAULT_BUDGET);
    expect(exact.passed).toBe(false);
    const failed = exact.failure!.run.failed!;
    expect(failed.broken).toEqual([]);
    expect(failed.differences.map((d) => d.observable)).toContainEqual(expect.stringMatching(/^p\d learned$/));
  });
});
