// What follows the last intact batch of the active segment, and whether recovery may drop it.
// Segments are zero-filled before use, and a batch never holds two zero bytes in a row
// outside its header (batch.ts), so:
// - only zeros: the clean end of the log;
// - the last write reached the disk only in part (its header and what follows are shorter
//   than any batch, or its header sector is missing, or two zero bytes in a row sit inside
//   it), and nothing intact follows: a torn write, whose fsync never returned, so it was
//   never acknowledged; recovery zeroes it and says so;
// - anything else (a damaged header, a body that fails its checksum with every byte present,
//   bytes after a damaged batch, an intact batch after damage) may be an acknowledged batch
//   that the disk damaged later: the node refuses to start.
// Each rule holds against any single damaged byte; a disk that zeroes whole sectors of the
// last batch after acknowledging it would be taken for a torn write (docs/impl.md).
import { ALIGN, HEADER_BYTES, MAX_BATCH_BYTES, batchExtent, readHeader } from "./batch.ts";
import { CorruptLogError } from "./errors.ts";

/** A torn write to zero out: `bytes` from `offset` (never acknowledged). */
export type TornWrite = { readonly offset: number; readonly bytes: number; readonly detail: string };

/** Null for a clean end; the torn write to drop; throws CorruptLogError otherwise. */
export function classifyTail(buf: Buffer, at: number, expectSeq: number, file: string): TornWrite | null {
  const end = lastNonZero(buf, at) + 1;
  if (end <= at) return null;
  for (let p = at + ALIGN; p + HEADER_BYTES <= end; p += ALIGN) {
    const h = readHeader(buf, p);
    if (h) throw new CorruptLogError(file, at, `the bytes here are not a valid batch, yet an intact batch (seq ${h.seq}) follows at byte ${p}`);
  }
  const h = readHeader(buf, at);
  if (h === null) {
    if (end - at <= HEADER_BYTES) return { offset: at, bytes: end - at, detail: `the last write (batch seq ${expectSeq}) stopped inside its header` };
    if (!isZero(buf, at, at + HEADER_BYTES)) throw new CorruptLogError(file, at, `the header of batch seq ${expectSeq} is damaged (bad magic or checksum)`);
    if (end - at > MAX_BATCH_BYTES) throw new CorruptLogError(file, at, `${end - at} bytes of unknown data after the last batch, more than one write`);
    return { offset: at, bytes: end - at, detail: `the last write (batch seq ${expectSeq}) reached the disk only in part: its header sector is missing` };
  }
  if (h.seq !== expectSeq) throw new CorruptLogError(file, at, `batch seq ${h.seq} found where seq ${expectSeq} belongs`);
  const extent = batchExtent(h.length);
  if (at + extent > buf.length) throw new CorruptLogError(file, at, `batch seq ${h.seq} declares ${h.length} bytes, past the end of the segment`);
  if (end > at + extent) throw new CorruptLogError(file, at + extent, `stray bytes after batch seq ${h.seq}`);
  const missing = zeroPair(buf, at + HEADER_BYTES, at + extent);
  if (missing === null) {
    throw new CorruptLogError(file, at, `batch seq ${h.seq} (${h.length} bytes) fails its checksum although every byte of it was written, so it may have been acknowledged`);
  }
  return { offset: at, bytes: extent, detail: `the last write (batch seq ${h.seq}, ${h.length} bytes) reached the disk only in part: nothing was written at byte ${missing}` };
}

/** The first of two zero bytes in a row in [from, to): bytes of a batch that never landed. */
function zeroPair(buf: Buffer, from: number, to: number): number | null {
  for (let i = from; i + 1 < to; i++) if (buf[i] === 0 && buf[i + 1] === 0) return i;
  return null;
}

const CHUNK = 64 * 1024;
const ZEROS = Buffer.alloc(CHUNK);

/** The last non-zero byte at or after `from` (from - 1 if none); compares a chunk at a time. */
function lastNonZero(buf: Buffer, from: number): number {
  let end = buf.length;
  while (end > from) {
    const start = Math.max(from, end - CHUNK);
    if (!isZero(buf, start, end)) {
      for (let i = end - 1; i >= start; i--) if (buf[i] !== 0) return i;
    }
    end = start;
  }
  return from - 1;
}

export function isZero(buf: Buffer, from: number, to: number): boolean {
  for (let a = from; a < to; a += CHUNK) {
    const b = Math.min(to, a + CHUNK);
    if (buf.compare(ZEROS, 0, b - a, a, b) !== 0) return false;
  }
  return true;
}
