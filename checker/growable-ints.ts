// An append-only list of 32-bit ints that doubles as it fills: batches of states sent between
// partitions, and edges, without an array of boxed numbers.
import { doubled, doublingPeak, unbudgeted, type Held, type Reserve } from "./held-memory.ts";

export class GrowableInts implements Held {
  private data = new Int32Array(1024);
  private length = 0;

  constructor(private readonly reserve: Reserve = unbudgeted, private readonly what = "a list of states or edges") {}

  /** Bytes allocated. */
  bytes(): number {
    return this.data.length * 4;
  }

  /** Bytes held at most while `more` ints are appended. */
  peakBytes(more: number): number {
    return doublingPeak(this.length, this.data.length, more, 4);
  }

  private ensure(more: number): void {
    if (this.length + more > this.data.length) this.data = doubled(this.data, this.length + more, this.reserve, this.what);
  }

  /** A state's words followed by its parent's global id. */
  pushState(words: Int32Array, w: number, parent: number): void {
    this.ensure(w + 1);
    for (let i = 0; i < w; i++) this.data[this.length++] = words[i]!;
    this.data[this.length++] = parent;
  }

  push2(a: number, b: number): void {
    this.ensure(2);
    this.data[this.length++] = a;
    this.data[this.length++] = b;
  }

  /** The ints, without a copy: the list is not appended to afterwards. */
  toArray(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}
