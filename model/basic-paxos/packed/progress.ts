// model/progress.ts's "progress is possible" on packed words: the goal (some value chosen:
// a majority voted for it in one ballot) and when progress is expected (a live proposer that
// has not learned, may still start a ballot, and whose next ballot tops the promises of a
// majority of live acceptors). Tests compare both with the object check on every state.
import { majority } from "../../../protocol/quorum.ts";
import type { PaxosLayout } from "./layout.ts";

export function packedProgress(L: PaxosLayout) {
  const { A, P, V, NB, config } = L;
  const quorum = majority(A);
  const votes = new Int32Array(V + 1);
  // The ghost vote fields ballot by ballot, flat: the goal is judged on every new state.
  const voteFields = Int32Array.from({ length: NB * A }, (_, i) => L.ghostVote[i % A]![Math.floor(i / A)]!);
  return {
    goal(st: Int32Array, off: number): boolean {
      for (let b = 0; b < NB; b++) {
        for (let v = 1; v <= V; v++) votes[v] = 0;
        for (let a = 0; a < A; a++) {
          const v = L.get(st, off, voteFields[b * A + a]!);
          if (v !== 0 && ++votes[v]! >= quorum) return true;
        }
      }
      return false;
    },
    expected(st: Int32Array, off: number): boolean {
      for (let p = 0; p < P; p++) {
        const round = L.get(st, off, L.round[p]!);
        if (!L.get(st, off, L.propUp[p]!) || L.get(st, off, L.learned[p]!) !== 0) continue;
        if (round > 0 && L.get(st, off, L.retries) >= config.retries) continue;
        // The next ballot's number, which may lie past the layout's last ballot: order is all that matters.
        const next = L.ballot(round + 1, p);
        let topped = 0;
        for (let a = 0; a < A; a++) {
          const promised = L.get(st, off, L.promised[a]!);
          if (L.get(st, off, L.accUp[a]!) && (promised === 0 || next > promised - 1)) topped++;
        }
        if (topped >= quorum) return true;
      }
      return false;
    },
  };
}
