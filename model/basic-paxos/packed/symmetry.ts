// Symmetry over acceptors on packed words, as model/symmetry.ts on objects: acceptors are
// interchangeable (same code, same initial state, checks that never name one), so a state
// and its renamings behave alike. Every field about acceptor a lies in a's two blocks of
// words (layout.ts), so a renaming permutes whole blocks, and the least word vector of a
// class (signed words, first word first) puts the acceptors in the order of their
// (view block, other block) words: sorting the blocks is the exact canonical form.
import type { PaxosLayout } from "./layout.ts";

export function acceptorCanonicalizer(L: PaxosLayout): (words: Int32Array, off: number) => void {
  const { A, blockView: BV, blockRest: BR, blockViewStart: VS, blockRestStart: RS } = L;
  const order = Array.from({ length: A }, (_, a) => a);
  const saved = new Int32Array(A * (BV + BR));
  let words: Int32Array = saved;
  let off = 0;
  const word = (a: number, i: number) => (i < BV ? words[off + VS + a * BV + i]! : words[off + RS + a * BR + i - BV]!);
  const compare = (x: number, y: number): number => {
    for (let i = 0; i < BV + BR; i++) {
      const d = word(x, i) - word(y, i);
      if (d !== 0) return d;
    }
    return 0;
  };
  return (w, o) => {
    words = w;
    off = o;
    // Insertion sort: A is at most 5, and states are often sorted already.
    for (let a = 0; a < A; a++) order[a] = a;
    let moved = false;
    for (let i = 1; i < A; i++) {
      const x = order[i]!;
      let j = i - 1;
      while (j >= 0 && compare(order[j]!, x) > 0) {
        order[j + 1] = order[j]!;
        j--;
        moved = true;
      }
      order[j + 1] = x;
    }
    if (!moved) return;
    for (let a = 0; a < A; a++) for (let i = 0; i < BV + BR; i++) saved[a * (BV + BR) + i] = word(order[a]!, i);
    for (let a = 0; a < A; a++) {
      for (let i = 0; i < BV; i++) w[o + VS + a * BV + i] = saved[a * (BV + BR) + i]!;
      for (let i = 0; i < BR; i++) w[o + RS + a * BR + i] = saved[a * (BV + BR) + BV + i]!;
    }
  };
}
