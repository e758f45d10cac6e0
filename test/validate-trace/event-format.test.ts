// The event format at the boundary: ballots in every accepted shape read into Synod's Ballot
// (Synod's own unchanged), a Promise's vote absent (not reported) kept apart from null (no vote),
// crash and restart with or without a key, and errors that name the field.
import { describe, expect, it } from "vitest";
import { parseTraceLines, TraceLogError } from "../../impl/trace-log.ts";
import { formatBallot } from "../../protocol/ballot.ts";
import { SimCluster } from "../../harness/sim-cluster.ts";

const parse = (...events: object[]) => parseTraceLines(events.map((e) => JSON.stringify(e)).join("\n"), "t.trace").map((l) => l.event);
const prepare = (ballot: unknown) => ({ event: "prepare-sent", node: "p1", key: "k", ballot });
const error = (...events: object[]) => {
  try {
    parse(...events);
  } catch (e) {
    if (e instanceof TraceLogError) return e.message;
    throw e;
  }
  throw new Error("parsed");
};

describe("the trace event format", () => {
  it("reads every ballot shape into Synod's Ballot; Synod's own is unchanged", () => {
    const got = parse(prepare(7), prepare({ round: 7 }), prepare({ round: 7, owner: "p1" }), prepare({ round: 7, proposer: "p1" }), prepare(0));
    expect(got.map((e) => ("ballot" in e ? e.ballot : null))).toEqual([
      { round: 7, proposer: "" },
      { round: 7, proposer: "" },
      { round: 7, proposer: "p1" },
      { round: 7, proposer: "p1" },
      { round: 0, proposer: "" },
    ]);
    expect(got.map((e) => ("ballot" in e ? formatBallot(e.ballot) : ""))).toEqual(["7", "7", "7.p1", "7.p1", "0"]);
    // Ballots inside a reported vote and a Nack's promise take the same shapes.
    const [promise, nack] = parse(
      { event: "promise-sent", node: "a1", key: "k", to: "p1", ballot: 2, voted: { ballot: { round: 1, owner: "p2" }, value: "A" } },
      { event: "nack-sent", node: "a1", key: "k", to: "p1", ballot: 2, promised: { round: 3 } },
    );
    expect(promise).toMatchObject({ ballot: { round: 2, proposer: "" }, voted: { ballot: { round: 1, proposer: "p2" }, value: "A" } });
    expect(nack).toMatchObject({ promised: { round: 3, proposer: "" } });
  });

  it("keeps a Promise's absent vote (not reported) apart from null (no vote)", () => {
    const [absent, none] = parse({ event: "promise-sent", node: "a1", key: "k", to: "p1", ballot: 1 }, { event: "promise-sent", node: "a1", key: "k", to: "p1", ballot: 1, voted: null });
    expect(absent).not.toHaveProperty("voted");
    expect(none).toHaveProperty("voted", null);
  });

  it("takes crash and restart for one key or, without a key, for every key of the node", () => {
    expect(parse({ event: "restart", node: "a1" }, { event: "crash", node: "p1", key: "k" })).toEqual([
      { event: "restart", node: "a1" },
      { event: "crash", node: "p1", key: "k" },
    ]);
    expect(error({ event: "restart", node: "a1", ballot: 1 })).toContain('line 1: event: Unrecognized key: "ballot"');
    expect(error({ event: "prepare-sent", node: "p1", ballot: 1 })).toContain("line 1: field key:");
  });

  it("names the field of a bad ballot", () => {
    expect(error(prepare("7"))).toBe("t.trace line 1: field ballot: a ballot is a round (a number), { round }, { round, owner } or { round, proposer }");
    expect(error(prepare(-1))).toBe("t.trace line 1: field ballot.round: a ballot's round is at least 0");
    expect(error(prepare({ round: 1.5, owner: "p1" }))).toBe("t.trace line 1: field ballot.round: a ballot's round is an integer");
    expect(error(prepare({ round: 1, owner: "p1", proposer: "p1" }))).toBe("t.trace line 1: field ballot.owner: a ballot names its owner once: owner or proposer, not both");
    expect(error(prepare({ round: 1, leader: "p1" }))).toBe('t.trace line 1: field ballot: Unrecognized key: "leader"');
    expect(error({ event: "promise-sent", node: "a1", key: "k", to: "p1", ballot: 2, voted: { ballot: { round: "x" }, value: "A" } })).toBe(
      "t.trace line 1: field voted.ballot.round: a ballot's round is a number",
    );
  });

  it("is what the implementation logs: a node booted over its storage logs a restart, a fresh one does not", async () => {
    const c = await SimCluster.create({ acceptors: ["a1", "a2", "a3"], proposers: ["p1"] });
    try {
      await c.propose("p1", "k", "A");
      await c.deliverAll();
      expect(c.events.some((e) => e.event === "restart")).toBe(false);
      await c.crash("a1");
      await c.restart("a1");
      await c.crash("a2"); // a1 holds a promise and a vote; a2 too; p1 a round: all boot over storage
      await c.restart("a2");
      await c.crash("p1");
      await c.restart("p1");
      expect(c.events.filter((e) => e.event === "restart")).toEqual([
        { event: "restart", node: "a1" },
        { event: "restart", node: "a2" },
        { event: "restart", node: "p1" },
      ]);
    } finally {
      await c.close();
    }
  });
});
