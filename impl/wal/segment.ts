// A log segment: a file of fixed size, zero-filled and synced before it is used, so that an
// append never changes a file's size (a truncated segment is visible as one) and the unused
// part reads as zeros. A 32-byte header names the segment; batches follow; a full segment
// ends with a seal batch naming the next one, written once the next segment exists.
//
//   0 magic "SYNS"   4 format version   8 segment number (u64)   16 segment size   20..27 zero
//   28 crc32 of bytes 0..27
import { crc32 } from "./crc32.ts";
import { BatchKind, writeU64, readU64 } from "./batch.ts";
import { CorruptLogError } from "./errors.ts";
import { batchesFrom, runSync } from "./scan.ts";
import { classifyTail, type TornWrite } from "./torn-tail.ts";
import type { WalRecord } from "../core/effects.ts";

const SEGMENT_MAGIC = 0x53594e53;
export const SEGMENT_HEADER_BYTES = 32;
const FORMAT = 1;

export const segmentName = (n: number) => `wal-${n.toString(16).padStart(16, "0")}.seg`;
export const SEGMENT_NAME = /^wal-([0-9a-f]{16})\.seg$/;
/** The next segment, zero-filled ahead of need under this name and renamed into place when used. */
export const NEXT_SEGMENT_TMP = "wal-next.tmp";

export function segmentHeader(segno: number, size: number): Buffer {
  const h = Buffer.alloc(SEGMENT_HEADER_BYTES);
  h.writeUInt32BE(SEGMENT_MAGIC, 0);
  h.writeUInt32BE(FORMAT, 4);
  writeU64(h, 8, segno);
  h.writeUInt32BE(size, 16);
  h.writeUInt32BE(crc32(h.subarray(0, 28)), 28);
  return h;
}

export function checkSegmentHeader(buf: Buffer, segno: number, file: string): void {
  const bad = (why: string) => new CorruptLogError(file, 0, why);
  if (buf.length < SEGMENT_HEADER_BYTES || buf.readUInt32BE(0) !== SEGMENT_MAGIC || crc32(buf.subarray(0, 28)) !== buf.readUInt32BE(28)) {
    throw bad("the segment header is damaged (bad magic or checksum)");
  }
  if (buf.readUInt32BE(4) !== FORMAT) throw bad(`segment format ${buf.readUInt32BE(4)} is not format ${FORMAT}`);
  if (readU64(buf, 8) !== segno) throw bad(`the header says segment ${readU64(buf, 8)}, the file name says ${segno}`);
  const size = buf.readUInt32BE(16);
  if (size !== buf.length) throw bad(`the segment is ${buf.length} bytes long but was created with ${size}: it was truncated or extended`);
}

export type SegmentScan = {
  readonly records: WalRecord[];
  /** Sequence number of the next batch after this segment's last. */
  readonly nextSeq: number;
  /** Where the next batch would go. */
  readonly end: number;
  /** The next segment's number if this one is sealed. */
  readonly sealedFor: number | null;
  /** A torn write after `end` (only in the segment that was being written). */
  readonly torn: TornWrite | null;
};

/**
 * Read one segment. `active`: it is the segment that was being written, where a torn last
 * write may be dropped; in any other, damage refuses.
 */
export function scanSegment(buf: Buffer, segno: number, expectSeq: number, active: boolean, file: string): SegmentScan {
  checkSegmentHeader(buf, segno, file);
  const records: WalRecord[] = [];
  let seq = expectSeq;
  let sealedFor: number | null = null;
  const end = runSync(batchesFrom(buf, SEGMENT_HEADER_BYTES, expectSeq, file), (b) => {
    if (sealedFor !== null) throw new CorruptLogError(file, b.offset, `batch seq ${b.seq} follows the seal of the segment`);
    if (b.kind === BatchKind.records) records.push(...b.records);
    else if (b.kind === BatchKind.seal) sealedFor = b.next;
    else throw new CorruptLogError(file, b.offset, "a snapshot batch inside a log segment");
    seq = b.seq + 1;
  });
  // Nothing is ever written after a seal, so what lies there cannot hide an acknowledged batch.
  if (sealedFor !== null) return { records, nextSeq: seq, end, sealedFor, torn: null };
  if (!active) {
    const torn = classifyTail(buf, end, seq, file);
    if (torn) throw new CorruptLogError(file, end, `${torn.detail}, in a segment that is not the last one`);
    throw new CorruptLogError(file, end, "a segment that is not the last one has no seal");
  }
  return { records, nextSeq: seq, end, sealedFor: null, torn: classifyTail(buf, end, seq, file) };
}
