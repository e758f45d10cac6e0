// Numbers each distinct run of `n` words (the view part of a packed state) 0, 1, 2, ... in
// order of first sight: an open-addressing table over the exact words, so two views share a
// number only if they are equal.
import { hashWords } from "./state-store.ts";

export class WordsInterner {
  private keys: Int32Array;
  private table = new Int32Array(1 << 12);
  count = 0;

  constructor(private readonly n: number) {
    this.keys = new Int32Array(1024 * n);
  }

  intern(words: Int32Array, off: number): number {
    const n = this.n;
    const mask = this.table.length - 1;
    let slot = hashWords(words, off, n) & mask;
    for (;;) {
      const entry = this.table[slot]!;
      if (entry === 0) break;
      const base = (entry - 1) * n;
      let same = true;
      for (let i = 0; i < n && same; i++) same = this.keys[base + i] === words[off + i];
      if (same) return entry - 1;
      slot = (slot + 1) & mask;
    }
    const id = this.count++;
    if ((id + 1) * n > this.keys.length) {
      const bigger = new Int32Array(this.keys.length * 2);
      bigger.set(this.keys);
      this.keys = bigger;
    }
    for (let i = 0; i < n; i++) this.keys[id * n + i] = words[off + i]!;
    this.table[slot] = id + 1;
    if (this.count * 2 > this.table.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = hashWords(this.keys, id * this.n, this.n) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = id + 1;
    }
    this.table = table;
  }
}
