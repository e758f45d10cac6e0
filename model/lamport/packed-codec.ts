// Between the object state of Paxos.tla and its packed words (layout in packed-layout.ts).
import type { LamportLayout } from "./packed-layout.ts";
import { messageKey, type LamportMessage, type LamportState } from "./state.ts";

export function encodeLamport(L: LamportLayout, s: LamportState, out: Int32Array, off: number): void {
  for (let i = 0; i < L.words; i++) out[off + i] = 0;
  for (let a = 0; a < L.A; a++) {
    L.set(out, off, L.maxBal(a), s.maxBal[a]! + 1);
    L.set(out, off, L.maxVBal(a), s.maxVBal[a]! + 1);
    L.set(out, off, L.maxVal(a), s.maxVal[a] === null ? 0 : s.maxVal[a]! + 1);
  }
  for (const m of s.msgs) {
    if (m.type === "1a") L.set(out, off, L.sent1a(m.bal), 1);
    else if (m.type === "1b") L.set(out, off, L.oneB(m.acc, m.bal), m.mbal < 0 ? 1 : 2 + m.mbal * L.V + m.mval!);
    else if (m.type === "2a") L.set(out, off, L.twoA(m.bal), 1 + m.val);
    else L.set(out, off, L.twoB(m.acc, m.bal), 1 + m.val);
  }
}

export function decodeLamport(L: LamportLayout, st: Int32Array, off: number): LamportState {
  const maxBal: number[] = [];
  const maxVBal: number[] = [];
  const maxVal: (number | null)[] = [];
  const msgs: LamportMessage[] = [];
  for (let a = 0; a < L.A; a++) {
    maxBal.push(L.get(st, off, L.maxBal(a)) - 1);
    maxVBal.push(L.get(st, off, L.maxVBal(a)) - 1);
    const val = L.get(st, off, L.maxVal(a));
    maxVal.push(val === 0 ? null : val - 1);
  }
  for (let b = 0; b < L.B; b++) {
    if (L.get(st, off, L.sent1a(b))) msgs.push({ type: "1a", bal: b });
    const t = L.get(st, off, L.twoA(b));
    if (t) msgs.push({ type: "2a", bal: b, val: t - 1 });
    for (let a = 0; a < L.A; a++) {
      const code = L.get(st, off, L.oneB(a, b));
      if (code === 1) msgs.push({ type: "1b", acc: a, bal: b, mbal: -1, mval: null });
      if (code >= 2) msgs.push({ type: "1b", acc: a, bal: b, mbal: ((code - 2) / L.V) | 0, mval: (code - 2) % L.V });
      const v = L.get(st, off, L.twoB(a, b));
      if (v) msgs.push({ type: "2b", acc: a, bal: b, val: v - 1 });
    }
  }
  msgs.sort((x, y) => (messageKey(x) < messageKey(y) ? -1 : 1));
  return { maxBal, maxVBal, maxVal, msgs };
}
