// Each invariant on a view built to break it, and on one where it holds: a check that
// cannot fail would pass both.
import { describe, expect, it } from "vitest";
import type { SystemView } from "../../invariants/view.ts";
import { allProperties, envelopeWitnesses, stateInvariants, stepProperties, witnesses } from "../../invariants/registry.ts";

const b = (round: number, proposer: string) => ({ round, proposer });
const acceptor = (id: string, promised: ReturnType<typeof b> | null, accepted: { ballot: ReturnType<typeof b>; value: string } | null) => ({ id, promised, accepted, up: true });

/** A healthy run: A chosen in 1.p1 by a1, a2; p2 then adopted A in 2.p2 from a1's promise. */
const healthy: SystemView = {
  acceptors: [acceptor("a1", b(2, "p2"), { ballot: b(1, "p1"), value: "A" }), acceptor("a2", b(1, "p1"), { ballot: b(1, "p1"), value: "A" }), acceptor("a3", b(2, "p2"), null)],
  quorumSize: 2,
  inputs: ["A", "B"],
  votes: [
    { acceptor: "a1", ballot: b(1, "p1"), value: "A" },
    { acceptor: "a2", ballot: b(1, "p1"), value: "A" },
  ],
  promises: [
    { acceptor: "a1", ballot: b(1, "p1"), voted: null },
    { acceptor: "a2", ballot: b(1, "p1"), voted: null },
    { acceptor: "a1", ballot: b(2, "p2"), voted: { ballot: b(1, "p1"), value: "A" } },
    { acceptor: "a3", ballot: b(2, "p2"), voted: null },
  ],
  proposals: [
    { ballot: b(1, "p1"), value: "A" },
    { ballot: b(2, "p2"), value: "A" },
  ],
  learned: [{ learner: "p1", value: "A" }],
};

const broken: Record<string, SystemView> = {
  agreement: { ...healthy, votes: [...healthy.votes, { acceptor: "a2", ballot: b(2, "p2"), value: "B" }, { acceptor: "a3", ballot: b(2, "p2"), value: "B" }] },
  validity: { ...healthy, inputs: ["B"] },
  "learned-is-chosen": { ...healthy, learned: [{ learner: "p2", value: "B" }] },
  "learners-agree": { ...healthy, learned: [{ learner: "p1", value: "A" }, { learner: "p2", value: "B" }] },
  "vote-below-promise": { ...healthy, acceptors: [acceptor("a1", b(1, "p1"), { ballot: b(2, "p2"), value: "A" }), ...healthy.acceptors.slice(1)] },
  "one-value-per-ballot": { ...healthy, proposals: [...healthy.proposals, { ballot: b(1, "p1"), value: "B" }] },
  "votes-are-safe": { ...healthy, votes: [...healthy.votes, { acceptor: "a3", ballot: b(2, "p2"), value: "B" }] },
  "promise-reports-truthfully": { ...healthy, promises: [...healthy.promises, { acceptor: "a2", ballot: b(3, "p1"), voted: null }] },
};

describe("state invariants", () => {
  it("all hold on a healthy run", () => {
    for (const inv of stateInvariants) expect(inv.check(healthy), inv.id).toBeNull();
  });
  for (const inv of stateInvariants) {
    it(`${inv.id} fails on a view built to break it, naming what is wrong`, () => {
      const view = broken[inv.id];
      expect(view, `no broken view for ${inv.id}`).toBeDefined();
      expect(inv.check(view!)).toMatch(/\w/);
    });
  }
});

describe("step properties", () => {
  const [promisesNeverDecrease, chosenStaysChosen] = stepProperties;
  it("promises-never-decrease fails when a restart forgets a promise", () => {
    const forgot = { ...healthy, acceptors: [acceptor("a1", null, null), ...healthy.acceptors.slice(1)] };
    expect(promisesNeverDecrease!.check(healthy, healthy)).toBeNull();
    expect(promisesNeverDecrease!.check(healthy, forgot)).toMatch(/a1's promise went down/);
  });
  it("chosen-stays-chosen fails when a vote of the chosen quorum disappears", () => {
    const lost = { ...healthy, votes: healthy.votes.slice(1) };
    expect(chosenStaysChosen!.check(healthy, healthy)).toBeNull();
    expect(chosenStaysChosen!.check(healthy, lost)).toMatch(/A was chosen/);
  });
});

describe("witnesses", () => {
  const empty: SystemView = { ...healthy, acceptors: healthy.acceptors.map((a) => ({ ...a, promised: null, accepted: null })), votes: [], promises: [], proposals: [], learned: [] };
  it("none is reached in a state where nothing happened", () => {
    for (const w of witnesses) expect(w.reached(empty), w.id).toBe(false);
  });
  it("value chosen, two proposers in phase 2 and adoption are reached on the healthy run", () => {
    const reached = witnesses.filter((w) => w.reached(healthy)).map((w) => w.id);
    expect(reached).toEqual(["sometimes-value-chosen", "sometimes-two-proposers-in-phase-2", "sometimes-proposer-adopts-reported-value"]);
  });
  it("each envelope witness is reached only where its situation arises", () => {
    const reached = (view: SystemView) => envelopeWitnesses.filter((w) => w.reached(view)).map((w) => w.id);
    expect(reached(empty)).toEqual([]);
    expect(reached(healthy)).toEqual([]);
    // 3.p1's Promises report a1's vote of 1.p1 and a3's vote of 2.p2.
    const twoBallots: SystemView = {
      ...healthy,
      promises: [...healthy.promises, { acceptor: "a1", ballot: b(3, "p1"), voted: { ballot: b(1, "p1"), value: "A" } }, { acceptor: "a3", ballot: b(3, "p1"), voted: { ballot: b(2, "p2"), value: "A" } }],
    };
    expect(reached(twoBallots)).toEqual(["sometimes-promises-report-votes-of-two-ballots"]);
    // Two Promises of one ballot reporting votes of the same ballot are not enough.
    const sameBallot: SystemView = { ...healthy, promises: [...healthy.promises, { acceptor: "a2", ballot: b(2, "p2"), voted: { ballot: b(1, "p1"), value: "A" } }] };
    expect(reached(sameBallot)).toEqual([]);
    // a1 voted in 1.p1, promised 2.p2, and is down; up, or down with only its vote, is not it.
    const down = (a: SystemView["acceptors"][number]) => ({ ...a, up: false });
    expect(reached({ ...healthy, acceptors: [down(healthy.acceptors[0]!), ...healthy.acceptors.slice(1)] })).toEqual(["sometimes-acceptor-down-after-voting-and-promising-higher"]);
    expect(reached({ ...healthy, acceptors: [healthy.acceptors[0]!, down(healthy.acceptors[1]!), healthy.acceptors[2]!] })).toEqual([]);
    // a3 promised 2.p2 before its vote in it; a2 never did.
    expect(reached({ ...healthy, votes: [...healthy.votes, { acceptor: "a3", ballot: b(2, "p2"), value: "A" }] })).toEqual([]);
    expect(reached({ ...healthy, votes: [...healthy.votes, { acceptor: "a2", ballot: b(2, "p2"), value: "A" }] })).toEqual(["sometimes-acceptor-votes-without-promising"]);
  });
  it("ids are unique across every property", () => {
    expect(new Set(allProperties.map((p) => p.id)).size).toBe(allProperties.length);
  });
});
