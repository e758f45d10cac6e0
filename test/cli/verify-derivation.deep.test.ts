// synod verify's derivation stage: every expected verdict of seed 004's schemes and of the
// duelling and of the distinguished proposers holds, each check named and explained.
import { describe, expect, it } from "vitest";
import { derivationStage, derivationTask, expectations } from "../../cli/verify/derivation-stage.ts";

describe("the derivation stage", () => {
  it("passes, one check per scheme, one for duelling proposers, one for the distinguished proposer and one per liveness variant, with their figures", async () => {
    const lines: string[] = [];
    // The stage's jobs as verify's pool would run them, here one after another.
    const jobs = new Map(expectations.map((e) => [`derivation:${e.name}`, derivationTask(e.name)]));
    const r = await derivationStage.run((l) => lines.push(l), jobs);
    expect(r.checks.map((c) => [c.name, c.passed])).toEqual([
      ["scheme 1: deadlock when the lock holder crashes", true],
      ["scheme 2: no decision when its acceptor crashes", true],
      ["scheme 3: invariants hold, progress can be lost", true],
      ["Basic Paxos: duelling proposers never decide", true],
      ["Basic Paxos: a distinguished proposer decides", true],
      ["Basic Paxos variant: gives up after a Nack", true],
      ["Basic Paxos variant: no retry in phase 2", true],
    ]);
    expect(r.checks.map((c) => c.figures?.distinctStates)).toEqual([734, 132, 7779, 10156, 918, 1128, 696]);
    expect(r.passed).toBe(true);
    expect(lines.every((l) => l.startsWith("ok  "))).toBe(true);
  });
});
