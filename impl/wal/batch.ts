// One group commit on disk: a batch of log records written by one write and made durable by
// one fsync. Its 32-byte header has a checksum of its own, so a damaged length is told apart
// from a damaged body. The body is JSON and the filler after it newlines: neither ever holds
// a zero byte, so two zero bytes in a row inside a batch are bytes that never reached the
// disk (a torn write), which no single damaged byte can imitate. Batches start at multiples
// of 32, so a header never straddles a 512-byte sector.
//
//   0 magic "SYNB"   4 kind (1 records, 2 seal, 3 snapshot end)   8 seq (u64 as hi, lo)
//   16 body length   20 crc32 of the body   24 zero   28 crc32 of bytes 0..27
//   32 body (UTF-8 JSON)   then at least 2 filler bytes ("\n") up to a multiple of 32
import { crc32 } from "./crc32.ts";

export const BATCH_MAGIC = 0x53594e42;
export const HEADER_BYTES = 32;
export const ALIGN = 32;
/** A batch never exceeds this (the writer splits larger group commits). */
export const MAX_BATCH_BYTES = 1024 * 1024;

export const BatchKind = { records: 1, seal: 2, snapshotEnd: 3 } as const;
export type BatchKind = (typeof BatchKind)[keyof typeof BatchKind];

export type BatchHeader = { readonly kind: BatchKind; readonly seq: number; readonly length: number; readonly bodyCrc: number };

export function align(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}

const MIN_FILLER = 2;
const FILLER = 0x0a;

/** Bytes a batch with a body of `bodyLength` bytes occupies, filler included. */
export function batchExtent(bodyLength: number): number {
  return align(HEADER_BYTES + bodyLength + MIN_FILLER);
}

export function encodeBatch(kind: BatchKind, seq: number, body: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(body), "utf8");
  const out = Buffer.alloc(batchExtent(json.length), FILLER);
  out.writeUInt32BE(BATCH_MAGIC, 0);
  out.writeUInt32BE(kind, 4);
  writeU64(out, 8, seq);
  out.writeUInt32BE(json.length, 16);
  out.writeUInt32BE(crc32(json), 20);
  out.writeUInt32BE(0, 24);
  out.writeUInt32BE(crc32(out.subarray(0, 28)), 28);
  json.copy(out, HEADER_BYTES);
  return out;
}

/** The header at `off`, or null if those 32 bytes are not an intact batch header. */
export function readHeader(buf: Buffer, off: number): BatchHeader | null {
  if (off + HEADER_BYTES > buf.length) return null;
  if (buf.readUInt32BE(off) !== BATCH_MAGIC) return null;
  if (crc32(buf.subarray(off, off + 28)) !== buf.readUInt32BE(off + 28)) return null;
  const kind = buf.readUInt32BE(off + 4);
  if (kind !== 1 && kind !== 2 && kind !== 3) return null;
  return { kind, seq: readU64(buf, off + 8), length: buf.readUInt32BE(off + 16), bodyCrc: buf.readUInt32BE(off + 20) };
}

export function bodyIntact(buf: Buffer, off: number, h: BatchHeader): boolean {
  const end = off + HEADER_BYTES + h.length;
  return end <= buf.length && crc32(buf.subarray(off + HEADER_BYTES, end)) === h.bodyCrc;
}

export function bodyOf(buf: Buffer, off: number, h: BatchHeader): Buffer {
  return buf.subarray(off + HEADER_BYTES, off + HEADER_BYTES + h.length);
}

export function writeU64(buf: Buffer, off: number, n: number): void {
  buf.writeUInt32BE(Math.floor(n / 2 ** 32), off);
  buf.writeUInt32BE(n >>> 0, off + 4);
}

export function readU64(buf: Buffer, off: number): number {
  return buf.readUInt32BE(off) * 2 ** 32 + buf.readUInt32BE(off + 4);
}
