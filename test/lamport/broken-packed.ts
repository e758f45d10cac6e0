// The packed twin of broken-lamport.ts: Phase2a offers every value once a quorum has sent
// 1b messages, whatever votes they report.
import type { LamportConfig } from "../../model/lamport/config.ts";
import { majority } from "../../protocol/quorum.ts";
import { createPackedLamport, type PackedLamport } from "../../model/lamport/packed.ts";
import { popcount } from "../../model/lamport/popcount.ts";
import { createIgnoreVotesModel } from "./broken-lamport.ts";

export function createPackedIgnoreVotes(config: LamportConfig): PackedLamport {
  const base = createPackedLamport(config);
  const L = base.layout;
  return {
    ...base,
    model: createIgnoreVotesModel(config),
    successors(st, off, out, emit) {
      // The real successors minus Phase2a, then the broken Phase2a.
      base.successors(st, off, out, () => {
        let phase2a = false;
        for (let b = 0; b < L.B; b++) if (L.get(out, 0, L.twoA(b)) !== L.get(st, off, L.twoA(b))) phase2a = true;
        if (!phase2a) emit();
      });
      for (let b = 0; b < L.B; b++) {
        if (L.get(st, off, L.twoA(b)) !== 0) continue;
        let joined = 0;
        for (let a = 0; a < L.A; a++) if (L.get(st, off, L.oneB(a, b)) !== 0) joined |= 1 << a;
        if (popcount(joined) < majority(L.A)) continue;
        for (let v = 0; v < L.V; v++) {
          for (let i = 0; i < L.words; i++) out[i] = st[off + i]!;
          L.set(out, 0, L.twoA(b), 1 + v);
          emit();
        }
      }
    },
  };
}
