// An append-only list of 32-bit ints that doubles as it fills: batches of states sent between
// partitions, and edges, without an array of boxed numbers.

export class GrowableInts {
  private data = new Int32Array(1024);
  private length = 0;

  /** Bytes allocated. */
  bytes(): number {
    return this.data.length * 4;
  }

  private reserve(more: number): void {
    if (this.length + more <= this.data.length) return;
    let size = this.data.length * 2;
    while (size < this.length + more) size *= 2;
    const bigger = new Int32Array(size);
    bigger.set(this.data.subarray(0, this.length));
    this.data = bigger;
  }

  /** A state's words followed by its parent's global id. */
  pushState(words: Int32Array, w: number, parent: number): void {
    this.reserve(w + 1);
    for (let i = 0; i < w; i++) this.data[this.length++] = words[i]!;
    this.data[this.length++] = parent;
  }

  push2(a: number, b: number): void {
    this.reserve(2);
    this.data[this.length++] = a;
    this.data[this.length++] = b;
  }

  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}
