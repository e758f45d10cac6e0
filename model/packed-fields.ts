// What the packed encodings of the Paxos models share (Basic Paxos's and Multi-Paxos's): fields
// of small unsigned values at a word, shift and mask each, with the largest value each may hold,
// and ballots numbered b = (round - 1) * P + proposer, which is compareBallots' order when the
// proposers' ids sort as their indices do. fieldCursor reads one state and writes its successor
// through closures made once, as the checker's hot loop wants.
import { PackOverflow } from "../checker/packed-model.ts";

export abstract class PackedFields {
  abstract readonly words: number;
  readonly fw: number[] = [];
  readonly fs: number[] = [];
  readonly fm: number[] = [];
  /** The largest value each field may hold (its mask may allow more). */
  readonly fmax: number[] = [];

  /** `proposers`: how many own ballots, one per round each. */
  constructor(private readonly proposers: number) {}

  /** The ballot number of (round, proposer index); round >= 1. */
  ballot(round: number, p: number): number {
    return (round - 1) * this.proposers + p;
  }
  roundOf(b: number): number {
    return Math.floor(b / this.proposers) + 1;
  }
  proposerOf(b: number): number {
    return b % this.proposers;
  }

  get(words: Int32Array, off: number, f: number): number {
    return (words[off + this.fw[f]!]! >>> this.fs[f]!) & this.fm[f]!;
  }

  /** Sets a field, throwing PackOverflow if the value does not fit it. */
  set(words: Int32Array, off: number, f: number, value: number): void {
    if (value < 0 || value > this.fmax[f]!) throw new PackOverflow(`a value ${value} does not fit its packed field (at most ${this.fmax[f]})`);
    const i = off + this.fw[f]!;
    const s = this.fs[f]!;
    words[i] = (words[i]! & ~(this.fm[f]! << s)) | (value << s);
  }
}

/** Fields tested or cleared at once: the words they lie in, and their bits in each. */
export type FieldGroup = { readonly words: Int32Array; readonly masks: Int32Array };

export function fieldGroup(L: PackedFields, fields: readonly number[]): FieldGroup {
  const bits = new Map<number, number>();
  for (const f of fields) bits.set(L.fw[f]!, (bits.get(L.fw[f]!) ?? 0) | (L.fm[f]! << L.fs[f]!));
  return { words: Int32Array.from(bits.keys()), masks: Int32Array.from(bits.values()) };
}

export type FieldCursor = {
  /** A field of the state being expanded. */
  readonly get: (f: number) => number;
  /** A field of the successor being written. */
  readonly cur: (f: number) => number;
  /** Sets a field of the successor; PackOverflow (with `overflow`'s words) if the value does not fit, an Error if it is negative or the field is not the layout's (a defect of the step). */
  readonly set: (f: number, v: number) => void;
  /** Starts the successor as a copy of the state being expanded. */
  readonly copy: () => void;
  /** Whether a field of the group is not 0 in the successor. */
  readonly anyIn: (g: FieldGroup) => boolean;
  /** Sets every field of the group to 0 in the successor. */
  readonly clear: (g: FieldGroup) => void;
  readonly bind: (src: Int32Array, base: number, out: Int32Array) => void;
};

export function fieldCursor(L: PackedFields, overflow: (max: number) => string): FieldCursor {
  const W = L.words;
  // Per field, its word and shift in one entry (word in the low 16 bits): a field costs one
  // table read besides its mask. The state being expanded is copied into `state` when bound, so
  // a read indexes a small array of the cursor's own instead of the engine's chunk at an offset.
  const at = Int32Array.from(L.fw, (w, f) => w | (L.fs[f]! << 16));
  const fm = Int32Array.from(L.fm);
  const fmax = Int32Array.from(L.fmax);
  const state = new Int32Array(W);
  let out: Int32Array = new Int32Array(W);
  return {
    get: (f) => {
      const p = at[f]!;
      return (state[p & 0xffff]! >>> (p >>> 16)) & fm[f]!;
    },
    cur: (f) => {
      const p = at[f]!;
      return (out[p & 0xffff]! >>> (p >>> 16)) & fm[f]!;
    },
    set: (f, v) => {
      // Compared unsigned, so that a negative value, or a field the layout does not have, is
      // caught by the same test as a value too large, instead of spilling into its neighbours.
      if (!(v >>> 0 <= fmax[f]!)) {
        if (v < 0 || fmax[f] === undefined) throw new Error(`a packed step set field ${f} to ${v}: a defect of the step, not a state too large for the layout`);
        throw new PackOverflow(overflow(fmax[f]!));
      }
      const p = at[f]!;
      const i = p & 0xffff;
      const s = p >>> 16;
      out[i] = (out[i]! & ~(fm[f]! << s)) | (v << s);
    },
    copy: () => {
      for (let i = 0; i < W; i++) out[i] = state[i]!;
    },
    anyIn: (g) => {
      for (let i = 0; i < g.words.length; i++) if ((out[g.words[i]!]! & g.masks[i]!) !== 0) return true;
      return false;
    },
    clear: (g) => {
      for (let i = 0; i < g.words.length; i++) out[g.words[i]!]! &= ~g.masks[i]!;
    },
    bind: (s, off, o) => {
      for (let i = 0; i < W; i++) state[i] = s[off + i]!;
      out = o;
    },
  };
}
