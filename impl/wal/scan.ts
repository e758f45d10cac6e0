// Reading batches back, one at a time. A scan is a generator so that recovery can run it to
// the end at once, while background compaction yields to the event loop between batches and
// keeps request latency flat however large the log is.
import type { WalRecord } from "../core/effects.ts";
import { BatchKind, batchExtent, bodyIntact, bodyOf, readHeader, type BatchHeader } from "./batch.ts";
import { CorruptLogError } from "./errors.ts";
import { WalRecordSchema } from "./records.ts";

export type Batch =
  | { readonly kind: typeof BatchKind.records; readonly seq: number; readonly offset: number; readonly records: WalRecord[] }
  | { readonly kind: typeof BatchKind.seal; readonly seq: number; readonly offset: number; readonly next: number }
  | { readonly kind: typeof BatchKind.snapshotEnd; readonly seq: number; readonly offset: number; readonly records: number; readonly batches: number };

/**
 * The intact batches from `start` on, with consecutive sequence numbers from `firstSeq`
 * (null: whatever the first one has). Returns the offset where the first non-batch begins.
 * A batch whose checksums hold but whose body is not what a node writes is corruption.
 */
export function* batchesFrom(buf: Buffer, start: number, firstSeq: number | null, file: string): Generator<Batch, number, void> {
  let off = start;
  let expect = firstSeq;
  for (;;) {
    const h = readHeader(buf, off);
    if (!h || (expect !== null && h.seq !== expect) || !bodyIntact(buf, off, h)) return off;
    yield parseBody(buf, off, h, file);
    expect = h.seq + 1;
    off += batchExtent(h.length);
  }
}

function parseBody(buf: Buffer, off: number, h: BatchHeader, file: string): Batch {
  let json: unknown;
  try {
    json = JSON.parse(bodyOf(buf, off, h).toString("utf8"));
  } catch {
    throw new CorruptLogError(file, off, `batch seq ${h.seq} passes its checksums but its body is not JSON`);
  }
  const bad = (what: string) => new CorruptLogError(file, off, `batch seq ${h.seq} passes its checksums but ${what}`);
  if (h.kind === BatchKind.records) {
    if (!Array.isArray(json)) throw bad("its body is not a list of records");
    const records = json.map((r, i) => {
      const p = WalRecordSchema.safeParse(r);
      if (!p.success) throw bad(`record ${i} is not a log record (${p.error.issues[0]?.message})`);
      return p.data as WalRecord;
    });
    return { kind: h.kind, seq: h.seq, offset: off, records };
  }
  const o = json as Record<string, unknown>;
  if (h.kind === BatchKind.seal) {
    if (typeof o?.next !== "number") throw bad("its seal names no next segment");
    return { kind: h.kind, seq: h.seq, offset: off, next: o.next };
  }
  if (typeof o?.records !== "number" || typeof o?.batches !== "number") throw bad("its end marker has no counts");
  return { kind: h.kind, seq: h.seq, offset: off, records: o.records, batches: o.batches };
}

/** Run a scan to its end at once. */
export function runSync<T, R>(g: Generator<T, R, void>, each: (item: T) => void = () => {}): R {
  for (;;) {
    const n = g.next();
    if (n.done) return n.value;
    each(n.value);
  }
}

/** Run a scan, yielding to the event loop every `every` items. */
export async function runAsync<T, R>(g: Generator<T, R, void>, each: (item: T) => void, every = 16): Promise<R> {
  for (let i = 1; ; i++) {
    const n = g.next();
    if (n.done) return n.value;
    each(n.value);
    if (i % every === 0) await new Promise((r) => setImmediate(r));
  }
}
