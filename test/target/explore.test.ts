// Bounded exploration of a target: sleep sets lose no state (the same observable states with
// and without them, in fewer transitions), and a bug is found and minimized.
import { describe, expect, it } from "vitest";
import { implTarget } from "../../harness/impl-target.ts";
import { exploreTarget, independent } from "../../target/explore.ts";
import { parseTargetConfig } from "../../target/config.ts";
import { validateRun } from "../../tracecheck/target-log.ts";

const faults = parseTargetConfig({ proposers: 1, retries: 1, losses: 1, duplicates: 1, proposerCrashes: 1, acceptorCrashes: 1 });

describe("exploreTarget", () => {
  it("reaches the same observable states with sleep sets as without, in fewer transitions", async () => {
    const o = { config: faults, seed: 1, depth: 4 };
    const reduced = await exploreTarget(implTarget(), o);
    const full = await exploreTarget(implTarget(), { ...o, reduce: false });
    expect(reduced.passed && full.passed).toBe(true);
    expect(reduced.distinctStates).toBe(full.distinctStates);
    expect(reduced.transitions).toBeLessThan(full.transitions / 2);
  });

  it("finds and minimizes a bug: a quorum of one", async () => {
    const r = await exploreTarget(implTarget({ variant: "quorum-n-over-2" }), { config: parseTargetConfig({ proposers: 1, retries: 0, losses: 0, duplicates: 0, proposerCrashes: 0, acceptorCrashes: 0 }), seed: 1, depth: 6, judgeRun: validateRun });
    expect(r.passed).toBe(false);
    expect(r.failure!.steps.map((s) => s.description)).toEqual(["p1 is asked to propose", "deliver #3 p1->a3 prepare 1.p1", "deliver #4 a3->p1 promise 1.p1 reporting no vote"]);
    expect(r.failure!.failed!.broken[0]!.property).toBe("accept-takes-highest-vote");
  });

  it("takes steps about different nodes as independent, and steps sharing a node, a message or a budget as not", () => {
    const deliver = (message: string) => ({ kind: "deliver" as const, id: 1, message, keep: false });
    expect(independent(deliver("p1->a1 prepare 1.p1"), deliver("p1->a2 prepare 1.p1"))).toBe(true);
    expect(independent(deliver("p1->a1 prepare 1.p1"), deliver("p2->a1 prepare 1.p2"))).toBe(false);
    expect(independent({ kind: "lose", id: 1, message: "p1->a1 prepare 1.p1" }, deliver("p1->a1 prepare 1.p1"))).toBe(false);
    expect(independent({ kind: "lose", id: 1, message: "x" }, { kind: "lose", id: 2, message: "y" })).toBe(false);
    expect(independent({ kind: "crash", node: "a1" }, { kind: "crash", node: "a2" })).toBe(false);
    expect(independent({ kind: "crash", node: "a1" }, { kind: "propose", proposer: "p1" })).toBe(true);
  });
});
