// The rules judged on a target's messages: the proposer's half of P2c on the Promises Synod
// delivered, and an acceptor's vote below a ballot it promised before.
import { describe, expect, it } from "vitest";
import { ObservedSystem } from "../../target/observed.ts";
import type { Meaning } from "../../target/vocabulary.ts";

const roles = { acceptors: ["a1", "a2", "a3"], proposers: ["p1", "p2"], learners: [], inputs: { p1: "A", p2: "B" }, seed: 1 };
const b = (round: number, proposer: string) => ({ round, proposer });
const promise = (ballot: ReturnType<typeof b>, vote: Extract<Meaning, { type: "promise" }>["vote"]): Meaning => ({ type: "promise", ballot, vote });

function heard(...promises: [string, Meaning][]): ObservedSystem {
  const o = new ObservedSystem(roles);
  o.input("A");
  o.input("B");
  for (const [from, m] of promises) o.delivered("p1", from, m);
  return o;
}

describe("accept-takes-highest-vote", () => {
  const ballot = b(3, "p1");
  const v1 = { ballot: b(1, "p1"), value: "A" };
  const v2 = { ballot: b(2, "p2"), value: "B" };

  it("takes the highest vote of a quorum", () => {
    const o = heard(["a1", promise(ballot, v1)], ["a2", promise(ballot, v2)]);
    expect(o.sent("p1", { type: "accept", ballot, value: "B" })).toBeNull();
    expect(o.sent("p1", { type: "accept", ballot, value: "A" })?.property).toBe("accept-takes-highest-vote");
  });

  it("allows the lower vote when another quorum of the Promises heard has it highest", () => {
    const o = heard(["a1", promise(ballot, v1)], ["a2", promise(ballot, v2)], ["a3", promise(ballot, null)]);
    expect(o.sent("p1", { type: "accept", ballot, value: "A" })).toBeNull();
  });

  it("allows a client's value only when a quorum reported no vote", () => {
    expect(heard(["a1", promise(ballot, null)], ["a2", promise(ballot, null)]).sent("p1", { type: "accept", ballot, value: "B" })).toBeNull();
    expect(heard(["a1", promise(ballot, null)], ["a2", promise(ballot, v1)]).sent("p1", { type: "accept", ballot, value: "B" })?.message).toBe(
      "p1 proposed B in ballot 3.p1, which no quorum of the Promises it heard (a1: none, a2: (1.p1, A)) leads to: a proposer takes the highest vote reported, or a client's value if none",
    );
  });

  it("requires a quorum of Promises, and judges nothing when one did not report its vote", () => {
    expect(heard(["a1", promise(ballot, null)]).sent("p1", { type: "accept", ballot, value: "A" })?.message).toBe("p1 sent Accept(3.p1, A) having heard Promises for 3.p1 from a1: no quorum (2)");
    expect(heard(["a1", promise(ballot, "not-reported")], ["a2", promise(ballot, v1)]).sent("p1", { type: "accept", ballot, value: "B" })).toBeNull();
  });
});

describe("vote-below-promise, in time", () => {
  it("is broken by an Accepted below a ballot the acceptor promised before, not by one at it", () => {
    const o = heard();
    o.sent("a1", promise(b(2, "p2"), null));
    expect(o.sent("a1", { type: "accepted", ballot: b(2, "p2"), value: "B" })).toBeNull();
    expect(o.sent("a1", { type: "accepted", ballot: b(1, "p1"), value: "A" })?.message).toBe("a1 voted A in ballot 1.p1 after promising 2.p2");
  });

  it("rebuilds a black-box acceptor from its messages: the highest ballot promised or voted, its highest vote", () => {
    const o = heard();
    o.sent("a2", promise(b(1, "p1"), null));
    o.sent("a2", { type: "accepted", ballot: b(2, "p2"), value: "B" });
    const a2 = o.view().acceptors.find((a) => a.id === "a2")!;
    expect(a2.promised).toEqual(b(2, "p2"));
    expect(a2.accepted).toEqual({ ballot: b(2, "p2"), value: "B" });
  });
});
