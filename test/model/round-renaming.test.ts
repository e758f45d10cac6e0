// Basic Paxos states equal up to a renaming of rounds (model/basic-paxos/round-renaming.ts): a
// shift of every round is one key; a gap that widens past one, a round that meets 0, the
// retries used and the ghost of ballots gone do or do not count as the model needs.
import { describe, expect, it } from "vitest";
import { roundRenaming } from "../../model/basic-paxos/round-renaming.ts";
import { initialState, type PaxosState } from "../../model/basic-paxos/state.ts";
import { parseModelConfig } from "../../model/basic-paxos/config.ts";

const base = initialState(parseModelConfig({ acceptors: 2 }));
/** p1 and p2 at rounds r1 and r2, a1 promised p2's ballot, a Prepare of p1's in flight to a2. */
function at(r1: number, r2: number, extra: Partial<PaxosState> = {}): PaxosState {
  return {
    ...base,
    proposers: base.proposers.map((p, i) => ({ ...p, round: i === 0 ? r1 : r2, phase: "prepare" as const })),
    acceptors: base.acceptors.map((a, i) => (i === 0 ? { ...a, promised: { round: r2, proposer: "p2" } } : a)),
    network: [{ to: "a2", msg: { type: "prepare", from: "p1", ballot: { round: r1, proposer: "p1" } } }],
    ...extra,
  };
}
const { key, between } = roundRenaming;

describe("Basic Paxos states up to a renaming of rounds", () => {
  it("is one key when every round moves up together, and names the renaming", () => {
    expect(key(at(2, 2))).toBe(key(at(1, 1)));
    expect(key(at(5, 6))).toBe(key(at(1, 2)));
    expect(between(at(1, 2), at(5, 6))).toBe("rounds 1→5, 2→6");
    expect(between(at(1, 2), at(1, 2, { retries: 1 }))).toBe("no round renamed");
  });

  it("keeps whether two rounds are equal, one apart or further apart: the next round is one more", () => {
    expect(key(at(1, 2))).not.toBe(key(at(1, 1)));
    expect(key(at(1, 3))).not.toBe(key(at(1, 2)));
    // Past one apart, how far does not matter: nothing is ever two more than a round.
    expect(key(at(1, 7))).toBe(key(at(1, 3)));
  });

  it("keeps 0 where a proposer has not started: its first round is 1", () => {
    expect(key(at(0, 2))).not.toBe(key(at(0, 1)));
    expect(key(at(0, 1))).not.toBe(key(at(1, 2)));
  });

  it("leaves out the retries used and the ghost of ballots no longer present, not the votes of a present one", () => {
    expect(key(at(2, 2, { retries: 1 }))).toBe(key(at(1, 1)));
    const gone = { acceptor: "a1", ballot: { round: 1, proposer: "p1" }, value: "A" };
    expect(key(at(3, 3, { ghost: { ...base.ghost, votes: [gone] } }))).toBe(key(at(3, 3)));
    const present = { ...gone, ballot: { round: 3, proposer: "p1" } };
    expect(key(at(3, 3, { ghost: { ...base.ghost, votes: [present] } }))).not.toBe(key(at(3, 3)));
  });
});
