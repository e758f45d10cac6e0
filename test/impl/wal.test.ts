// The write-ahead log on the real file system: its data directory (identity, initialisation,
// an exclusive lock), compaction, and a real SIGKILL in the middle of writing.
import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FileStorage, type FileStorageOptions } from "../../impl/wal/file-storage.ts";
import { DataDirError } from "../../impl/wal/errors.ts";
import { DirLockedError } from "../../impl/adapters/dir-lock.ts";
import type { WalRecord } from "../../impl/core/effects.ts";
import { LiveState } from "../../impl/core/live-state.ts";

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), "synod-wal-"));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const identity = { cluster: "c1", node: "a1" };
const open = (dir: string, o: Partial<FileStorageOptions> = {}) => new FileStorage({ dir, identity, segmentBytes: 64 * 1024, ...o });
const recs: WalRecord[] = [
  { t: "round", key: "k", round: 1 },
  { t: "promise", key: "k", ballot: { round: 1, proposer: "p1" } },
  { t: "vote", key: "k", ballot: { round: 1, proposer: "p1" }, value: "A" },
];

describe("the data directory", () => {
  it("is initialised only when asked, and then replays what was appended", async () => {
    const dir = path.join(await freshDir(), "a1");
    await expect(open(dir).load()).rejects.toThrow(/does not exist \(start a new node once with --init\)/);
    const s = open(dir, { init: true });
    expect(await s.load()).toEqual([]);
    await s.append(recs);
    await s.close();
    const again = open(dir);
    expect(await again.load()).toEqual(recs);
    await again.close();
  });

  it("refuses an empty directory without --init: a node that lost its data must not start empty", async () => {
    const dir = await freshDir();
    await expect(open(dir).load()).rejects.toThrow(DataDirError);
    await expect(open(dir).load()).rejects.toThrow(/holds no synod data.*start it once with --init.*forget the promises/);
  });

  it("refuses another node's or another cluster's directory, and a foreign one", async () => {
    const dir = await freshDir();
    const s = open(dir, { init: true });
    await s.load();
    await s.close();
    await expect(open(dir, { identity: { cluster: "c1", node: "a2" } }).load()).rejects.toThrow(/belongs to node a1 of cluster c1, not to node a2 of cluster c1/);
    await expect(open(dir, { identity: { cluster: "c9", node: "a1" } }).load()).rejects.toThrow(/not to node a1 of cluster c9/);
    const foreign = await freshDir();
    await writeFile(path.join(foreign, "photo.jpg"), "x");
    await expect(open(foreign, { init: true }).load()).rejects.toThrow(/is not a synod data directory: it holds photo.jpg/);
  });

  it("is locked: a second node on the same directory is refused while the first runs", async () => {
    const dir = await freshDir();
    const first = open(dir, { init: true });
    await first.load();
    await expect(open(dir).load()).rejects.toThrow(DirLockedError);
    await first.close();
    const second = open(dir);
    await second.load();
    await second.close();
  });
});

describe("compaction", () => {
  it("keeps the files bounded while keys are rewritten, and the state replays the same", async () => {
    const dir = await freshDir();
    const s = open(dir, { init: true, sync: false });
    await s.load();
    const live = new LiveState();
    for (let r = 1; r <= 3000; r++) {
      const key = `k${r % 50}`;
      const batch: WalRecord[] = [{ t: "promise", key, ballot: { round: r, proposer: "p1" } }, { t: "vote", key, ballot: { round: r, proposer: "p1" }, value: `v${r}` }, { t: "round", key, round: r }];
      batch.forEach((x) => live.apply(x));
      await s.append(batch);
    }
    await new Promise((r) => setTimeout(r, 200)); // let a background compaction finish
    await s.close();
    const names = await readdir(dir);
    expect(names.some((n) => n.startsWith("snap-"))).toBe(true);
    let bytes = 0;
    for (const n of names) bytes += (await stat(path.join(dir, n))).size;
    expect(bytes).toBeLessThan(6 * 64 * 1024);
    const back = new LiveState();
    const again = open(dir);
    for (const r of await again.load()) back.apply(r);
    await again.close();
    expect([...back.records()]).toEqual([...live.records()]);
  });
});

describe("a real SIGKILL", () => {
  it("in the middle of writing: every acknowledged record survives, and the node starts", async () => {
    const dir = await freshDir();
    for (let attempt = 0; attempt < 2; attempt++) {
      const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "support/wal-writer.ts"), dir], { stdio: ["ignore", "pipe", "inherit"] });
      let acked = 0;
      child.stdout.on("data", (b: Buffer) => {
        const lines = b.toString().trim().split("\n");
        acked = Math.max(acked, Number(lines.at(-1)));
      });
      for (let i = 0; i < 200 && acked === 0; i++) await new Promise((r) => setTimeout(r, 50)); // child started
      await new Promise((r) => setTimeout(r, 100 + attempt * 70));
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
      const s = open(dir);
      const records = await s.load();
      await s.close();
      const rounds = records.filter((x) => x.t === "round").map((x) => (x as { round: number }).round);
      expect(Math.max(0, ...rounds)).toBeGreaterThanOrEqual(acked);
    }
  });
});
