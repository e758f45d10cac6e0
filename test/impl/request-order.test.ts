// Requests for one key on one proposer node share its Paxos instance, and still get
// linearizable answers: a "none" answers only reads that arrived before the ballot that
// found nothing started; a later read, or a proposal, gets an instance of its own.
import { describe, expect, it } from "vitest";
import { MemoryNetwork } from "../../impl/adapters/memory-transport.ts";
import { MemoryStorage } from "../../impl/adapters/memory-storage.ts";
import { PaxosNode } from "../../impl/node.ts";

const acceptors = ["a1", "a2", "a3"];

async function setup() {
  const net = new MemoryNetwork();
  for (const id of acceptors) await PaxosNode.start({ id, acceptors, transport: net.endpoint(id), storage: new MemoryStorage() });
  const p1 = await PaxosNode.start({ id: "p1", acceptors, transport: net.endpoint("p1"), storage: new MemoryStorage() });
  const settle = async () => {
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
  };
  /** Deliver until nothing is in flight. */
  const drain = async () => {
    for (let i = 0; i < 100; i++) {
      await settle();
      if (net.pump() === 0) return;
    }
  };
  return { net, p1, settle, drain };
}

const state = <T,>(p: Promise<T>) => {
  const s: { done: boolean; value?: T } = { done: false };
  void p.then((v) => Object.assign(s, { done: true, value: v }));
  return s;
};

describe("concurrent requests for one key on one proposer", () => {
  it("a proposal that arrives during a read's phase 1 is proposed by it: both answer the value", async () => {
    const { p1, settle, drain } = await setup();
    const read = p1.request("k", null);
    await settle(); // the read's Prepares are out
    const propose = p1.request("k", "A");
    await drain();
    expect(await propose).toBe("A");
    expect(await read).toBe("A");
  });

  it("a read that arrives after a read's ballot started is not answered by its 'none'", async () => {
    const { net, p1, settle, drain } = await setup();
    const first = state(p1.request("k", null));
    await settle();
    const rounds = () => net.inFlight.filter((e) => e.frame.msg.type === "prepare").map((e) => e.frame.msg.ballot.round);
    expect(rounds()).toEqual([1, 1, 1]);
    const second = state(p1.request("k", null));
    // Deliver the first ballot's Prepares and Promises only.
    for (let i = 0; i < 4; i++) {
      net.pump(net.inFlight.length);
      await settle();
    }
    expect(first).toEqual({ done: true, value: null });
    await drain();
    expect(second).toEqual({ done: true, value: null });
    expect(p1.roundOf("k")).toBe(2); // the second read ran a ballot of its own
  });
});
