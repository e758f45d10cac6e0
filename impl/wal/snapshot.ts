// A snapshot: the live state of every key as of the start of segment N (everything in the
// segments before it), which replaces those segments. It is written to a temporary file,
// synced and renamed into place, so a snapshot under its final name is always complete: any
// damage to it refuses. Batches of records follow a 32-byte header; an end batch counts them.
//
//   0 magic "SYNP"   4 format version   8 segment number N (u64)   16 seq of N's first batch (u64)
//   24 zero   28 crc32 of bytes 0..27
import type { WalRecord } from "../core/effects.ts";
import { BatchKind, encodeBatch, readU64, writeU64, MAX_BATCH_BYTES } from "./batch.ts";
import { crc32 } from "./crc32.ts";
import { CorruptLogError } from "./errors.ts";
import { batchesFrom, type Batch } from "./scan.ts";

const SNAPSHOT_MAGIC = 0x53594e50;
const HEADER_BYTES = 32;
const FORMAT = 1;

export const snapshotName = (n: number) => `snap-${n.toString(16).padStart(16, "0")}.snp`;
export const SNAPSHOT_NAME = /^snap-([0-9a-f]{16})\.snp$/;

function header(segno: number, nextSeq: number): Buffer {
  const h = Buffer.alloc(HEADER_BYTES);
  h.writeUInt32BE(SNAPSHOT_MAGIC, 0);
  h.writeUInt32BE(FORMAT, 4);
  writeU64(h, 8, segno);
  writeU64(h, 16, nextSeq);
  h.writeUInt32BE(crc32(h.subarray(0, 28)), 28);
  return h;
}

/** The snapshot file, chunk by chunk (each chunk one batch), so a large one is written without one huge buffer. */
export function* encodeSnapshot(segno: number, nextSeq: number, records: Iterable<WalRecord>): Generator<Buffer, void, void> {
  yield header(segno, nextSeq);
  let batch: WalRecord[] = [];
  let bytes = 0;
  let seq = 0;
  let count = 0;
  for (const r of records) {
    batch.push(r);
    count++;
    bytes += JSON.stringify(r).length + 1;
    if (bytes > MAX_BATCH_BYTES / 4) {
      yield encodeBatch(BatchKind.records, seq++, batch);
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length > 0) yield encodeBatch(BatchKind.records, seq++, batch);
  yield encodeBatch(BatchKind.snapshotEnd, seq, { records: count, batches: seq });
}

export type SnapshotInfo = { readonly segno: number; readonly nextSeq: number };

/** Scan a snapshot: yields its record batches, returns its header; throws on any damage. */
export function* scanSnapshot(buf: Buffer, segno: number, file: string): Generator<Batch, SnapshotInfo, void> {
  if (buf.length < HEADER_BYTES || buf.readUInt32BE(0) !== SNAPSHOT_MAGIC || crc32(buf.subarray(0, 28)) !== buf.readUInt32BE(28)) {
    throw new CorruptLogError(file, 0, "the snapshot header is damaged (bad magic or checksum)");
  }
  if (buf.readUInt32BE(4) !== FORMAT) throw new CorruptLogError(file, 0, `snapshot format ${buf.readUInt32BE(4)} is not format ${FORMAT}`);
  if (readU64(buf, 8) !== segno) throw new CorruptLogError(file, 0, `the header says snapshot ${readU64(buf, 8)}, the file name says ${segno}`);
  let records = 0;
  let last: Batch | null = null;
  const end = yield* counting(batchesFrom(buf, HEADER_BYTES, 0, file), (b) => {
    if (last?.kind === BatchKind.snapshotEnd) throw new CorruptLogError(file, b.offset, "a batch after the end of the snapshot");
    if (b.kind === BatchKind.records) records += b.records.length;
    else if (b.kind === BatchKind.seal) throw new CorruptLogError(file, b.offset, "a seal inside a snapshot");
    last = b;
  });
  const fin = last as Batch | null;
  if (fin === null || fin.kind !== BatchKind.snapshotEnd) throw new CorruptLogError(file, end, "the snapshot is damaged or incomplete here (no intact end marker)");
  if (fin.records !== records || fin.batches !== fin.seq) throw new CorruptLogError(file, fin.offset, `the end marker counts ${fin.records} records, the snapshot holds ${records}`);
  if (end !== buf.length) throw new CorruptLogError(file, end, "bytes after the end of the snapshot");
  return { segno, nextSeq: readU64(buf, 16) };
}

function* counting<T, R>(g: Generator<T, R, void>, each: (t: T) => void): Generator<T, R, void> {
  for (;;) {
    const n = g.next();
    if (n.done) return n.value;
    each(n.value);
    yield n.value;
  }
}
