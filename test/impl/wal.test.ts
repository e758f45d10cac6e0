// The durable write-ahead log: replay, torn last record, corruption, compaction, and a real
// SIGKILL in the middle of writing.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile, appendFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CorruptLogError, FileStorage, encodeRecord } from "../../impl/adapters/file-storage.ts";
import { crc32 } from "../../impl/adapters/crc32.ts";
import type { WalRecord } from "../../impl/core/effects.ts";

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), "synod-wal-"));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const recs: WalRecord[] = [
  { t: "round", key: "k", round: 1 },
  { t: "promise", key: "k", ballot: { round: 1, proposer: "p1" } },
  { t: "vote", key: "k", ballot: { round: 1, proposer: "p1" }, value: "A" },
];

async function written(records: readonly WalRecord[]): Promise<string> {
  const dir = await freshDir();
  const s = new FileStorage(dir);
  await s.load();
  await s.append(records);
  await s.close();
  return dir;
}

describe("crc32", () => {
  it("matches the standard check value", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
  });
});

describe("FileStorage", () => {
  it("replays what was appended", async () => {
    const dir = await written(recs);
    expect(await new FileStorage(dir).load()).toEqual(recs);
  });

  it("truncates a torn last record at any byte and keeps the records before it", async () => {
    const dir = await written(recs);
    const file = path.join(dir, "synod.wal");
    const full = await readFile(file);
    const lastStart = full.length - encodeRecord(recs[2]!).length;
    for (const cut of [lastStart + 1, lastStart + 5, lastStart + 9, full.length - 1]) {
      await writeFile(file, full.subarray(0, cut));
      const s = new FileStorage(dir);
      expect(await s.load()).toEqual(recs.slice(0, 2));
      await s.close();
      expect((await stat(file)).size).toBe(lastStart);
    }
  });

  it("treats a full-length last record with a bad checksum as torn", async () => {
    const dir = await written(recs);
    const file = path.join(dir, "synod.wal");
    const buf = await readFile(file);
    buf[buf.length - 2] = buf[buf.length - 2]! ^ 0xff;
    await writeFile(file, buf);
    expect(await new FileStorage(dir).load()).toEqual(recs.slice(0, 2));
  });

  it("refuses to start on a corrupt record before the end", async () => {
    const dir = await written(recs);
    const file = path.join(dir, "synod.wal");
    const buf = await readFile(file);
    buf[10] = buf[10]! ^ 0x01; // inside the first record's payload
    await writeFile(file, buf);
    await expect(new FileStorage(dir).load()).rejects.toThrow(CorruptLogError);
    await expect(new FileStorage(dir).load()).rejects.toThrow(/corrupt at byte 0: checksum mismatch/);
  });

  it("compaction keeps the file bounded and the live state unchanged", async () => {
    const dir = await freshDir();
    const s = new FileStorage(dir, { compactBytes: 2000, sync: false });
    await s.load();
    for (let r = 1; r <= 200; r++) {
      await s.append([{ t: "promise", key: `k${r % 3}`, ballot: { round: r, proposer: "p1" } }, { t: "vote", key: `k${r % 3}`, ballot: { round: r, proposer: "p1" }, value: `v${r}` }]);
    }
    await s.close();
    expect((await stat(path.join(dir, "synod.wal"))).size).toBeLessThan(2500);
    const back = await new FileStorage(dir).load();
    const last = back.filter((x) => x.t === "vote" && x.key === "k2").at(-1);
    expect(last).toMatchObject({ value: "v200" });
  });

  it("recovers after a SIGKILL in the middle of writing: every acknowledged record survives", async () => {
    const dir = await freshDir();
    let torn = false;
    for (let attempt = 0; attempt < 3 && !torn; attempt++) {
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
      const before = (await stat(path.join(dir, "synod.wal"))).size;
      const records = await new FileStorage(dir).load();
      const after = (await stat(path.join(dir, "synod.wal"))).size;
      torn ||= after < before;
      const rounds = records.filter((x) => x.t === "round").map((x) => (x as { round: number }).round);
      expect(rounds.length).toBeGreaterThanOrEqual(acked > 0 ? 1 : 0);
      expect(Math.max(0, ...rounds.slice(-1))).toBeGreaterThanOrEqual(acked);
    }
    // Whether or not a kill landed mid-record, a torn tail written by hand is cut off too.
    const file = path.join(dir, "synod.wal");
    const size = (await stat(file)).size;
    await appendFile(file, encodeRecord(recs[2]!).subarray(0, 7));
    await new FileStorage(dir).load();
    expect((await stat(file)).size).toBe(size);
  });
});
