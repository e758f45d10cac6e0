// The invariants and the witness of invariants.ts on packed words. Apart from TypeOK, all of
// them read only the votes (the 2b slots) and each acceptor's maxBal, and reachable states
// share few of those views, so they are judged once per view (checker/view-memo.ts). TypeOK
// reads every field; the fields outside the view are checked on each state, and only those
// whose slot can hold a value past the type's bound.
import { ViewMemo } from "../../checker/view-memo.ts";
import { majority } from "../../protocol/quorum.ts";
import type { LamportLayout } from "./packed-layout.ts";
import { popcount } from "./popcount.ts";

export type PackedLamportChecks = {
  /** The index in lamportInvariants of the first invariant the state breaks, or -1. */
  firstBrokenInvariant(st: Int32Array, off: number): number;
  /** Bit 0: value-chosen holds. */
  witnessBits(st: Int32Array, off: number): number;
};

/** An answer of the view's memo: the first broken invariant plus one in the low bits, the witness above. */
const BROKEN_BITS = 3;

export function packedLamportChecks(L: LamportLayout): PackedLamportChecks {
  const { A, B, V } = L;
  const q = majority(A);
  const viewFields: number[] = [];
  for (let a = 0; a < A; a++) {
    viewFields.push(L.maxBal(a));
    for (let b = 0; b < B; b++) viewFields.push(L.twoB(a, b));
  }
  const inView = new Set(viewFields);
  // The fields outside the view whose slot holds more than the type allows: TypeOK checks them on every state.
  const outside = [...L.max.keys()].filter((f) => !inView.has(f) && L.max[f]! < L.fm[f]!);
  const restWord = Int32Array.from(outside, (f) => L.fw[f]!);
  const restShift = Int32Array.from(outside, (f) => L.fs[f]!);
  const restMask = Int32Array.from(outside, (f) => L.fm[f]!);
  const restMax = Int32Array.from(outside, (f) => L.max[f]!);
  const restTypeOk = (st: Int32Array, off: number): boolean => {
    for (let i = 0; i < restWord.length; i++) if (((st[off + restWord[i]!]! >>> restShift[i]!) & restMask[i]!) > restMax[i]!) return false;
    return true;
  };

  const votedMask = new Int32Array(B * V);
  const votedAny = new Int32Array(B);
  const gtMask = new Int32Array(B);

  /** Fills votedMask, votedAny and gtMask (acceptors whose maxBal is above c) for the state. */
  const readVotes = (st: Int32Array, off: number) => {
    votedMask.fill(0);
    votedAny.fill(0);
    gtMask.fill(0);
    for (let a = 0; a < A; a++) {
      const bit = 1 << a;
      for (let b = 0; b < B; b++) {
        const t = L.get(st, off, L.twoB(a, b));
        if (t === 0) continue;
        votedMask[b * V + t - 1]! |= bit;
        votedAny[b]! |= bit;
      }
      const maxBal = L.get(st, off, L.maxBal(a)) - 1;
      for (let c = 0; c < maxBal; c++) gtMask[c]! |= bit;
    }
  };

  const chosenBits = (): number => {
    let chosen = 0;
    for (let i = 0; i < B * V; i++) if (popcount(votedMask[i]!) >= q) chosen |= 1 << i % V;
    return chosen;
  };

  // Voting.tla's SafeAt(b, v) for every vote: below b, a majority voted v or can no longer vote.
  const votesSafe = (): boolean => {
    for (let b = 1; b < B; b++) {
      for (let v = 0; v < V; v++) {
        if (votedMask[b * V + v] === 0) continue;
        for (let c = 0; c < b; c++) if (popcount(votedMask[c * V + v]! | (gtMask[c]! & ~votedAny[c]!)) < q) return false;
      }
    }
    return true;
  };

  const oneValuePerBallot = (): boolean => {
    for (let b = 0; b < B; b++) {
      let values = 0;
      for (let v = 0; v < V; v++) if (votedMask[b * V + v] !== 0) values++;
      if (values > 1) return false;
    }
    return true;
  };

  // Same order as lamportInvariants: type-ok (of the view's fields here), consistency, votes-safe, one-value-per-ballot.
  const firstBrokenInView = (view: Int32Array, off: number, chosen: number): number => {
    for (const f of viewFields) if (L.get(view, off, f) > L.max[f]!) return 0;
    if (popcount(chosen) > 1) return 1;
    if (!votesSafe()) return 2;
    if (!oneValuePerBallot()) return 3;
    return -1;
  };

  const memo = new ViewMemo(L.maskOf(viewFields), (view, off) => {
    readVotes(view, off);
    const chosen = chosenBits();
    return (firstBrokenInView(view, off, chosen) + 1) | ((chosen !== 0 ? 1 : 0) << BROKEN_BITS);
  });

  return {
    firstBrokenInvariant: (st, off) => (restTypeOk(st, off) ? (memo.get(st, off) & ((1 << BROKEN_BITS) - 1)) - 1 : 0),
    witnessBits: (st, off) => memo.get(st, off) >>> BROKEN_BITS,
  };
}
