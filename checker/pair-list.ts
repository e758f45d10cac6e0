// An append-only list of pairs of ints (edges: global source, global target) in chunks that
// never move: a worker records tens of millions of edges without the copies, and the doubled
// peak, of an array that doubles. Chunks start small, so that a small run stays small.
import type { Held, Reserve } from "./held-memory.ts";

const FIRST_CHUNK = 1 << 12;
const LAST_CHUNK = 1 << 20;

/** Ints in chunk number `k`: doubling from FIRST_CHUNK up to LAST_CHUNK. */
const chunkSize = (k: number): number => (k >= 8 ? LAST_CHUNK : Math.min(LAST_CHUNK, FIRST_CHUNK * 2 ** k));

export class PairList implements Held {
  private readonly chunks: Int32Array[] = [];
  private current = new Int32Array(0);
  private at = 0;
  private full = 0;

  constructor(private readonly reserve: Reserve, private readonly what: string) {}

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

  /** Bytes held once `more` pairs more are pushed (chunks are never copied). */
  peakBytes(more: number): number {
    let ints = this.full + this.current.length;
    let free = this.current.length - this.at;
    for (let chunks = this.chunks.length; free < 2 * more; chunks++) {
      const size = chunkSize(chunks);
      ints += size;
      free += size;
    }
    return ints * 4;
  }

  /** The pairs, chunk by chunk, without a copy: the list is not pushed to afterwards. */
  parts(): Int32Array[] {
    return this.chunks.map((c) => (c === this.current ? c.subarray(0, this.at) : c));
  }
}
