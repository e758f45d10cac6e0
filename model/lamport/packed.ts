// Paxos.tla on packed words: the same four actions and the same invariants as the object
// model (actions.ts, invariants.ts), computed with shifts and acceptor bitmasks so that the
// engine allocates nothing per state. Tests check that both explore the same state space.
// The steps are compiled for the layout (packed-successors.ts); Phase2a's enabling condition,
// which reads a quorum's 1b reports, is the function below, which they call.
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
import { compileSuccessors } from "./packed-successors.ts";

export type PackedLamport = PackedModel<LamportState, LamportAction> & { readonly layout: LamportLayout };

export function createPackedLamport(config: LamportConfig): PackedLamport {
  const model = createLamportModel(config);
  const L = new LamportLayout(model.config);
  const { A, V, words: W } = L;
  const q = majority(A);
  // Every majority, as an acceptor bitmask: Quorum in the spec.
  const quorumMasks = Int32Array.from([...Array(1 << A).keys()].filter((m) => popcount(m) >= q));
  const codes = new Int32Array(A);

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

  const successors = compileSuccessors(L, allowedValues);

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
