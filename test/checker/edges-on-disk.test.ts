// Edges past their memory budget go to disk (checker/chunked-ints.ts, chunk-file.ts) and come
// back a chunk at a time: every int in order and in reverse, the memory held near the budget,
// the files gone after dispose; and the progress check judges the same whether the edges it
// reads were in memory or on disk, on a passing model and on one where progress fails; and
// what a killed process left on disk goes with the next run.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { check } from "../../checker/check.ts";
import type { ModelDefinition } from "../../checker/definition.ts";
import { ChunkFile } from "../../checker/chunk-file.ts";
import { ChunkedInts } from "../../checker/chunked-ints.ts";
import { EdgeList } from "../../checker/edge-list.ts";
import { removeSpillFolderIfEmpty, removeStaleSpillFolders } from "../../checker/spill-folder.ts";
import type { CheckOptions } from "../../checker/result.ts";
import { definition as basic } from "../../model/basic-paxos/definition.ts";
import { registry } from "../../model/registry.ts";

const MiB = 1 << 20;
const free = () => {};

describe("a chunked list over its memory budget", () => {
  it("keeps its first chunks in memory, writes the later ones to disk and reads them all back in reverse", () => {
    const list = new ChunkedInts(free, "the edge list", { memoryBytes: 8 * MiB });
    onTestFinished(() => list.dispose());
    const n = 10_000_000;
    let most = 0;
    for (let i = 0; i < n; i++) {
      list.push(i * 7);
      if ((i & 0xffff) === 0) most = Math.max(most, list.bytes());
    }
    expect(list.length).toBe(n);
    expect(list.spilledBytes).toBeGreaterThan(20 * MiB);
    // The budget and one chunk: never the 40 MB pushed.
    expect(most).toBeLessThanOrEqual(8 * MiB + 4 * MiB);
    expect(list.peakBytes(1_000_000)).toBeLessThanOrEqual(8 * MiB + 4 * MiB);
    expect(() => list.parts()).toThrow(/on disk; read them with partsDown/);
    const down = list.partsDown();
    let i = n;
    let wrong = 0;
    for (let part = down(); part; part = down()) for (let k = part.length - 1; k >= 0; k--) if (part[k] !== --i * 7) wrong++;
    expect(i).toBe(0);
    expect(wrong).toBe(0);
  });

  it("removes its folder when disposed", () => {
    const file = new ChunkFile("synod-test-");
    file.write(3, Int32Array.of(1, 2, 3));
    file.write(5, Int32Array.of(4, 5));
    expect(Array.from(file.read(3, new Int32Array(8)))).toEqual([1, 2, 3]);
    expect(Array.from(file.read(5, new Int32Array(8)))).toEqual([4, 5]);
    expect(() => file.read(4, new Int32Array(8))).toThrow(/chunk 4 was never written/);
    const folder = file.folder!;
    expect(existsSync(folder)).toBe(true);
    file.dispose();
    expect(existsSync(folder)).toBe(false);
  });
});

describe("an edge list on disk", () => {
  it("gives the same edges, deepest source first, and the same successor lists as one in memory", () => {
    const states = 100_000;
    const fill = (list: EdgeList) => {
      for (let s = 0; s < states; s++) {
        list.beginState();
        for (let k = 0; k < s % 9; k++) list.add((s * 13 + k) % states);
      }
    };
    const memory = new EdgeList();
    const disk = new EdgeList(free, 1);
    onTestFinished(() => disk.dispose());
    fill(memory);
    fill(disk);
    expect(disk.spilledBytes).toBeGreaterThan(0);
    const edges = (list: EdgeList) => {
      const out: number[] = [];
      list.forEachDown((from, to) => out.push(from, to));
      return Int32Array.from(out);
    };
    const differ = (a: Int32Array, b: Int32Array) => a.length !== b.length || a.some((x, i) => x !== b[i]);
    expect(differ(edges(disk), edges(memory))).toBe(false);
    const [a, b] = [disk.forward(states), memory.forward(states)];
    expect(differ(a.start, b.start) || differ(a.targets, b.targets)).toBe(false);
  });
});

describe("the progress check over edges on disk", () => {
  const same = async (definition: ModelDefinition<unknown, unknown, unknown>, config: object, o: CheckOptions) => {
    const run = (more: CheckOptions) => check({ definition, config: definition.parseConfig(config) }, { ...o, ...more });
    const memory = await run({});
    const disk = await run({ edgeMemoryBytes: 1 });
    expect(disk.verdict).toBe(memory.verdict);
    expect(disk.stats).toMatchObject({ distinctStates: memory.stats.distinctStates, transitions: memory.stats.transitions, depth: memory.stats.depth });
    expect(disk.violation?.steps.length).toBe(memory.violation?.steps.length);
    expect(disk.stats.bytes).toBeLessThan(memory.stats.bytes);
    return disk;
  };

  it("verifies Basic Paxos, in fingerprint mode too", async () => {
    const basicPaxos = basic as ModelDefinition<unknown, unknown, unknown>;
    expect((await same(basicPaxos, { retries: 0 }, {})).verdict).toBe("verified");
    expect((await same(basicPaxos, { retries: 0 }, { fingerprint: true, symmetry: true })).verdict).toBe("verified");
  });

  it("finds the same shortest dead end of seed 004's scheme 3", async () => {
    const majority = registry.get("derivation-majority") as ModelDefinition<unknown, unknown, unknown>;
    const disk = await same(majority, {}, {});
    expect([disk.verdict, disk.violation?.kind, disk.violation?.steps.length]).toEqual(["violation", "progress", 21]);
  });
});

describe("spill folders of processes that are gone", () => {
  it("are removed by the next run; those of running processes are kept", () => {
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid!;
    const alive = spawn("sleep", ["30"]);
    onTestFinished(() => void alive.kill());
    const folders = [gone, alive.pid!, process.pid].map((pid) => join(tmpdir(), `synod-${pid}`));
    for (const f of folders) {
      mkdirSync(join(f, "edges-x"), { recursive: true });
      writeFileSync(join(f, "edges-x", "chunks.bin"), "written before a kill");
    }
    onTestFinished(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));
    expect(removeStaleSpillFolders()).toBeGreaterThanOrEqual(1);
    expect(folders.map((f) => existsSync(f))).toEqual([false, true, true]);
  });

  it("a structure's folder lies in its process's folder, which goes once empty", () => {
    const file = new ChunkFile("edges-");
    file.write(0, Int32Array.of(7));
    const folder = file.folder!;
    expect(folder.startsWith(join(tmpdir(), `synod-${process.pid}`))).toBe(true);
    removeSpillFolderIfEmpty();
    expect(existsSync(folder)).toBe(true);
    file.dispose();
    expect(existsSync(folder)).toBe(false);
    // The process's folder goes with the last folder in it (another structure of this test
    // process may still hold one: then it stays, not empty).
    const parent = join(tmpdir(), `synod-${process.pid}`);
    expect(!existsSync(parent) || readdirSync(parent).length > 0).toBe(true);
  });
});

describe("memory options for what spills to disk, where they do not apply", () => {
  const basicPaxos = basic as ModelDefinition<unknown, unknown, unknown>;
  const run = (definition: ModelDefinition<unknown, unknown, unknown>, o: CheckOptions) => check({ definition, config: definition.parseConfig({ retries: 0 }) }, o);

  it("are refused by name instead of being ignored", async () => {
    await expect(run(basicPaxos, { queueMemoryBytes: MiB })).rejects.toThrow(/basic-paxos: --queue-memory .* not without --fingerprint/);
    await expect(run(basicPaxos, { edgeMemoryBytes: MiB, shard: { index: 0, count: 2 } })).rejects.toThrow(/--edge-memory .* a shard keeps none; not with --shard/);
    await expect(run(basicPaxos, { edgeMemoryBytes: MiB, workers: 2 })).rejects.toThrow(/--edge-memory: workers sharing one visited set .* not with --workers above 1 without --fingerprint/);
    const lamport = registry.get("lamport-paxos") as ModelDefinition<unknown, unknown, unknown>;
    await expect(check({ definition: lamport, config: lamport.parseConfig({ ballots: 1 }) }, { edgeMemoryBytes: MiB })).rejects.toThrow(/lamport-paxos: --edge-memory .* the model has no progress check/);
    // Where they apply, the same options run.
    expect((await run(basicPaxos, { edgeMemoryBytes: MiB, workers: 2, fingerprint: true })).verdict).toBe("verified");
  });
});
