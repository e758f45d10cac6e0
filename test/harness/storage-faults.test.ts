// The write-ahead log under a faulty file system: short writes are completed; a full disk and
// a failing fsync stop the storage for good (fail-stop) and the node sends nothing after;
// crashes that tear unsynced writes at random never lose an acknowledged record.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SimDisk } from "../../harness/sim-disk.ts";
import { FaultyFs } from "../../harness/faulty-fs.ts";
import { seededRng } from "../../impl/adapters/prng.ts";
import { MemoryNetwork } from "../../impl/adapters/memory-transport.ts";
import { PaxosNode } from "../../impl/node.ts";
import { StorageFailedError } from "../../impl/wal/errors.ts";
import type { WalRecord } from "../../impl/core/effects.ts";
import { record, storageOn } from "../impl/support/sim-log.ts";

describe("FileStorage on a faulty file system", () => {
  it("completes short writes: every record reads back", async () => {
    const fs = new FaultyFs(new SimDisk());
    const s = storageOn(fs);
    await s.load();
    fs.shortWrites = 7;
    const recs = Array.from({ length: 40 }, (_, i) => record(i));
    for (let i = 0; i < recs.length; i += 4) await s.append(recs.slice(i, i + 4));
    await s.close();
    fs.shortWrites = null;
    const again = storageOn(fs, { init: false });
    expect(await again.load()).toEqual(recs);
    await again.close();
  });

  it("stops for good on a full disk: the failed append and every later one reject, listeners hear once", async () => {
    const fs = new FaultyFs(new SimDisk());
    const s = storageOn(fs);
    await s.load();
    await s.append([record(1)]);
    const heard: Error[] = [];
    s.onFailure((e) => heard.push(e));
    fs.spaceLeft = 50; // part of the next batch fits: a short write, then ENOSPC
    await expect(s.append([record(2), record(3)])).rejects.toThrow(/writing the log in \/data\/a1 failed: ENOSPC/);
    fs.spaceLeft = null; // space is freed: the storage must stay stopped all the same
    await expect(s.append([record(4)])).rejects.toThrow(StorageFailedError);
    expect(heard).toHaveLength(1);
    await s.close();
    const again = storageOn(fs, { init: false });
    expect(await again.load()).toEqual([record(1)]);
    await again.close();
  });

  it("stops for good when an fsync fails (EIO), and does not retry it", async () => {
    const fs = new FaultyFs(new SimDisk());
    const s = storageOn(fs);
    await s.load();
    fs.syncsLeft = 0;
    await expect(s.append([record(1)])).rejects.toThrow(/EIO/);
    const syncs = fs.syncs;
    fs.syncsLeft = null;
    await expect(s.append([record(2)])).rejects.toThrow(StorageFailedError);
    expect(fs.syncs).toBe(syncs);
    await s.close();
  });

  it("a node whose fsync fails sends no Promise, fails its requests and reports once (fail-stop)", async () => {
    const fs = new FaultyFs(new SimDisk());
    const net = new MemoryNetwork();
    const fatal: Error[] = [];
    const a1 = await PaxosNode.start({ id: "a1", acceptors: ["a1"], transport: net.endpoint("a1"), storage: storageOn(fs), onFatal: (e) => fatal.push(e) });
    const p1 = await PaxosNode.start({ id: "p1", acceptors: ["a1"], transport: net.endpoint("p1"), storage: storageOn(new SimDisk()) });
    const answer = p1.request("k", "A");
    while (net.inFlight.length === 0) await new Promise((r) => setImmediate(r)); // p1's round is durable, its Prepare sent
    fs.syncsLeft = 0;
    net.pump(); // the Prepare reaches a1, whose promise cannot be made durable
    await new Promise((r) => setTimeout(r, 20));
    expect(net.inFlight.filter((e) => e.frame.msg.type === "promise")).toEqual([]);
    expect(fatal.map((e) => e.message)).toEqual([expect.stringMatching(/EIO.*the node stops/)]);
    expect(a1.fatal).toBe(fatal[0]);
    p1.abandon("k", new Error("gave up"));
    await expect(answer).rejects.toThrow("gave up");
    // A Prepare that arrives after the failure is not answered either.
    net.endpoint("p2").send("a1", { type: "paxos", key: "k2", msg: { type: "prepare", from: "p2", ballot: { round: 1, proposer: "p2" } } });
    net.pump();
    await new Promise((r) => setTimeout(r, 20));
    expect(net.inFlight).toEqual([]);
  });

  it("a start whose directory never settles (a hung mount) hangs only the load, which the caller bounds", async () => {
    const fs = new FaultyFs(new SimDisk());
    fs.hang.add("mkdirp");
    const outcome = await Promise.race([storageOn(fs).load().then(() => "loaded"), new Promise((r) => setTimeout(() => r("still waiting"), 50))]);
    expect(outcome).toBe("still waiting");
  });
});

describe("crashes with torn writes", () => {
  /** Append batches (some concurrently), crash the disk at a random moment, recover. */
  async function crashRun(seed: number): Promise<{ acked: WalRecord[]; recovered: WalRecord[]; written: WalRecord[]; torn: number }> {
    const rng = seededRng(seed);
    const disk = new SimDisk({ slow: true });
    const s = storageOn(disk);
    await s.load();
    const acked: WalRecord[] = [];
    const written: WalRecord[] = [];
    const pending: Promise<void>[] = [];
    const steps = 20 + Math.floor(rng.next() * 200);
    for (let i = 0; i < steps; i++) {
      const recs = Array.from({ length: 1 + Math.floor(rng.next() * 5) }, (_, j) => record(i * 8 + j));
      written.push(...recs);
      pending.push(s.append(recs).then(() => void acked.push(...recs)));
      if (rng.next() < 0.5) await pending.at(-1);
    }
    // Let a random number of the last writes land, then pull the plug.
    for (let i = Math.floor(rng.next() * 6); i > 0; i--) await new Promise((r) => setImmediate(r));
    const ackedAtCrash = [...acked];
    disk.crash(rng, "tear");
    const again = storageOn(disk, { init: false });
    const recovered = [...(await again.load())];
    await again.close();
    return { acked: ackedAtCrash, recovered, written, torn: again.repairs.filter((r) => r.kind === "zero").length };
  }

  it("recovers every acknowledged record, and only records that were written (fast-check, seeded)", async () => {
    let torn = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        const { acked, recovered, written, ...r } = await crashRun(seed);
        torn += r.torn;
        const key = (r: WalRecord) => JSON.stringify(r);
        const got = new Set(recovered.map(key));
        for (const r of acked) expect(got.has(key(r)), `seed ${seed}: acknowledged ${key(r)} lost`).toBe(true);
        const all = new Set(written.map(key));
        for (const r of recovered) expect(all.has(key(r))).toBe(true);
      }),
      { numRuns: 25, seed: 16 },
    );
    expect(torn).toBeGreaterThan(0); // not vacuous: some crashes did tear the last write
  });
});
