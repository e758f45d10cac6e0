// Unit tests of the acceptor's pure steps, each citing the sentence of Paxos Made Simple it checks.
import { describe, expect, it } from "vitest";
import { emptySlot, onAccept, onPrepare } from "../../impl/core/acceptor.ts";
import { rulesFor } from "../../harness/impl-variants.ts";

const rules = rulesFor();
const b = (round: number, proposer = "p1") => ({ round, proposer });
const prepare = (round: number) => ({ type: "prepare" as const, from: "p1", ballot: b(round) });
const accept = (round: number, value = "x") => ({ type: "accept" as const, from: "p1", ballot: b(round), value });

describe("acceptor", () => {
  it("promises a prepare above any it answered, persisting before replying with its highest vote", () => {
    const s0 = { promised: b(1), accepted: { ballot: b(1), value: "v" } };
    const { state, effects } = onPrepare(s0, "k", "a1", prepare(2), rules, false);
    expect(state.promised).toEqual(b(2));
    expect(effects.map((e) => e.kind)).toEqual(["persist", "send"]);
    expect(effects[1]).toMatchObject({ to: "p1", msg: { type: "promise", ballot: b(2), voted: { ballot: b(1), value: "v" } } });
    expect(s0.promised).toEqual(b(1)); // input not mutated
  });

  it("stays silent on a prepare at or below its promise, or nacks when asked to", () => {
    const s = { promised: b(2), accepted: null };
    expect(onPrepare(s, "k", "a1", prepare(2), rules, false).effects).toEqual([]);
    expect(onPrepare(s, "k", "a1", prepare(1), rules, true).effects).toEqual([
      { kind: "send", to: "p1", msg: { type: "nack", from: "a1", ballot: b(1), promised: b(2) } },
    ]);
  });

  it("accepts unless it promised a higher ballot, and the vote also raises the promise", () => {
    const ok = onAccept({ promised: b(2), accepted: null }, "k", "a1", accept(2), rules, false);
    expect(ok.state).toEqual({ promised: b(2), accepted: { ballot: b(2), value: "x" } });
    expect(ok.effects[0]).toEqual({ kind: "persist", record: { t: "vote", key: "k", ballot: b(2), value: "x" } });
    expect(onAccept({ promised: b(3), accepted: null }, "k", "a1", accept(2), rules, false).effects).toEqual([]);
    expect(onAccept(emptySlot, "k", "a1", accept(1), rules, false).state.promised).toEqual(b(1));
  });

  it("orders ballots by round then proposer id", () => {
    const s = { promised: b(2, "p1"), accepted: null };
    expect(onPrepare(s, "k", "a1", { type: "prepare", from: "p2", ballot: b(2, "p2") }, rules, false).state.promised).toEqual(b(2, "p2"));
    expect(onPrepare(s, "k", "a1", { type: "prepare", from: "p0", ballot: b(2, "p0") }, rules, false).effects).toEqual([]);
  });
});
