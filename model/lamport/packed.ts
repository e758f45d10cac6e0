// Paxos.tla on packed words: the same four actions and the same invariants as the object
// model (actions.ts, invariants.ts), computed with shifts and acceptor bitmasks so that the
// engine allocates nothing per state. Tests check that both explore the same state space.
// A step that would change nothing (a 1a message sent again, a vote cast again) is not
// offered: the engine would drop it as no transition, after copying and comparing the words.
import type { PackedModel } from "../../checker/packed-model.ts";
import type { LamportAction } from "./actions.ts";
import { type LamportConfig } from "./config.ts";
import { majority } from "../../protocol/quorum.ts";
import { createLamportModel } from "./model.ts";
import { LamportLayout } from "./packed-layout.ts";
import { canonicalizeLamport } from "./packed-symmetry.ts";
import type { LamportState } from "./state.ts";
import { decodeLamport, encodeLamport } from "./packed-codec.ts";
import { packedLamportChecks } from "./packed-invariants.ts";
import { popcount } from "./popcount.ts";

export type PackedLamport = PackedModel<LamportState, LamportAction> & { readonly layout: LamportLayout };

export function createPackedLamport(config: LamportConfig): PackedLamport {
  const model = createLamportModel(config);
  const L = new LamportLayout(model.config);
  const { A, B, V, words: W } = L;
  const q = majority(A);
  // Every majority, as an acceptor bitmask: Quorum in the spec.
  const quorumMasks = Int32Array.from([...Array(1 << A).keys()].filter((m) => popcount(m) >= q));
  const codes = new Int32Array(A);

  const copy = (st: Int32Array, off: number, out: Int32Array) => {
    for (let i = 0; i < W; i++) out[i] = st[off + i]!;
  };

  // Phase2a's second conjunct: the values v for which some quorum Q that all sent 1b for b
  // reports no vote, or reports v as the value of its highest-ballot vote. A bitmask of values.
  const allowedValues = (st: Int32Array, off: number, b: number): number => {
    let joined = 0;
    for (let a = 0; a < A; a++) {
      codes[a] = L.get(st, off, L.oneB(a, b));
      if (codes[a] !== 0) joined |= 1 << a;
    }
    if (popcount(joined) < q) return 0;
    let allowed = 0;
    for (let i = 0; i < quorumMasks.length; i++) {
      const Q = quorumMasks[i]!;
      if ((Q & ~joined) !== 0) continue;
      let maxMbal = -1;
      let vals = 0;
      for (let a = 0; a < A; a++) {
        const code = codes[a]!;
        if ((Q & (1 << a)) === 0 || code < 2) continue;
        const mbal = ((code - 2) / V) | 0;
        const mval = (code - 2) % V;
        if (mbal > maxMbal) {
          maxMbal = mbal;
          vals = 1 << mval;
        } else if (mbal === maxMbal) vals |= 1 << mval;
      }
      allowed |= maxMbal < 0 ? (1 << V) - 1 : vals;
    }
    return allowed;
  };

  // Fields of the state being expanded that several actions read: read once per state.
  const twoA = new Int32Array(B);
  const successors = (st: Int32Array, off: number, out: Int32Array, emit: () => void): void => {
    let sent = 0;
    for (let b = 0; b < B; b++) {
      if (L.get(st, off, L.sent1a(b)) !== 0) sent |= 1 << b;
      twoA[b] = L.get(st, off, L.twoA(b));
    }
    for (let b = 0; b < B; b++) {
      if ((sent & (1 << b)) !== 0) continue;
      copy(st, off, out);
      L.set(out, 0, L.sent1a(b), 1);
      emit();
    }
    for (let b = 0; b < B; b++) {
      if (twoA[b] !== 0) continue;
      const allowed = allowedValues(st, off, b);
      for (let v = 0; v < V; v++) {
        if ((allowed & (1 << v)) === 0) continue;
        copy(st, off, out);
        L.set(out, 0, L.twoA(b), 1 + v);
        emit();
      }
    }
    for (let a = 0; a < A; a++) {
      const maxBal = L.get(st, off, L.maxBal(a)) - 1;
      const mvb = L.get(st, off, L.maxVBal(a));
      const maxVal = L.get(st, off, L.maxVal(a));
      const reply = mvb === 0 ? 1 : 2 + (mvb - 1) * V + (maxVal - 1);
      for (let b = maxBal + 1; b < B; b++) {
        if ((sent & (1 << b)) === 0) continue;
        copy(st, off, out);
        L.set(out, 0, L.maxBal(a), b + 1);
        L.set(out, 0, L.oneB(a, b), reply);
        emit();
      }
      for (let b = Math.max(maxBal, 0); b < B; b++) {
        const t = twoA[b]!;
        if (t === 0 || (maxBal === b && mvb === b + 1 && maxVal === t && L.get(st, off, L.twoB(a, b)) === t)) continue;
        copy(st, off, out);
        L.set(out, 0, L.maxBal(a), b + 1);
        L.set(out, 0, L.maxVBal(a), b + 1);
        L.set(out, 0, L.maxVal(a), t);
        L.set(out, 0, L.twoB(a, b), t);
        emit();
      }
    }
  };

  return {
    model,
    layout: L,
    words: W,
    encode: (s, out, off) => encodeLamport(L, s, out, off),
    decode: (st, off) => decodeLamport(L, st, off),
    successors,
    ...packedLamportChecks(L),
    canonicalize: (st, off) => canonicalizeLamport(L, st, off),
  };
}
