// A step that throws is a bug in the node (frames are parsed and admitted before any step sees
// them, storage failures are caught where they happen): the node stops, fails its requests with
// the error, says so once through onFatal, and sends nothing more. Before, the error was
// swallowed and the node went on from a state half updated. The bug is made without touching
// impl/: a decision rule that throws, given as the node's rules.
import { describe, expect, it } from "vitest";
import { MemoryNetwork } from "../../impl/adapters/memory-transport.ts";
import { MemoryStorage } from "../../impl/adapters/memory-storage.ts";
import { PaxosNode } from "../../impl/node.ts";
import { correctRules } from "../../protocol/rules.ts";

describe("a node whose step throws", () => {
  it("stops and says why: the request fails with the error, onFatal hears it once, nothing more is sent", async () => {
    const network = new MemoryNetwork();
    const heard: Error[] = [];
    const rules = {
      ...correctRules,
      chooseValue: () => {
        throw new Error("chooseValue exploded");
      },
    };
    const node = await PaxosNode.start({ id: "p1", acceptors: ["a1", "a2", "a3"], transport: network.endpoint("p1"), storage: new MemoryStorage(), rules, onFatal: (e) => heard.push(e) });
    const answer = node.request("k", "A");
    await node.idle();
    expect(network.inFlight.map((e) => e.frame.msg.type)).toEqual(["prepare", "prepare", "prepare"]);
    network.inFlight.length = 0;
    for (const from of ["a1", "a2"]) await node.receive({ type: "paxos", key: "k", msg: { type: "promise", from, ballot: { round: 1, proposer: "p1" }, voted: null } });
    await expect(answer).rejects.toThrow("internal error: chooseValue exploded");
    expect(heard.map((e) => e.message)).toEqual(["internal error: chooseValue exploded"]);
    expect(node.fatal?.message).toBe("internal error: chooseValue exploded");
    await node.receive({ type: "paxos", key: "k", msg: { type: "promise", from: "a3", ballot: { round: 1, proposer: "p1" }, voted: null } });
    await node.timeout("k");
    expect(network.inFlight).toEqual([]);
  });
});
