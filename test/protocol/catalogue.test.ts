// The decision-point table and the bug table of protocol/ hold together (each problem the check
// looks for is shown found in a doctored table), and everything derived from them uses their
// names: the model's catalogue and `synod check --list-mutants`, the implementation's variants
// and the model-based catalogue.
import { describe, expect, it } from "vitest";
import { decisions, type Decision } from "../../protocol/decisions.ts";
import { bugs, storageFaults, type Bug } from "../../protocol/catalogue.ts";
import { catalogueProblems } from "../../protocol/catalogue-check.ts";
import { allProperties } from "../../invariants/registry.ts";
import { catalogue } from "../../model/basic-paxos/catalogue.ts";
import { variantNames } from "../../harness/impl-variants.ts";
import { faultyStorage } from "../../harness/faulty-storage.ts";
import { implCatalogue } from "../../mbt/catalogue.ts";
import { command as check } from "../../cli/commands/check.ts";
import { livenessVariants } from "../../model/basic-paxos/liveness-variants.ts";
import { runCommand } from "../cli/capture.ts";

const propertyIds = new Set(allProperties.map((p) => p.id));
const problems = (ds: readonly Decision[], bs: readonly Bug[]) => catalogueProblems(ds, bs, propertyIds);
const bug = (name: string) => bugs.find((b) => b.name === name)!;
const withBug = (name: string, change: Partial<Bug>) => bugs.map((b) => (b.name === name ? { ...b, ...change } : b));
const withDecision = (id: string, change: Partial<Decision>) => decisions.map((d) => (d.id === id ? { ...d, ...change } : d));

describe("the decision points and the bug table", () => {
  it("hold together: no problem found", () => {
    expect(problems(decisions, bugs)).toEqual([]);
  });

  it("cover the nine decisions of issue 10, Nacks, and the three of issue 11 (accepting promises, recovery, the next round)", () => {
    expect(decisions.map((d) => d.id)).toEqual(["promise-rule", "accept-rule", "value-choice", "quorum", "count-by-sender", "learner-ballot", "accept-promises", "recovery", "persist-before-send", "round-after-restart", "next-round", "accept-routing", "refusal"]);
  });

  const doctored: [string, readonly Decision[], readonly Bug[], string][] = [
    ["a decision without its sentence", withDecision("quorum", { sentence: " " }), bugs, "decision quorum: no sentence"],
    ["a rule decision on no Rules field", withDecision("quorum", { mechanism: { kind: "rule", field: "quorumSize" as never } }), bugs, "decision quorum: quorumSize is not a Rules field"],
    ["a decision twice", [...decisions, decisions[0]!], bugs, "decision promise-rule twice"],
    ["a bug twice", decisions, [...bugs, bug("quorum-n-over-2")], "bug quorum-n-over-2 twice"],
    ["a bug at no decision", decisions, withBug("quorum-n-over-2", { decision: "quorums" as never }), "bug quorum-n-over-2: no decision quorums"],
    ["a bug on neither side", decisions, withBug("reply-before-sync", { impl: { kind: "absent", reason: "none" } }), "bug reply-before-sync: neither side has it"],
    ["an unsafe bug no property catches", decisions, withBug("quorum-n-over-2", { breaks: "learned-is-choosen" }), "bug quorum-n-over-2: learned-is-choosen is not a property that could catch it"],
    ["a look-alike that breaks something", decisions, withBug("quorum-ceil-half-plus", { breaks: "learned-is-chosen" }), "bug quorum-ceil-half-plus: a safe look-alike breaks nothing"],
    ["a model override of no Rules field", decisions, withBug("acceptor-state-lost", { model: { kind: "variant", rules: { forgetful: true } as never, config: { acceptorStateLoss: true } } }), "bug acceptor-state-lost: the model overrides forgetful, not a Rules field"],
    ["a rule beside the decision's, other than Accept routing", decisions, withBug("accept-keeps-promise", { model: { kind: "variant", rules: { acceptRaisesPromise: false, countBySender: false } } }), "bug accept-keeps-promise: the model must replace acceptRaisesPromise alone (decision accept-promises), not acceptRaisesPromise, countBySender"],
    ["an override of another decision's rule", decisions, withBug("quorum-n-over-2", { impl: { kind: "rules", rules: { countBySender: false } } }), "bug quorum-n-over-2: the implementation must replace quorum alone (decision quorum), not countBySender"],
    ["a config decision the model does not set", decisions, withBug("nack-instead-of-silence", { model: { kind: "variant", rules: {} } }), "bug nack-instead-of-silence: the model must set config nacks (decision refusal)"],
    ["an unknown storage fault", decisions, withBug("reply-before-sync", { impl: { kind: "storage", fault: "lie-about-sync" as never } }), "bug reply-before-sync: no storage fault lie-about-sync"],
  ];
  for (const [what, ds, bs, problem] of doctored) {
    it(`finds ${what}`, () => {
      expect(problems(ds, bs)).toContain(problem);
    });
  }

  it("has a storage wrapper in the harness for every storage fault it names", () => {
    expect(Object.keys(faultyStorage).sort()).toEqual([...storageFaults].sort());
  });

  it("uses one rule function on both sides when both replace rules", () => {
    for (const b of bugs) if (b.model.kind === "variant" && b.impl.kind === "rules") expect(b.impl.rules, b.name).toEqual(b.model.rules);
  });
});

describe("everything derived from the table uses its names", () => {
  const modelNames = bugs.filter((b) => b.model.kind !== "absent").map((b) => b.name);

  it("the model's catalogue: the bugs the model has, in the table's order, with the table's facts", () => {
    expect(catalogue.map((v) => v.name)).toEqual(modelNames);
    for (const v of catalogue) expect({ safe: v.safe, breaks: v.breaks, summary: v.summary }, v.name).toEqual({ safe: bug(v.name).safe, breaks: bug(v.name).breaks, summary: bug(v.name).summary });
  });

  it("synod check --list-mutants lists exactly those names, then the liveness-only variants", async () => {
    const { code, out } = await runCommand(check, ["--list-mutants"]);
    expect(code).toBe(0);
    expect(out.split("\n").map((l) => l.split(/\s+/)[0])).toEqual([...modelNames, ...livenessVariants.map((v) => v.name)]);
  });

  it("the implementation's variants: correct and the bugs it has as rules or storage; the model-based catalogue: every bug it has", () => {
    expect(variantNames).toEqual(["correct", ...bugs.filter((b) => b.impl.kind === "rules" || b.impl.kind === "storage").map((b) => b.name)]);
    expect(implCatalogue.map((e) => e.name)).toEqual(bugs.filter((b) => b.impl.kind !== "absent").map((b) => b.name));
    for (const e of implCatalogue) expect(e.safe, e.name).toBe(bug(e.name).safe);
  });
});
