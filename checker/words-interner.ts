// Numbers each distinct run of `n` words (the view part of a packed state) 0, 1, 2, ... in
// order of first sight: an open-addressing table over the exact words, so two views share a
// number only if they are equal. Each slot holds the number and the words together: a lookup
// reads one place in memory, not a slot and then the words elsewhere, which matters once the
// table has outgrown the processor's cache (a hundred thousand views of Paxos.tla).
import { touchPages } from "./fresh-pages.ts";
import { hashWords } from "./state-store.ts";

export class WordsInterner {
  /** Per slot: number + 1 (0 while free), then the words. */
  private slots: Int32Array;
  private mask: number;
  count = 0;

  constructor(private readonly n: number) {
    this.slots = new Int32Array((1 << 12) * (n + 1));
    this.mask = (1 << 12) - 1;
  }

  /** The number of the `n` words at `off`; `hash`, their hashWords, for a caller that has it already. */
  intern(words: Int32Array, off: number, hash = hashWords(words, off, this.n)): number {
    const n = this.n;
    const stride = n + 1;
    const slots = this.slots;
    let slot = hash & this.mask;
    for (;;) {
      const base = slot * stride;
      const entry = slots[base]!;
      if (entry === 0) break;
      let same = true;
      for (let i = 0; i < n && same; i++) same = slots[base + 1 + i] === words[off + i];
      if (same) return entry - 1;
      slot = (slot + 1) & this.mask;
    }
    const id = this.count++;
    const base = slot * stride;
    slots[base] = id + 1;
    for (let i = 0; i < n; i++) slots[base + 1 + i] = words[off + i]!;
    if (this.count * 2 > this.mask + 1) this.grow();
    return id;
  }

  private grow(): void {
    const n = this.n;
    const stride = n + 1;
    const old = this.slots;
    const size = (this.mask + 1) * 2;
    const slots = new Int32Array(size * stride);
    touchPages(slots);
    const mask = size - 1;
    for (let base = 0; base < old.length; base += stride) {
      if (old[base] === 0) continue;
      let slot = hashWords(old, base + 1, n) & mask;
      while (slots[slot * stride] !== 0) slot = (slot + 1) & mask;
      slots.set(old.subarray(base, base + stride), slot * stride);
    }
    this.slots = slots;
    this.mask = mask;
  }
}
