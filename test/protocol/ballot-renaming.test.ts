// Lockstep up to a renaming of ballots: a renaming keeps owners and order, never reuses a
// ballot, and names every ballot of a message; a proposer that skips rounds takes the model's
// steps under it, and one that reuses a ballot does not.
import { describe, expect, it } from "vitest";
import { BallotRenaming } from "../../protocol/ballot-renaming.ts";
import { replayOnImpl } from "../../mbt/lockstep.ts";
import { parseModelConfig } from "../../model/basic-paxos/config.ts";
import type { Action } from "../../model/basic-paxos/actions.ts";

const b = (round: number, proposer: string) => ({ round, proposer });

describe("a renaming of ballots", () => {
  it("pairs ballots that keep their owner and order, and names a message's every ballot by them", () => {
    const names = new BallotRenaming();
    expect(names.pair(b(1, "p1"), b(2, "p1"))).toBeNull();
    expect(names.pair(b(1, "p2"), b(2, "p2"))).toBeNull();
    expect(names.pair(b(2, "p1"), b(4, "p1"))).toBeNull();
    expect(names.ballot(b(1, "p2"))).toEqual(b(2, "p2"));
    expect(names.ballot(b(3, "p2"))).toEqual(b(3, "p2")); // not paired yet: itself
    expect(names.message({ type: "promise", from: "a1", ballot: b(2, "p1"), voted: { ballot: b(1, "p2"), value: "B" } })).toEqual({ type: "promise", from: "a1", ballot: b(4, "p1"), voted: { ballot: b(2, "p2"), value: "B" } });
    expect(names.message({ type: "nack", from: "a1", ballot: b(1, "p1"), promised: b(2, "p1") })).toEqual({ type: "nack", from: "a1", ballot: b(2, "p1"), promised: b(4, "p1") });
  });

  it("refuses a pair that breaks the order, changes the owner or reuses a ballot", () => {
    const names = new BallotRenaming();
    expect(names.pair(b(1, "p1"), b(1, "p1"))).toBeNull();
    expect(names.pair(b(1, "p2"), b(1, "p2"))).toBeNull();
    // The model's 2.p1 is above its 1.p1; the implementation's 0.p1 is below its 1.p1.
    expect(names.pair(b(2, "p1"), b(0, "p1"))).toBe("the implementation's ballot 0.p1 is below its 1.p1, but the model's 2.p1 is above 1.p1");
    expect(names.pair(b(2, "p1"), b(1, "p1"))).toBe("the implementation starts ballot 1.p1 again");
    expect(names.pair(b(2, "p1"), b(2, "p2"))).toBe("the model's ballot 2.p1 is p1's, the implementation's 2.p2 is p2's");
    expect(names.ballot(b(2, "p1"))).toEqual(b(2, "p1"));
  });
});

describe("lockstep under the renaming", () => {
  const config = parseModelConfig({ acceptors: 3, proposers: 2, retries: 1, losses: 0 });
  const prepare = (round: number, to: string): Action => ({ kind: "deliver", to, msg: { type: "prepare", from: "p1", ballot: b(round, "p1") } });
  const run: Action[] = [{ kind: "propose", proposer: "p1" }, prepare(1, "a1"), { kind: "timeout", proposer: "p1" }, prepare(2, "a2"), prepare(1, "a3")];

  it("agrees with a proposer that skips a round: its ballots 2.p1 and 4.p1 are the model's 1.p1 and 2.p1", async () => {
    const r = await replayOnImpl({ config, variant: "round-skips-one" }, run);
    expect(r.outcome).toBe("agreed");
    expect(r.steps.map((s) => s.differences)).toEqual(run.map(() => []));
  });

  it("parts from a proposer that reuses its ballot after a restart, at the ballot it starts again", async () => {
    const crash: Action[] = [{ kind: "propose", proposer: "p1" }, { kind: "crash", node: "p1" }, { kind: "restart", node: "p1" }, { kind: "timeout", proposer: "p1" }];
    const r = await replayOnImpl({ config: parseModelConfig({ ...config, proposerCrashes: 1 }), variant: "ballot-reused-after-restart" }, crash);
    expect(r.outcome).toBe("parted");
    if (r.outcome !== "parted") return;
    expect(r.failed.step).toBe(4);
    expect(r.failed.differences[0]).toEqual({ observable: "p1 starts a ballot", model: "2.p1", impl: "no ballot it has not used before" });
  });
});
