// The variant switch changes behaviour without editing code: the same schedule that is safe
// under correct Paxos breaks it under a broken variant.
import { describe, expect, it } from "vitest";
import { SimCluster } from "../../harness/sim-cluster.ts";
import type { VariantName } from "../../harness/impl-variants.ts";

async function splitBrain(variant: VariantName) {
  const c = await SimCluster.create({ variant });
  await c.propose("p1", "k", "A");
  await c.propose("p2", "k", "B");
  // p1 reaches a1 only, p2 reaches a3 only; everything else is lost.
  const keep = (from: string, to: string) => c.network.inFlight.findIndex((e) => e.from === from && e.to === to);
  for (const [from, drop] of [["p1", "a2"], ["p1", "a3"], ["p2", "a1"], ["p2", "a2"]] as const) await c.lose(keep(from, drop));
  await c.deliverAll();
  return c.outcomes.map((o) => o.result).sort();
}

describe("variants", () => {
  it("ballot-reused-after-restart makes a restarted proposer send a ballot it already used", async () => {
    for (const [variant, round] of [["correct", 2], ["ballot-reused-after-restart", 1]] as const) {
      const c = await SimCluster.create({ variant });
      await c.propose("p1", "k", "A");
      await c.crash("p1");
      await c.restart("p1");
      c.network.inFlight.splice(0); // forget the first prepares
      await c.propose("p1", "k", "B");
      expect(c.network.inFlight.map((e) => e.frame.msg.ballot.round)).toEqual([round, round, round]);
    }
  });

  it("quorum-n-over-2 lets two proposers get different values chosen where correct Paxos chooses none", async () => {
    expect(await splitBrain("correct")).toEqual([]);
    expect(await splitBrain("quorum-n-over-2")).toEqual(["A", "B"]);
  });

  it("reply-before-sync and acceptor-state-lost lose a promise that was already sent when the acceptor crashes and restarts", async () => {
    for (const [variant, expected] of [["correct", 1], ["reply-before-sync", null], ["acceptor-state-lost", null]] as const) {
      const c = await SimCluster.create({ variant });
      await c.propose("p1", "k", "A");
      await c.deliver(c.network.inFlight.findIndex((e) => e.to === "a1"));
      expect(c.network.inFlight.some((e) => e.frame.msg.type === "promise")).toBe(true);
      await c.crash("a1");
      await c.restart("a1");
      expect(c.slot("a1", "k").promised?.round ?? null).toBe(expected);
    }
  });
});
