// An append-only list of ints in chunks that never move: the explored graph's edges, billions
// of them in a large run, without the copies, and the doubled peak, of an array that doubles.
// Chunks start small, so that a small run stays small; every chunk holds an even number of
// ints, so a pair pushed with push2 never straddles two chunks.
import type { Held, Reserve } from "./held-memory.ts";

const FIRST_CHUNK = 1 << 12;
const LAST_CHUNK = 1 << 20;

/** Ints in chunk number `k`: doubling from FIRST_CHUNK up to LAST_CHUNK. */
const chunkSize = (k: number): number => (k >= 8 ? LAST_CHUNK : Math.min(LAST_CHUNK, FIRST_CHUNK * 2 ** k));

export class ChunkedInts implements Held {
  private readonly chunks: Int32Array[] = [];
  private current = new Int32Array(0);
  private at = 0;
  private full = 0;

  /** `width`: the ints of one element (2 for pairs), as peakBytes counts elements. */
  constructor(private readonly reserve: Reserve, private readonly what: string, private readonly width = 1) {}

  /** Ints pushed: past 2^32 in a large run, so a float. */
  get length(): number {
    return this.full + this.at;
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
    this.reserve(size * 4, this.what);
    this.full += this.current.length;
    this.current = new Int32Array(size);
    this.chunks.push(this.current);
    this.at = 0;
  }

  bytes(): number {
    return (this.full + this.current.length) * 4;
  }

  /** Bytes held once `more` elements more are pushed (chunks are never copied). */
  peakBytes(more: number): number {
    let ints = this.full + this.current.length;
    let free = this.current.length - this.at;
    for (let chunks = this.chunks.length; free < more * this.width; chunks++) {
      const size = chunkSize(chunks);
      ints += size;
      free += size;
    }
    return ints * 4;
  }

  /** The ints, chunk by chunk in order, without a copy. */
  parts(): Int32Array[] {
    return this.chunks.map((c) => (c === this.current ? c.subarray(0, this.at) : c));
  }
}
