// The durable write-ahead log of one node, the Storage a real node runs on. Appends that
// arrive together become one batch, written and fsynced once (group commit), and append()
// resolves only after that fsync. Any failed write or fsync is final: every pending and later
// append fails, and failure listeners hear of it, so the node stops instead of replying
// (fail-stop; retrying an fsync after an error can report success for lost data).
// Layout of the data directory: synod.meta (its identity), wal-N.seg (segments of fixed
// size, zero-filled before use), snap-N.snp (the state before segment N), and a lock.
import * as path from "node:path";
import type { WalRecord } from "../core/effects.ts";
import type { Storage } from "../ports/storage.ts";
import type { DirLock, FileHandle, FileSystem } from "../ports/file-system.ts";
import { nodeFileSystem } from "../adapters/node-file-system.ts";
import { BatchKind, HEADER_BYTES, MAX_BATCH_BYTES, encodeBatch } from "./batch.ts";
import { compact } from "./compactor.ts";
import { META_FILE, checkDataDir, encodeMeta, isLogFile, type DirIdentity } from "./data-dir.ts";
import { DataDirError, StorageFailedError } from "./errors.ts";
import { recoverLog, type Repair } from "./recover.ts";
import { NEXT_SEGMENT_TMP, SEGMENT_HEADER_BYTES, segmentHeader, segmentName } from "./segment.ts";
import { snapshotName } from "./snapshot.ts";
import { writeAll, writeZeros } from "./write-all.ts";

export type FileStorageOptions = {
  readonly dir: string;
  /** The node and cluster this directory belongs to (checked at every start). */
  readonly identity: DirIdentity;
  /** May initialise a missing or empty directory: a node's very first start. */
  readonly init?: boolean;
  readonly fs?: FileSystem;
  /** fsync before an append resolves (default true; off only for experiments and simulation). */
  readonly sync?: boolean;
  /** Size of each segment file (default 8 MiB). */
  readonly segmentBytes?: number;
  /** Where recovery and compaction say what they did. */
  readonly log?: (line: string) => void;
};

const SEAL_RESERVE = 128;
const DEFAULT_SEGMENT_BYTES = 8 * 1024 * 1024;

type Pending = { readonly records: readonly WalRecord[]; readonly done: (e?: Error) => void };

export class FileStorage implements Storage {
  readonly dir: string;
  /** What recovery repaired at the last load (torn writes dropped, leftovers removed). */
  repairs: readonly Repair[] = [];
  private readonly fs: FileSystem;
  private readonly sync: boolean;
  private readonly segmentBytes: number;
  private lockHeld: DirLock | null = null;
  private active: { segno: number; handle: FileHandle; pos: number; size: number } | null = null;
  private nextSeq = 1;
  private snapshot: { segno: number; bytes: number } | null = null;
  private sealed: number[] = [];
  private preparing: Promise<void> | null = null;
  private compaction: Promise<void> | null = null;
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;
  private failure: StorageFailedError | null = null;
  private readonly listeners: ((e: StorageFailedError) => void)[] = [];
  private closed = false;

  constructor(private readonly o: FileStorageOptions) {
    this.dir = o.dir;
    this.fs = o.fs ?? nodeFileSystem;
    this.sync = o.sync ?? true;
    this.segmentBytes = o.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
    if (this.segmentBytes < 32 * 1024 || this.segmentBytes > 2 ** 31) throw new RangeError("segmentBytes must be between 32 KiB and 2 GiB");
  }

  /** Call `f` once if the storage fails (a write, fsync, segment preparation or compaction). */
  onFailure(f: (e: StorageFailedError) => void): void {
    this.listeners.push(f);
    if (this.failure) f(this.failure);
  }

  async load(): Promise<readonly WalRecord[]> {
    if (this.o.init) await this.fs.mkdirp(this.dir);
    else if ((await this.fs.list(this.dir)) === null) throw new DataDirError(`data directory ${this.dir} does not exist (start a new node once with --init)`);
    this.lockHeld = await this.fs.lock(this.dir);
    try {
      if ((await checkDataDir(this.fs, this.dir, this.o.identity, this.o.init ?? false)) === "empty") await this.initialise();
      return await this.recover();
    } catch (e) {
      await this.lockHeld.release();
      this.lockHeld = null;
      throw e;
    }
  }

  append(records: readonly WalRecord[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed || !this.active) return Promise.reject(new Error("storage is not open"));
    if (records.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ records, done: (e) => (e ? reject(e) : resolve()) });
      this.writing ??= this.drain();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.writing;
    await this.preparing?.catch(() => {});
    await this.compaction?.catch(() => {});
    await this.active?.handle.close().catch(() => {});
    this.active = null;
    await this.lockHeld?.release();
    this.lockHeld = null;
  }

  private async initialise(): Promise<void> {
    for (const n of (await this.fs.list(this.dir)) ?? []) if (isLogFile(n)) await this.fs.remove(path.join(this.dir, n));
    await this.prepareSegment(1);
    await this.fs.rename(path.join(this.dir, NEXT_SEGMENT_TMP), path.join(this.dir, segmentName(1)));
    const tmp = path.join(this.dir, `${META_FILE}.tmp`);
    await this.fs.remove(tmp);
    const h = await this.fs.open(tmp, "create");
    await writeAll(h, encodeMeta(this.o.identity), 0);
    if (this.sync) await h.datasync();
    await h.close();
    await this.fs.rename(tmp, path.join(this.dir, META_FILE));
    if (this.sync) await this.fs.syncDir(this.dir);
    this.o.log?.(`initialised data directory ${this.dir} for node ${this.o.identity.node} of cluster ${this.o.identity.cluster}`);
  }

  private async recover(): Promise<readonly WalRecord[]> {
    const files = new Map<string, Buffer>();
    for (const n of (await this.fs.list(this.dir)) ?? []) {
      if (!isLogFile(n)) continue;
      const buf = await this.fs.readFile(path.join(this.dir, n));
      if (buf) files.set(n, buf);
    }
    const r = recoverLog(this.dir, files);
    for (const repair of r.repairs) await this.repair(repair);
    if (this.sync && r.repairs.some((x) => x.kind !== "zero")) await this.fs.syncDir(this.dir);
    this.repairs = r.repairs;
    const segno = r.segments.at(-1)!;
    // A segment keeps the size it was created with, whatever the current setting.
    const size = files.get(segmentName(segno))!.length;
    this.active = { segno, handle: await this.fs.open(path.join(this.dir, segmentName(segno)), "existing"), pos: r.end, size };
    this.nextSeq = r.nextSeq;
    this.sealed = r.segments.slice(0, -1);
    this.snapshot = r.snapshot === null ? null : { segno: r.snapshot, bytes: files.get(snapshotName(r.snapshot))!.length };
    return r.records;
  }

  private async repair(r: Repair): Promise<void> {
    const file = path.join(this.dir, r.file);
    this.o.log?.(`recovery: ${r.kind === "zero" ? `dropped ${r.bytes} bytes at byte ${r.offset} of` : r.kind === "seal" ? "sealed" : "removed"} ${file}: ${r.detail}`);
    if (r.kind === "remove") return this.fs.remove(file);
    const h = await this.fs.open(file, "existing");
    try {
      if (r.kind === "zero") await writeZeros(h, r.offset, r.bytes);
      else await writeAll(h, encodeBatch(BatchKind.seal, r.seq, { next: r.next }), r.offset);
      if (this.sync) await h.datasync();
    } finally {
      await h.close();
    }
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.failure) {
      const batch = this.takeBatch();
      try {
        await this.writeBatch(batch.flatMap((p) => p.records));
        for (const p of batch) p.done();
      } catch (e) {
        const failure = this.fail("writing the log", e);
        for (const p of batch) p.done(failure);
      }
    }
    for (const p of this.queue.splice(0)) p.done(this.failure!);
    this.writing = null;
  }

  /** As many queued appends as fit one batch (always at least one). */
  private takeBatch(): Pending[] {
    const limit = Math.min(MAX_BATCH_BYTES, this.segmentBytes - SEGMENT_HEADER_BYTES - SEAL_RESERVE) - 2 * HEADER_BYTES;
    let bytes = 0;
    let n = 0;
    while (n < this.queue.length) {
      const size = this.queue[n]!.records.reduce((s, r) => s + Buffer.byteLength(JSON.stringify(r)) + 1, 0);
      if (n > 0 && bytes + size > limit) break;
      bytes += size;
      n++;
    }
    return this.queue.splice(0, n);
  }

  private async writeBatch(records: readonly WalRecord[]): Promise<void> {
    let bytes = encodeBatch(BatchKind.records, this.nextSeq, records);
    if (this.active!.pos + bytes.length + SEAL_RESERVE > this.active!.size) {
      await this.roll();
      bytes = encodeBatch(BatchKind.records, this.nextSeq, records);
    }
    const a = this.active!;
    await writeAll(a.handle, bytes, a.pos);
    if (this.sync) await a.handle.datasync();
    a.pos += bytes.length;
    this.nextSeq++;
    if (!this.preparing && a.pos > a.size / 2) this.prepareNextInBackground();
  }

  /**
   * Move to the next segment: put the prepared file in place first, then seal this one, so
   * that a sealed segment always has its successor (recovery seals one left unsealed).
   */
  private async roll(): Promise<void> {
    const a = this.active!;
    const next = a.segno + 1;
    // A preparation that failed in the background (a full disk, say) is tried once more here;
    // if that fails too, the write fails and the node stops.
    const prepared = this.preparing ?? this.prepareSegment(next);
    this.preparing = null;
    await prepared.catch(() => this.prepareSegment(next));
    await this.fs.rename(path.join(this.dir, NEXT_SEGMENT_TMP), path.join(this.dir, segmentName(next)));
    if (this.sync) await this.fs.syncDir(this.dir);
    await writeAll(a.handle, encodeBatch(BatchKind.seal, this.nextSeq, { next }), a.pos);
    if (this.sync) await a.handle.datasync();
    this.nextSeq++;
    await a.handle.close();
    this.active = { segno: next, handle: await this.fs.open(path.join(this.dir, segmentName(next)), "existing"), pos: SEGMENT_HEADER_BYTES, size: this.segmentBytes };
    this.sealed.push(a.segno);
    this.maybeCompact();
  }

  private prepareNextInBackground(): void {
    const p = this.prepareSegment(this.active!.segno + 1);
    p.catch(() => {}); // retried once when needed by roll(); a second failure stops the node
    this.preparing = p;
  }

  /** A zero-filled, synced segment file under a temporary name, ready to be renamed into place. */
  private async prepareSegment(segno: number): Promise<void> {
    const tmp = path.join(this.dir, NEXT_SEGMENT_TMP);
    await this.fs.remove(tmp);
    const h = await this.fs.open(tmp, "create");
    try {
      await writeAll(h, segmentHeader(segno, this.segmentBytes), 0);
      await writeZeros(h, SEGMENT_HEADER_BYTES, this.segmentBytes - SEGMENT_HEADER_BYTES);
      if (this.sync) await h.datasync();
    } finally {
      await h.close();
    }
  }

  /** Compact once the sealed segments outweigh twice the last snapshot (amortised cost per write). */
  private maybeCompact(): void {
    if (this.compaction || this.closed) return;
    const logBytes = this.sealed.length * this.segmentBytes;
    if (this.sealed.length < 2 || logBytes < 2 * (this.snapshot?.bytes ?? 0)) return;
    const segments = [...this.sealed];
    const started = Date.now();
    this.compaction = compact(this.fs, this.dir, this.snapshot?.segno ?? null, segments, this.sync, () => this.closed)
      .then((r) => {
        this.snapshot = { segno: r.snapshot, bytes: r.bytes };
        this.sealed = this.sealed.filter((s) => s >= r.snapshot);
        this.o.log?.(`compaction: ${segments.length} segments and the old snapshot became ${snapshotName(r.snapshot)} (${r.keys} keys, ${r.bytes} bytes) in ${Date.now() - started} ms`);
      })
      .catch((e) => void (this.closed || this.fail("compacting the log", e)))
      .finally(() => (this.compaction = null));
  }

  private fail(what: string, e: unknown): StorageFailedError {
    if (this.failure) return this.failure;
    this.failure = e instanceof StorageFailedError ? e : new StorageFailedError(`${what} in ${this.dir}`, e);
    for (const f of this.listeners) f(this.failure);
    return this.failure;
  }
}
