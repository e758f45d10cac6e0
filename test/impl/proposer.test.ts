// Unit tests of the proposer's pure steps (phases 1a and 2a) and of the learner.
import { describe, expect, it } from "vitest";
import * as P from "../../impl/core/proposer.ts";
import { emptyLearner, onAccepted } from "../../impl/core/learner.ts";
import { rulesFor } from "../../harness/impl-variants.ts";

const rules = rulesFor();
const acceptors = ["a1", "a2", "a3"];
const b = (round: number, proposer = "p1") => ({ round, proposer });
const promise = (from: string, round: number, voted: { ballot: { round: number; proposer: string }; value: string } | null = null) => ({
  type: "promise" as const, from, ballot: b(round), voted,
});

function prepared(input: string | null = "mine", round = 0) {
  return P.onPropose(P.newInstance("k", "p1", round), input, acceptors).state;
}

describe("proposer", () => {
  it("persists a round above the last one used before sending Prepare to every acceptor", () => {
    const { state, effects } = P.onPropose(P.newInstance("k", "p1", 4), "mine", acceptors);
    expect(state.round).toBe(5);
    expect(effects.map((e) => e.kind)).toEqual(["persist", "send", "send", "send", "timer"]);
    expect(effects[0]).toEqual({ kind: "persist", record: { t: "round", key: "k", round: 5 } });
  });

  it("with a quorum of promises, proposes the value of the highest-numbered vote reported", () => {
    let p = prepared("mine", 5);
    p = P.onPromise(p, promise("a1", 6, { ballot: b(2, "p2"), value: "old" }), 2, rules).state;
    const step = P.onPromise(p, promise("a2", 6, { ballot: b(4, "p3"), value: "newer" }), 2, rules);
    expect(step.state.phase).toBe("accept");
    expect(step.effects).toEqual(["a1", "a2"].map((to) => ({ kind: "send", to, msg: { type: "accept", from: "p1", ballot: b(6), value: "newer" } })));
  });

  it("proposes its own value when no promise reports a vote, and counts each acceptor once", () => {
    let p = prepared();
    p = P.onPromise(p, promise("a1", 1), 2, rules).state;
    const dup = P.onPromise(p, promise("a1", 1), 2, rules);
    expect(dup.effects).toEqual([]);
    const step = P.onPromise(dup.state, promise("a3", 1), 2, rules);
    expect(step.effects[0]).toMatchObject({ msg: { value: "mine" } });
  });

  it("ignores promises for another ballot; a read with an empty quorum answers none", () => {
    const p = prepared(null);
    expect(P.onPromise(p, promise("a1", 7), 2, rules).state).toBe(p);
    const s = P.onPromise(P.onPromise(p, promise("a1", 1), 2, rules).state, promise("a2", 1), 2, rules);
    expect(s.effects).toEqual([{ kind: "result", value: null }]);
  });

  it("on a Nack backs off once, then starts a ballot above the promised round on timeout", () => {
    const p = prepared();
    const nack = { type: "nack" as const, from: "a1", ballot: b(1), promised: b(9, "p2") };
    const n1 = P.onNack(p, nack);
    expect(n1.effects).toEqual([{ kind: "timer", ballot: b(1), reason: "backoff", attempt: 1 }]);
    expect(P.onNack(n1.state, nack).effects).toEqual([]);
    expect(P.onTimeout(n1.state, b(0), acceptors).effects).toEqual([]); // a stale timer
    expect(P.onTimeout(n1.state, b(1), acceptors).state.round).toBe(10);
  });
});

describe("proposer shortcuts (TCP client)", () => {
  const on = { learnFromPromises: true, acceptToAll: true, acceptors };
  it("learns without phase 2 only when the whole quorum reports one vote in one ballot", () => {
    const v = { ballot: b(3, "p2"), value: "old" };
    const p = P.onPromise(prepared("mine", 5), promise("a1", 6, v), 2, rules, on).state;
    expect(P.onPromise(p, promise("a2", 6, v), 2, rules, on).effects).toEqual([{ kind: "result", value: "old", learnedIn: b(3, "p2") }]);
    const other = P.onPromise(p, promise("a2", 6, { ballot: b(4, "p3"), value: "old" }), 2, rules, on);
    expect(other.effects.map((e) => e.kind === "send" && e.to)).toEqual(["a1", "a2", "a3"]); // phase 2a to all
    expect(P.onPromise(p, promise("a2", 6, v), 2, rules, null).effects.map((e) => e.kind)).toEqual(["send", "send"]);
  });
});

describe("learner", () => {
  const acc = (from: string, round: number, value: string) => ({ type: "accepted" as const, from, ballot: b(round), value });
  it("learns once a quorum of distinct acceptors accepted in one ballot", () => {
    let l = onAccepted(emptyLearner, acc("a1", 1, "x"), 2, rules);
    expect(onAccepted(l.state, acc("a1", 1, "x"), 2, rules).learned).toBeNull();
    expect(onAccepted(l.state, acc("a2", 2, "x"), 2, rules).learned).toBeNull();
    l = onAccepted(l.state, acc("a2", 1, "x"), 2, rules);
    expect(l.learned).toBe("x");
  });
});
