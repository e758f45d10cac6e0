// Where each variable of Paxos.tla lives in the packed state. msgs, the set of all messages
// ever sent, is stored per message "slot", using three facts of the spec (true in every
// reachable state, not assumptions about invariants):
// - an acceptor sends at most one 1b message per ballot (Phase1b needs m.bal > maxBal[a] and
//   then sets maxBal[a] to it), so 1b(a, b) is one field: 0 = not sent, 1 = sent with
//   mbal = -1 (mval = None), 2 + mbal * V + mval otherwise (mbal < b always);
// - at most one 2a message per ballot (Phase2a's first conjunct): 0 = none, 1 + val;
// - so an acceptor's 2b messages for one ballot carry that one value: 0 = none, 1 + val.
// Ballots are stored plus one (so -1 is 0) and maxVal as 0 for None, 1 + v otherwise.
import { BitLayout } from "../../checker/bit-layout.ts";
import type { LamportConfig } from "./config.ts";

export class LamportLayout {
  readonly A: number;
  readonly V: number;
  /** Number of ballots, 0..B-1. */
  readonly B: number;
  readonly words: number;
  readonly bits: number;
  /** Per field id: the word, the shift and the mask. */
  readonly fw: Int32Array;
  readonly fs: Int32Array;
  readonly fm: Int32Array;
  /** Per field id: the largest value the spec's types allow (TypeOK). */
  readonly max: Int32Array;

  constructor(c: LamportConfig) {
    this.A = c.acceptors;
    this.V = c.values;
    this.B = c.ballots + 1;
    const { A, B, V } = this;
    const fields = 3 * A + B + A * B + B + A * B;
    const maxima = (this.max = new Int32Array(fields));
    for (let a = 0; a < A; a++) {
      maxima[this.maxBal(a)] = B;
      maxima[this.maxVBal(a)] = B;
      maxima[this.maxVal(a)] = V;
      for (let b = 0; b < B; b++) {
        maxima[this.oneB(a, b)] = 1 + b * V;
        maxima[this.twoB(a, b)] = V;
      }
    }
    for (let b = 0; b < B; b++) {
      maxima[this.sent1a(b)] = 1;
      maxima[this.twoA(b)] = V;
    }
    // First-fit decreasing, so that the fields fill as few words as possible.
    const order = [...maxima.keys()].sort((x, y) => maxima[y]! - maxima[x]! || x - y);
    const layout = new BitLayout();
    this.fw = new Int32Array(fields);
    this.fs = new Int32Array(fields);
    this.fm = new Int32Array(fields);
    for (const f of order) {
      const placed = layout.field(maxima[f]!);
      this.fw[f] = placed.word;
      this.fs[f] = placed.shift;
      this.fm[f] = placed.mask;
    }
    this.words = layout.words;
    this.bits = layout.bits;
  }

  maxBal(a: number): number { return 3 * a; }
  maxVBal(a: number): number { return 3 * a + 1; }
  maxVal(a: number): number { return 3 * a + 2; }
  sent1a(b: number): number { return 3 * this.A + b; }
  oneB(a: number, b: number): number { return 3 * this.A + this.B + a * this.B + b; }
  twoA(b: number): number { return 3 * this.A + this.B + this.A * this.B + b; }
  twoB(a: number, b: number): number { return 3 * this.A + 2 * this.B + this.A * this.B + a * this.B + b; }

  /** Per word, the bits of the given fields: a mask for ViewMemo. */
  maskOf(fields: readonly number[]): Int32Array {
    const mask = new Int32Array(this.words);
    for (const f of fields) mask[this.fw[f]!]! |= this.fm[f]! << this.fs[f]!;
    return mask;
  }

  get(words: Int32Array, offset: number, f: number): number {
    return (words[offset + this.fw[f]!]! >>> this.fs[f]!) & this.fm[f]!;
  }

  set(words: Int32Array, offset: number, f: number, value: number): void {
    const i = offset + this.fw[f]!;
    const s = this.fs[f]!;
    words[i] = (words[i]! & ~(this.fm[f]! << s)) | (value << s);
  }
}
