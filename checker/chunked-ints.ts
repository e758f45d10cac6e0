// An append-only list of ints in chunks that never move: the explored graph's edges, billions
// of them in a large run, without the copies, and the doubled peak, of an array that doubles.
// Chunks start small, so that a small run stays small; every chunk holds an even number of
// ints, so a pair pushed with push2 never straddles two chunks. Given a memory budget, the list
// keeps its first chunks in memory and writes every later full chunk to disk (chunk-file.ts):
// it is read back in order or in reverse, a chunk at a time, never all at once.
import { ChunkFile } from "./chunk-file.ts";
import { dropped } from "./collect.ts";
import type { Held, Reserve } from "./held-memory.ts";

const FIRST_CHUNK = 1 << 12;
const LAST_CHUNK = 1 << 20;

/** Ints in chunk number `k`: doubling from FIRST_CHUNK up to LAST_CHUNK. */
const chunkSize = (k: number): number => (k >= 8 ? LAST_CHUNK : Math.min(LAST_CHUNK, FIRST_CHUNK * 2 ** k));

export type ChunkedIntsOptions = {
  /** The ints of one element (2 for pairs), as peakBytes counts elements. */
  readonly width?: number;
  /** Bytes of chunks kept in memory; later full chunks go to disk. */
  readonly memoryBytes?: number;
};

export class ChunkedInts implements Held {
  /** Chunk k, or undefined while it is on disk. */
  private readonly chunks: (Int32Array | undefined)[] = [];
  private current = new Int32Array(0);
  private at = 0;
  private full = 0;
  /** Ints in the chunks in memory. */
  private held = 0;
  private readonly width: number;
  private readonly memoryBytes: number;
  private readonly disk: ChunkFile;

  constructor(private readonly reserve: Reserve, private readonly what: string, options: ChunkedIntsOptions = {}) {
    this.width = options.width ?? 1;
    this.memoryBytes = options.memoryBytes ?? Infinity;
    this.disk = new ChunkFile("edges-");
  }

  /** Ints pushed: past 2^32 in a large run, so a float. */
  get length(): number {
    return this.full + this.at;
  }

  /** Bytes written to disk. */
  get spilledBytes(): number {
    return this.disk.size;
  }

  push(a: number): void {
    if (this.at === this.current.length) this.grow();
    this.current[this.at++] = a;
  }

  push2(a: number, b: number): void {
    if (this.at === this.current.length) this.grow();
    this.current[this.at++] = a;
    this.current[this.at++] = b;
  }

  private grow(): void {
    const size = chunkSize(this.chunks.length);
    const last = this.chunks.length - 1;
    // Past the budget the chunk just filled goes to disk before the next one is made.
    if (last >= 0 && (this.held + size) * 4 > this.memoryBytes) {
      this.disk.write(last, this.current);
      this.chunks[last] = undefined;
      this.held -= this.current.length;
      dropped(this.current.byteLength);
    }
    this.reserve(size * 4, this.what);
    this.full += this.current.length;
    this.current = new Int32Array(size);
    this.chunks.push(this.current);
    this.held += size;
    this.at = 0;
  }

  /** Bytes in memory. */
  bytes(): number {
    return this.held * 4;
  }

  /** Bytes held once `more` elements more are pushed (chunks are never copied; past the budget, one more than it). */
  peakBytes(more: number): number {
    let ints = this.held;
    let free = this.current.length - this.at;
    for (let chunks = this.chunks.length; free < more * this.width; chunks++) {
      const size = chunkSize(chunks);
      ints += size;
      free += size;
    }
    return Math.min(ints * 4, Math.max(this.memoryBytes, this.held * 4) + LAST_CHUNK * 4);
  }

  /** The ints, chunk by chunk in order, without a copy: for a list that kept them all in memory. */
  parts(): Int32Array[] {
    if (this.disk.size > 0) throw new Error(`${this.what}: ${this.disk.size} bytes are on disk; read them with partsDown()`);
    return this.chunks.map((c) => (c === this.current ? c.subarray(0, this.at) : c!));
  }

  /**
   * A reader of the chunks from the last to the first: each call gives the one before, or
   * undefined at the start. A chunk read back from disk is read into one buffer, which the next
   * call overwrites.
   */
  partsDown(): () => Int32Array | undefined {
    let k = this.chunks.length;
    let buffer: Int32Array | undefined;
    return () => {
      if (--k < 0) return undefined;
      const c = this.chunks[k];
      if (c) return c === this.current ? c.subarray(0, this.at) : c;
      buffer ??= new Int32Array(LAST_CHUNK);
      return this.disk.read(k, buffer);
    };
  }

  /** Removes what is on disk. */
  dispose(): void {
    this.disk.dispose();
  }
}
