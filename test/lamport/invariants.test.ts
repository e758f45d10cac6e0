// Each invariant of Paxos.tla caught on a state built to break it, by the object checks and
// by the packed checks alike (and each holds on the initial state).
import { describe, expect, it } from "vitest";
import { createLamportModel } from "../../model/lamport/model.ts";
import { createPackedLamport } from "../../model/lamport/packed.ts";
import type { LamportMessage, LamportState } from "../../model/lamport/state.ts";
import { messageKey } from "../../model/lamport/state.ts";

const config = { acceptors: 3, values: 2, ballots: 2 };
const model = createLamportModel(config);
const packed = createPackedLamport(config);

/** A state with these 2b votes [acceptor, ballot, value], the acceptors' variables to match. */
function withVotes(votes: [number, number, number][], maxBal = [-1, -1, -1]): LamportState {
  const s = { maxBal: [...maxBal], maxVBal: [-1, -1, -1], maxVal: [null, null, null] as (number | null)[], msgs: [] as LamportMessage[] };
  for (const [a, b, v] of votes) {
    s.maxBal[a] = Math.max(s.maxBal[a]!, b);
    if (b > s.maxVBal[a]!) {
      s.maxVBal[a] = b;
      s.maxVal[a] = v;
    }
    s.msgs.push({ type: "2b", acc: a, bal: b, val: v });
  }
  s.msgs.sort((x, y) => (messageKey(x) < messageKey(y) ? -1 : 1));
  return s;
}

function firstBroken(state: LamportState): { object: string | undefined; packed: string | undefined } {
  const object = model.invariants.find((inv) => inv.check(state) !== null)?.id;
  const words = new Int32Array(packed.words);
  packed.encode(state, words, 0);
  const index = packed.firstBrokenInvariant(words, 0);
  return { object, packed: index < 0 ? undefined : model.invariants[index]!.id };
}

describe("Paxos.tla invariants", () => {
  it("all hold in the initial state", () => {
    expect(firstBroken(model.initialStates()[0]!)).toEqual({ object: undefined, packed: undefined });
  });

  it("consistency: two values chosen", () => {
    const s = withVotes([[0, 0, 0], [1, 0, 0], [1, 1, 1], [2, 1, 1]]);
    expect(firstBroken(s)).toEqual({ object: "consistency", packed: "consistency" });
  });

  it("votes-safe: a vote for v2 in ballot 1 although v1 may be chosen in ballot 0", () => {
    const s = withVotes([[1, 0, 0], [2, 0, 0], [0, 1, 1]]);
    expect(firstBroken(s)).toEqual({ object: "votes-safe", packed: "votes-safe" });
  });

  it("one-value-per-ballot: two values voted in ballot 0", () => {
    const s = withVotes([[0, 0, 0], [1, 0, 1]]);
    expect(firstBroken(s)).toEqual({ object: "one-value-per-ballot", packed: "one-value-per-ballot" });
  });

  it("type-ok: a vote for a value outside the set (v3 of v1, v2)", () => {
    // The packed fields hold exactly -1..N for ballots, so a bad value is what words can show.
    const s = withVotes([[0, 0, 0]]);
    const bad = { ...s, maxVal: [2, null, null] };
    expect(model.invariants.find((inv) => inv.check(bad) !== null)?.id).toBe("type-ok");
    const words = new Int32Array(packed.words);
    packed.encode(bad, words, 0);
    expect(model.invariants[packed.firstBrokenInvariant(words, 0)]?.id).toBe("type-ok");
  });
});

describe("the packing", () => {
  it("refuses what it cannot hold instead of corrupting a neighbour", () => {
    const words = new Int32Array(packed.words);
    const twoProposals: LamportState = { ...model.initialStates()[0]!, msgs: [{ type: "2a", bal: 0, val: 0 }, { type: "2a", bal: 0, val: 1 }] };
    expect(() => packed.encode(twoProposals, words, 0)).toThrow(/2a:0:1/);
    const tooHigh: LamportState = { ...model.initialStates()[0]!, maxBal: [9, -1, -1] };
    expect(() => packed.encode(tooHigh, words, 0)).toThrow(/maxBal\[0\]/);
  });
});
