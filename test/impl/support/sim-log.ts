// A write-ahead log built on the simulated disk, for tests that damage its files: each append
// is its own batch, so every acknowledged record is known.
import type { WalRecord } from "../../../impl/core/effects.ts";
import { FileStorage } from "../../../impl/wal/file-storage.ts";
import { isLogFile } from "../../../impl/wal/data-dir.ts";
import { SimDisk } from "../../../harness/sim-disk.ts";
import type { FileSystem } from "../../../impl/ports/file-system.ts";

export const DIR = "/data/a1";
export const SEGMENT = 64 * 1024;

export function storageOn(fs: FileSystem, o: { init?: boolean; segmentBytes?: number; log?: (l: string) => void } = {}): FileStorage {
  return new FileStorage({ dir: DIR, identity: { cluster: "test", node: "a1" }, init: o.init ?? true, fs, segmentBytes: o.segmentBytes ?? SEGMENT, ...(o.log ? { log: o.log } : {}) });
}

/** Record i of a test log: a vote, a promise or a round, each for its own key and ballot. */
export function record(i: number): WalRecord {
  const ballot = { round: i, proposer: "p1" };
  if (i % 3 === 0) return { t: "vote", key: `k${i}`, ballot, value: `value-${i}` };
  if (i % 3 === 1) return { t: "promise", key: `k${i}`, ballot };
  return { t: "round", key: `k${i}`, round: i };
}

/** A log of `batches` appends of `perBatch` records each, closed cleanly. */
export async function simLog(batches: number, perBatch = 2, segmentBytes = SEGMENT): Promise<{ disk: SimDisk; acked: WalRecord[] }> {
  const disk = new SimDisk();
  const s = storageOn(disk, { segmentBytes });
  await s.load();
  const acked: WalRecord[] = [];
  for (let b = 0; b < batches; b++) {
    const recs = Array.from({ length: perBatch }, (_, j) => record(b * perBatch + j));
    await s.append(recs);
    acked.push(...recs);
  }
  await s.close();
  return { disk, acked };
}

/** name -> content of every log file in the directory. */
export async function logImages(fs: FileSystem, dir = DIR): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const n of (await fs.list(dir)) ?? []) if (isLogFile(n)) files.set(n, (await fs.readFile(`${dir}/${n}`))!);
  return files;
}
