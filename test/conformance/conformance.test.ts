// Exhaustive bounded conformance on small configurations: the correct implementation conforms
// with its coverage reported; broken variants are caught, with the difference named.
import { describe, expect, it } from "vitest";
import type { ModelConfigInput } from "../../model/basic-paxos/config.ts";
import { parseModelConfig } from "../../model/basic-paxos/config.ts";
import type { VariantName } from "../../harness/impl-variants.ts";
import { notFollowed } from "../../mbt/lockstep.ts";
import { runConformance } from "../../conformance/run.ts";
import { shortestDivergence } from "../../conformance/shortest.ts";
import { countPaths, walkPaths } from "../../conformance/paths.ts";
import { neverDriven } from "../../conformance/coverage.ts";

/** One proposer, nacks on, no loss: small enough to walk with stutters at depth 5 in about a second. */
const LONE = parseModelConfig({ acceptors: 3, proposers: 1, retries: 0, loss: false, nacks: true });
const keep = (s: Parameters<typeof notFollowed>[0], a: Parameters<typeof notFollowed>[1]) => notFollowed(s, a) === null;

describe("conformance of the correct implementation", () => {
  it("conforms on every path of depth 5 with stutters, and reports its coverage", async () => {
    const r = await runConformance({ config: LONE, depth: 5, stutters: true });
    expect(r.divergence).toBeUndefined();
    expect(r.conforms).toBe(true);
    // Every transition of the tree was checked on the implementation, each once.
    const model = countPaths(LONE, 5, { stutters: true, keep });
    expect([r.paths, r.transitions, r.stepsReplayed]).toEqual([model.paths, model.transitions, model.stepsFromScratch]);
    for (const b of ["propose", "deliver prepare: promised", "deliver prepare: duplicate", "deliver promise: counted", "deliver promise: quorum -> accept sent", "deliver promise: duplicate", "deliver nack: ignored"] as const) {
      expect(r.coverage[b], b).toBeGreaterThan(0);
    }
    // Learning needs 9 steps with 3 acceptors (propose, 2 Prepares, 2 Promises, 2 Accepts, 2 Accepted).
    expect(neverDriven(r.coverage)).toContain("deliver accepted: learned");
  });

  it("the branch never driven at depth 5 is one the model reaches at depth 9", () => {
    let found: string[] | undefined;
    for (const { path } of walkPaths(LONE, 9, { keep })) {
      if (path[path.length - 1]!.branch === "deliver accepted: learned") found = path.map((s) => s.branch);
      if (found) break;
    }
    expect(found?.length).toBe(9);
  });
});

type Caught = { readonly variant: VariantName; readonly config: ModelConfigInput; readonly depth: number; readonly stutters: boolean; readonly differs: RegExp };

const caught: Caught[] = [
  // A Prepare delivered twice: the model's acceptor answers Nack, the variant promises again.
  { variant: "promise-off-by-one", config: LONE, depth: 5, stutters: true, differs: /in flight: Nack\(b=1\.p1, promised=1\.p1\) a1->p1/ },
  // The same Promise delivered twice completes a quorum of one acceptor: an Accept the model never sends.
  { variant: "duplicates-counted-twice", config: LONE, depth: 5, stutters: true, differs: /in flight: Accept\(b=1\.p1, v=A\) p1->a1/ },
  // An Accept below the acceptor's promise: the model refuses (Nack), the variant votes.
  { variant: "accept-without-promise-check", config: { acceptors: 1, proposers: 2, retries: 0, loss: false, nacks: true }, depth: 6, stutters: false, differs: /a1 vote/ },
];

describe("conformance catches broken implementations", () => {
  for (const c of caught) {
    it(`${c.variant}, at depth ${c.depth}`, async () => {
      const r = await runConformance({ config: parseModelConfig(c.config), depth: c.depth, stutters: c.stutters, variant: c.variant });
      expect(r.conforms).toBe(false);
      const d = r.divergence!;
      expect(d.steps.length).toBe(d.path.length);
      expect(d.steps.length).toBeLessThanOrEqual(c.depth);
      const failed = d.steps[d.steps.length - 1]!;
      expect(failed.ok).toBe(false);
      expect(failed.differences.map((x) => x.observable).join("\n")).toMatch(c.differs);
      // Every step before the last agreed: the divergence is the first on its path.
      expect(d.steps.slice(0, -1).every((s) => s.ok)).toBe(true);
    });
  }
});

describe("the shortest divergence", () => {
  it("walks shallower until it conforms: duplicates-counted-twice at depth 6 is first met in 6 steps, shortest in 4", async () => {
    const o = { config: LONE, depth: 6, stutters: true, variant: "duplicates-counted-twice" as const };
    const first = await runConformance(o);
    const { result, rewalks } = await shortestDivergence(o, first);
    expect(first.divergence!.path.length).toBe(6);
    // propose, Prepare to a1, a1's Promise twice: the second copy completes a "quorum".
    expect(result.divergence!.path.map((s) => s.branch)).toEqual(["propose", "deliver prepare: promised", "deliver promise: counted", "deliver promise: duplicate"]);
    expect(rewalks).toBe(3);
    // What proves nothing shorter exists: the implementation conforms at depth 3.
    expect((await runConformance({ ...o, depth: 3 })).conforms).toBe(true);
  });
});
