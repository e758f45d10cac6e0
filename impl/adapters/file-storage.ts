// The durable write-ahead log of one node: a file of records, each
//   [u32 length][u32 crc32 of the payload][payload: UTF-8 JSON of a WalRecord]
// appended and fsynced before append() resolves. Appends that arrive together are written
// and synced once (group commit). Recovery applies the records; a torn last record (the
// process died mid-write) is truncated away; a bad record with more data after it is
// corruption, and the node refuses to start. Compaction rewrites the live state to a new
// file and renames it over the old one when the log grows past a bound.
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { Ballot, Value } from "../../protocol/messages.ts";
import { Key } from "../codec.ts";
import type { WalRecord } from "../core/effects.ts";
import type { Storage } from "../ports/storage.ts";
import { crc32 } from "./crc32.ts";
import { compactRecords } from "./compact.ts";

const WalRecordSchema = z.discriminatedUnion("t", [
  z.strictObject({ t: z.literal("promise"), key: Key, ballot: Ballot }),
  z.strictObject({ t: z.literal("vote"), key: Key, ballot: Ballot, value: Value }),
  z.strictObject({ t: z.literal("round"), key: Key, round: z.number().int().min(0) }),
]);

export class CorruptLogError extends Error {
  constructor(file: string, offset: number, reason: string) {
    super(`write-ahead log ${file} is corrupt at byte ${offset}: ${reason}; refusing to start (restore the file or remove it only if this node's promises may be forgotten)`);
    this.name = "CorruptLogError";
  }
}

export function encodeRecord(r: WalRecord): Buffer {
  const body = Buffer.from(JSON.stringify(r), "utf8");
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.writeUInt32BE(crc32(body), 4);
  return Buffer.concat([head, body]);
}

/** Parse a log image: the records, and the length of the valid prefix. Throws on corruption. */
export function decodeLog(buf: Buffer, file: string): { records: WalRecord[]; validBytes: number } {
  const records: WalRecord[] = [];
  let off = 0;
  while (off < buf.length) {
    if (buf.length - off < 8) break; // torn header
    const len = buf.readUInt32BE(off);
    const end = off + 8 + len;
    if (end > buf.length) break; // torn body
    const body = buf.subarray(off + 8, end);
    const bad = crc32(body) !== buf.readUInt32BE(off + 4) ? "checksum mismatch" : validate(body);
    if (bad !== null) {
      if (end === buf.length) break; // the last record was torn mid-write
      throw new CorruptLogError(file, off, bad);
    }
    records.push(WalRecordSchema.parse(JSON.parse(body.toString("utf8"))));
    off = end;
  }
  return { records, validBytes: off };
}

function validate(body: Buffer): string | null {
  try {
    const r = WalRecordSchema.safeParse(JSON.parse(body.toString("utf8")));
    return r.success ? null : "record does not match the schema";
  } catch {
    return "record is not valid JSON";
  }
}

export type FileStorageOptions = { readonly sync?: boolean; readonly compactBytes?: number };

export class FileStorage implements Storage {
  private handle: fs.FileHandle | null = null;
  private size = 0;
  private live: WalRecord[] = [];
  private queue: { records: readonly WalRecord[]; done: (e?: unknown) => void }[] = [];
  private writing = false;
  readonly file: string;
  private readonly sync: boolean;
  private readonly compactBytes: number;

  constructor(dir: string, opts: FileStorageOptions = {}) {
    this.file = path.join(dir, "synod.wal");
    this.sync = opts.sync ?? true;
    this.compactBytes = opts.compactBytes ?? 4 * 1024 * 1024;
  }

  async load(): Promise<readonly WalRecord[]> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const buf = await fs.readFile(this.file).catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? Buffer.alloc(0) : Promise.reject(e)));
    const { records, validBytes } = decodeLog(buf, this.file);
    if (validBytes < buf.length) await fs.truncate(this.file, validBytes);
    this.handle = await fs.open(this.file, "a");
    this.size = validBytes;
    this.live = records;
    return records;
  }

  append(records: readonly WalRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ records, done: (e) => (e ? reject(e) : resolve()) });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      try {
        await this.write(batch.flatMap((b) => b.records));
        for (const b of batch) b.done();
      } catch (e) {
        for (const b of batch) b.done(e);
      }
    }
    this.writing = false;
  }

  private async write(records: readonly WalRecord[]): Promise<void> {
    if (!this.handle) throw new Error("storage used before load()");
    const bytes = Buffer.concat(records.map(encodeRecord));
    await this.handle.write(bytes);
    if (this.sync) await this.handle.datasync();
    this.size += bytes.length;
    this.live.push(...records);
    if (this.size > this.compactBytes) await this.compact();
  }

  /** Rewrite the live state (the last promise, vote and round per key) and swap it in. */
  private async compact(): Promise<void> {
    this.live = compactRecords(this.live);
    const tmp = `${this.file}.compact`;
    const bytes = Buffer.concat(this.live.map(encodeRecord));
    const h = await fs.open(tmp, "w");
    await h.write(bytes);
    await h.sync();
    await h.close();
    await this.handle!.close();
    await fs.rename(tmp, this.file);
    const dir = await fs.open(path.dirname(this.file), "r");
    await dir.sync().catch(() => {});
    await dir.close();
    this.handle = await fs.open(this.file, "a");
    this.size = bytes.length;
  }

  async close(): Promise<void> {
    while (this.writing) await new Promise((r) => setTimeout(r, 1));
    await this.handle?.close();
    this.handle = null;
  }
}
