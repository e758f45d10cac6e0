// In-memory scenarios driven step by step: loss, duplication, reordering, crashes. After each
// the invariants of invariants/ are checked on the implementation's snapshot.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { SimCluster } from "../../harness/sim-cluster.ts";
import type { SystemView } from "../../invariants/view.ts";

// Agreement, computed from the ghost votes: values with a quorum of votes in one ballot.
function chosen(v: SystemView): Set<string> {
  const count = new Map<string, Set<string>>();
  for (const x of v.votes) {
    const k = JSON.stringify([x.ballot.round, x.ballot.proposer, x.value]);
    count.set(k, (count.get(k) ?? new Set()).add(x.acceptor));
  }
  return new Set([...count].filter(([, s]) => s.size >= v.quorumSize).map(([k]) => JSON.parse(k)[2] as string));
}

const index = (c: SimCluster, pred: (e: (typeof c.network.inFlight)[number]) => boolean) => c.network.inFlight.findIndex(pred);

describe("SimCluster scenarios", () => {
  it("a lone proposer gets its value chosen in two round trips", async () => {
    const c = await SimCluster.create();
    await c.propose("p1", "k", "A");
    expect(c.network.inFlight.map((e) => e.frame.msg.type)).toEqual(["prepare", "prepare", "prepare"]);
    await c.deliverAll();
    expect(c.outcomes).toEqual([{ proposer: "p1", key: "k", asked: "A", result: "A" }]);
    expect([...chosen(c.view("k"))]).toEqual(["A"]);
    expect(c.view("k").learned).toEqual([{ learner: "p1", value: "A" }]);
  });

  it("with loss and a timeout, a second proposer adopts the value voted by the first", async () => {
    const c = await SimCluster.create();
    await c.propose("p1", "k", "A");
    await c.lose(index(c, (e) => e.to === "a3"));
    await c.deliverAll(); // a1, a2 vote A in 1.p1; p1 learns A
    await c.propose("p2", "k", "B");
    await c.lose(index(c, (e) => e.to === "a1"));
    await c.lose(index(c, (e) => e.to === "a2")); // only a3 (no vote) answers p2
    await c.deliverAll();
    expect(c.outcomes.filter((o) => o.proposer === "p2")).toEqual([]);
    await c.timeout("p2", "k");
    await c.deliverAll();
    expect(c.outcomes).toContainEqual({ proposer: "p2", key: "k", asked: "B", result: "A" });
    expect([...chosen(c.view("k"))]).toEqual(["A"]);
  });

  it("duplicated and reordered messages, and acceptor crash/restart, keep one value chosen", async () => {
    const c = await SimCluster.create();
    await c.propose("p1", "k", "A");
    await c.propose("p2", "k", "B");
    for (let i = 0; i < 6; i++) await c.duplicate(i);
    await c.crash("a2");
    // deliver newest first: reordering
    while (c.network.inFlight.length > 0) await c.deliver(c.network.inFlight.length - 1);
    await c.restart("a2");
    for (const p of ["p1", "p2"]) await c.timeout(p, "k");
    await c.deliverAll();
    const results = new Set(c.outcomes.map((o) => o.result));
    expect(results.size).toBe(1);
    expect(chosen(c.view("k")).size).toBe(1);
    expect([...chosen(c.view("k"))][0]).toBe([...results][0]);
  });

  it("a restarted proposer never reuses a ballot: its round is durable", async () => {
    const c = await SimCluster.create();
    await c.propose("p1", "k", "A");
    await c.crash("p1");
    await c.restart("p1");
    expect(c.node("p1")!.roundOf("k")).toBe(1);
    await c.propose("p1", "k", "A");
    const prepares = c.network.inFlight.filter((e) => e.frame.msg.type === "prepare").map((e) => e.frame.msg.ballot.round);
    expect(new Set(prepares)).toEqual(new Set([1, 2]));
  });

  it("a read answers none before any vote, and the chosen value after", async () => {
    const c = await SimCluster.create();
    await c.propose("p2", "k", null);
    await c.deliverAll();
    expect(c.outcomes).toEqual([{ proposer: "p2", key: "k", asked: null, result: null }]);
    await c.propose("p1", "k", "A");
    await c.deliverAll(); // 1.p1 is below the read's 1.p2: refused in silence
    expect(c.outcomes.length).toBe(1);
    await c.timeout("p1", "k");
    await c.deliverAll();
    await c.propose("p2", "k", null);
    await c.deliverAll();
    expect(c.outcomes.at(-1)).toEqual({ proposer: "p2", key: "k", asked: null, result: "A" });
  });

  it("with a write-ahead log per node, promises and votes survive a crash of every acceptor", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "synod-sim-"));
    try {
      const c = await SimCluster.create({ storage: { dir } });
      await c.propose("p1", "k", "A");
      await c.deliverAll();
      for (const a of c.acceptorIds) await c.crash(a);
      for (const a of c.acceptorIds) await c.restart(a);
      expect(c.slot("a1", "k").accepted).toEqual({ ballot: { round: 1, proposer: "p1" }, value: "A" });
      await c.propose("p2", "k", "B");
      await c.deliverAll();
      expect(c.outcomes.at(-1)).toEqual({ proposer: "p2", key: "k", asked: "B", result: "A" });
      await c.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
