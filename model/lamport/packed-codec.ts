// Between the object state of Paxos.tla and its packed words (layout in packed-layout.ts).
import type { LamportLayout } from "./packed-layout.ts";
import { messageKey, type LamportMessage, type LamportState } from "./state.ts";

/**
 * Writes the state's words. Throws where the packing cannot hold the state: a value out of its
 * field's range, or two messages in one slot (two 2a messages for one ballot, say), which no
 * run of Paxos.tla produces (see packed-layout.ts) but a broken model might.
 */
export function encodeLamport(L: LamportLayout, s: LamportState, out: Int32Array, off: number): void {
  for (let i = 0; i < L.words; i++) out[off + i] = 0;
  const put = (field: number, value: number, what: string) => {
    const old = L.get(out, off, field);
    if (!(value >= 0 && value <= L.fm[field]!) || (old !== 0 && old !== value)) throw new Error(`cannot pack ${what}: it does not fit its slot`);
    L.set(out, off, field, value);
  };
  for (let a = 0; a < L.A; a++) {
    put(L.maxBal(a), s.maxBal[a]! + 1, `maxBal[${a}]`);
    put(L.maxVBal(a), s.maxVBal[a]! + 1, `maxVBal[${a}]`);
    put(L.maxVal(a), s.maxVal[a] === null ? 0 : s.maxVal[a]! + 1, `maxVal[${a}]`);
  }
  for (const m of s.msgs) {
    const what = `message ${messageKey(m)}`;
    if (m.type === "1a") put(L.sent1a(m.bal), 1, what);
    else if (m.type === "1b") put(L.oneB(m.acc, m.bal), m.mbal < 0 ? 1 : 2 + m.mbal * L.V + m.mval!, what);
    else if (m.type === "2a") put(L.twoA(m.bal), 1 + m.val, what);
    else put(L.twoB(m.acc, m.bal), 1 + m.val, what);
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
