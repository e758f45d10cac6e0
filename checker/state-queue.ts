// The breadth-first queue of fingerprint mode: the full words of the states discovered but not
// yet expanded, which the visited set (fingerprints only) cannot give back. States are numbered
// as the visited set numbers them, appended at the tail and read in order at the head, in
// fixed-size chunks; a chunk the head has passed is dropped. Past its memory budget the queue
// writes whole chunks to files in a temporary folder, the ones to be read last first, and reads
// each back when the head reaches it: the queue's memory stays near its budget however long
// the frontier grows.
import { closeSync, openSync, readSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { dropped } from "./collect.ts";
import { unbudgeted, type Held, type Reserve } from "./held-memory.ts";
import { removeSpillFolder, spillFolder } from "./spill-folder.ts";

export class StateQueue implements Held {
  /** Chunk k holds states k * chunkStates onwards; undefined once dropped or while on disk. */
  private readonly chunks: (Int32Array | undefined)[] = [];
  private readonly onDisk = new Set<number>();
  private dir: string | undefined;
  private inMemory = 0;
  /** Chunks below this one were read and dropped. */
  private head = 0;
  length = 0;
  /** Chunks written to disk so far, and read back. */
  spilled = 0;

  private readonly chunkBits: number;
  private readonly chunkStates: number;
  private readonly chunkMask: number;
  private readonly chunkBytes: number;

  /**
   * `budget`: bytes of chunks the queue keeps in memory at most (two chunks always: head and
   * tail); `reserve` is asked before a chunk is made or read back.
   */
  constructor(private readonly words: number, private readonly budget = Infinity, chunkBits = 16, private readonly reserve: Reserve = unbudgeted) {
    this.chunkBits = chunkBits;
    this.chunkStates = 1 << chunkBits;
    this.chunkMask = this.chunkStates - 1;
    this.chunkBytes = this.chunkStates * words * 4;
  }

  /** Bytes of chunks in memory (not those on disk). */
  bytes(): number {
    return this.inMemory * this.chunkBytes;
  }

  /** The most bytes in memory at any moment while `more` states are pushed (and others read back). */
  peakBytes(more: number): number {
    const now = this.bytes();
    const filled = now + (Math.ceil(more / this.chunkStates) + 1) * this.chunkBytes;
    // Spilling holds the queue near its budget, one chunk above it while a new chunk is made or
    // read back before another goes to disk; the head's and the tail's chunks always stay.
    const spilling = Math.max(this.budget, now, 2 * this.chunkBytes) + this.chunkBytes;
    return Math.min(filled, spilling);
  }

  /** Appends the state at words[0..W) as number `length`. */
  push(words: Int32Array): void {
    const W = this.words;
    const k = this.length >>> this.chunkBits;
    if ((this.length & this.chunkMask) === 0) {
      this.reserve(this.chunkBytes, "the queue");
      this.chunks[k] = new Int32Array(this.chunkStates * W);
      this.inMemory++;
      this.spillOver(k);
    }
    const chunk = this.chunks[k]!;
    const base = (this.length & this.chunkMask) * W;
    for (let w = 0; w < W; w++) chunk[base + w] = words[w]!;
    this.length++;
  }

  /** The chunk holding state `index` (read back from disk if it was written there). */
  chunkOf(index: number): Int32Array {
    const k = index >>> this.chunkBits;
    return this.chunks[k] ?? this.load(k);
  }

  offsetOf(index: number): number {
    return (index & this.chunkMask) * this.words;
  }

  /** States below `index` will not be read again: their chunks are dropped. */
  release(index: number): void {
    const k = index >>> this.chunkBits;
    for (; this.head < k; this.head++) {
      if (this.chunks[this.head]) {
        this.inMemory--;
        dropped(this.chunkBytes);
      }
      this.chunks[this.head] = undefined;
      if (this.onDisk.delete(this.head)) unlinkSync(this.file(this.head));
    }
  }

  /** Removes the files of chunks still on disk. */
  dispose(): void {
    if (this.dir) removeSpillFolder(this.dir);
    this.dir = undefined;
    this.onDisk.clear();
  }

  /** Writes chunks to disk, last to be read first, until the budget holds; never the head's, the tail's or `keep`. */
  private spillOver(keep: number): void {
    for (let k = this.chunks.length - 2; this.inMemory * this.chunkBytes > this.budget && k > this.head; k--) {
      const chunk = this.chunks[k];
      if (!chunk || k === keep) continue;
      this.dir ??= spillFolder("queue-");
      const fd = openSync(this.file(k), "w");
      try {
        writeSync(fd, new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      } finally {
        closeSync(fd);
      }
      this.chunks[k] = undefined;
      this.onDisk.add(k);
      this.inMemory--;
      dropped(this.chunkBytes);
      this.spilled++;
    }
  }

  private load(k: number): Int32Array {
    if (!this.onDisk.has(k)) throw new Error(`state queue: chunk ${k} is neither in memory nor on disk`);
    this.reserve(this.chunkBytes, "the queue");
    const chunk = new Int32Array(this.chunkStates * this.words);
    const fd = openSync(this.file(k), "r");
    try {
      const bytes = new Uint8Array(chunk.buffer);
      for (let at = 0; at < bytes.length; ) {
        const got = readSync(fd, bytes, at, bytes.length - at, at);
        if (got === 0) throw new Error(`state queue: chunk ${k} is short on disk`);
        at += got;
      }
    } finally {
      closeSync(fd);
    }
    unlinkSync(this.file(k));
    this.onDisk.delete(k);
    this.chunks[k] = chunk;
    this.inMemory++;
    this.spillOver(k);
    return chunk;
  }

  private file(k: number): string {
    return join(this.dir!, `chunk-${k}.bin`);
  }
}
