// Recovery as a pure function of the files of a data directory: the records to apply, where
// appending resumes, and the repairs to make first (each one said aloud by the node). It is
// pure so that the tests can run it on every damaged image of a real log, byte by byte.
import * as path from "node:path";
import type { WalRecord } from "../core/effects.ts";
import { CorruptLogError } from "./errors.ts";
import { runSync } from "./scan.ts";
import { NEXT_SEGMENT_TMP, SEGMENT_NAME, scanSegment, segmentName, type SegmentScan } from "./segment.ts";
import { SNAPSHOT_NAME, scanSnapshot, snapshotName } from "./snapshot.ts";
import { BatchKind } from "./batch.ts";

export type Repair =
  /** Zero `bytes` at `offset`: a torn write that was never acknowledged. */
  | { readonly kind: "zero"; readonly file: string; readonly offset: number; readonly bytes: number; readonly detail: string }
  /** Seal a segment whose successor was created just before a crash. */
  | { readonly kind: "seal"; readonly file: string; readonly offset: number; readonly seq: number; readonly next: number; readonly detail: string }
  /** Remove a leftover: a temporary file, or a snapshot or segment a newer snapshot replaced. */
  | { readonly kind: "remove"; readonly file: string; readonly detail: string };

export type Recovered = {
  readonly records: WalRecord[];
  readonly repairs: Repair[];
  /** The snapshot in use (segment number), if any. */
  readonly snapshot: number | null;
  /** Segments in use, oldest first; the last is the one appends go to. */
  readonly segments: number[];
  /** Where the next batch goes in the active segment, and its sequence number. */
  readonly end: number;
  readonly nextSeq: number;
};

/** `files`: name -> content of every log file of the directory (segments, snapshots, leftovers). */
export function recoverLog(dir: string, files: ReadonlyMap<string, Buffer>): Recovered {
  const repairs: Repair[] = [];
  const numbered = (re: RegExp) => [...files.keys()].flatMap((n) => (re.exec(n) ? [parseInt(re.exec(n)![1]!, 16)] : [])).sort((a, b) => a - b);
  // wal-next.tmp is the next segment, prepared ahead of need; it is prepared again when needed.
  for (const n of files.keys()) if (n.endsWith(".tmp") && n !== NEXT_SEGMENT_TMP) repairs.push({ kind: "remove", file: n, detail: "a temporary file left by an interrupted compaction or segment preparation" });
  const snaps = numbered(SNAPSHOT_NAME);
  const snap = snaps.at(-1) ?? null;
  for (const s of snaps.slice(0, -1)) repairs.push({ kind: "remove", file: snapshotName(s), detail: `replaced by ${snapshotName(snap!)}` });
  const base = snap ?? 1;
  const all = numbered(SEGMENT_NAME);
  for (const s of all.filter((s) => s < base)) repairs.push({ kind: "remove", file: segmentName(s), detail: `its records are in ${snapshotName(snap!)}` });
  const segments = all.filter((s) => s >= base);
  const where = (name: string) => path.join(dir, name);
  if (segments[0] !== base) {
    throw new CorruptLogError(where(segmentName(base)), 0, segments.length === 0 ? "the log has no segment: it was deleted" : `segment ${base} is missing (found ${segments.map(String).join(", ")})`);
  }
  segments.forEach((s, i) => {
    if (s !== base + i) throw new CorruptLogError(where(segmentName(base + i)), 0, `segment ${base + i} is missing (found ${segments.map(String).join(", ")})`);
  });

  const records: WalRecord[] = [];
  let seq = 1;
  if (snap !== null) {
    const info = runSync(scanSnapshot(files.get(snapshotName(snap))!, snap, where(snapshotName(snap))), (b) => b.kind === BatchKind.records && records.push(...b.records));
    seq = info.nextSeq;
  }
  const last = segments.length - 1;
  // A crash between creating the next segment and sealing this one leaves an unsealed
  // segment followed by an empty one: the unsealed one was still the active segment.
  const lastIsEmpty = last > 0 && isEmptySegment(files.get(segmentName(segments[last]!))!);
  let scan: SegmentScan | null = null;
  for (let i = 0; i <= last; i++) {
    const n = segments[i]!;
    const file = where(segmentName(n));
    const active = i === last || (i === last - 1 && lastIsEmpty);
    scan = scanSegment(files.get(segmentName(n))!, n, seq, active, file);
    records.push(...scan.records);
    seq = scan.nextSeq;
    if (scan.torn) repairs.push({ kind: "zero", file: segmentName(n), offset: scan.torn.offset, bytes: scan.torn.bytes, detail: scan.torn.detail });
    if (i === last && scan.sealedFor !== null) throw new CorruptLogError(where(segmentName(n + 1)), 0, `segment ${n} is sealed for segment ${n + 1}, which is missing: it was deleted`);
    if (scan.sealedFor !== null && scan.sealedFor !== n + 1) throw new CorruptLogError(file, scan.end, `the seal names segment ${scan.sealedFor}, not ${n + 1}`);
    if (scan.sealedFor === null && i === last - 1) {
      repairs.push({ kind: "seal", file: segmentName(n), offset: scan.end, seq, next: n + 1, detail: `the node stopped after creating segment ${n + 1} and before sealing segment ${n}` });
      seq++;
    }
  }
  return { records, repairs, snapshot: snap, segments, end: scan!.sealedFor === null ? scan!.end : 0, nextSeq: seq };
}

function isEmptySegment(buf: Buffer): boolean {
  // The first batch slot after the header holds nothing.
  for (let i = 32; i < Math.min(buf.length, 64); i++) if (buf[i] !== 0) return false;
  return true;
}
