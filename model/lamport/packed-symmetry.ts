// Symmetry reduction for Paxos.tla: acceptors are interchangeable (quorums are all the
// majorities) and so are values (the spec only compares them for equality; None is not a
// value and stays put). A state's canonical form is the least, word by word, of its images
// under every permutation of acceptors and of values: a function of its orbit, hence sound.
import type { LamportLayout } from "./packed-layout.ts";

type Perms = { acceptors: number[][]; values: number[][]; fields: Int32Array; best: Int32Array; image: Int32Array };
const cache = new WeakMap<LamportLayout, Perms>();

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const p of permutations(n - 1)) for (let i = 0; i <= p.length; i++) out.push([...p.slice(0, i), n - 1, ...p.slice(i)]);
  return out;
}

function perms(L: LamportLayout): Perms {
  let p = cache.get(L);
  if (!p) {
    p = { acceptors: permutations(L.A), values: permutations(L.V), fields: new Int32Array(L.fw.length), best: new Int32Array(L.words), image: new Int32Array(L.words) };
    cache.set(L, p);
  }
  return p;
}

export function canonicalizeLamport(L: LamportLayout, st: Int32Array, off: number, _scratch: Int32Array): void {
  const P = perms(L);
  const F = P.fields;
  for (let f = 0; f < F.length; f++) F[f] = L.get(st, off, f);
  for (let i = 0; i < L.words; i++) P.best[i] = st[off + i]!;
  for (const pa of P.acceptors) {
    for (const pv of P.values) {
      imageOf(L, F, pa, pv, P.image);
      if (lessThan(P.image, P.best, L.words)) P.best.set(P.image);
    }
  }
  for (let i = 0; i < L.words; i++) st[off + i] = P.best[i]!;
}

/** The state with acceptor a renamed pa[a] and value v renamed pv[v]. */
function imageOf(L: LamportLayout, F: Int32Array, pa: number[], pv: number[], out: Int32Array): void {
  out.fill(0);
  const V = L.V;
  const val = (x: number) => (x === 0 ? 0 : 1 + pv[x - 1]!);
  for (let a = 0; a < L.A; a++) {
    const to = pa[a]!;
    L.set(out, 0, L.maxBal(to), F[L.maxBal(a)]!);
    L.set(out, 0, L.maxVBal(to), F[L.maxVBal(a)]!);
    L.set(out, 0, L.maxVal(to), val(F[L.maxVal(a)]!));
    for (let b = 0; b < L.B; b++) {
      const code = F[L.oneB(a, b)]!;
      L.set(out, 0, L.oneB(to, b), code < 2 ? code : 2 + (((code - 2) / V) | 0) * V + pv[(code - 2) % V]!);
      L.set(out, 0, L.twoB(to, b), val(F[L.twoB(a, b)]!));
    }
  }
  for (let b = 0; b < L.B; b++) {
    L.set(out, 0, L.sent1a(b), F[L.sent1a(b)]!);
    L.set(out, 0, L.twoA(b), val(F[L.twoA(b)]!));
  }
}

function lessThan(x: Int32Array, y: Int32Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const a = x[i]! >>> 0;
    const b = y[i]! >>> 0;
    if (a !== b) return a < b;
  }
  return false;
}
