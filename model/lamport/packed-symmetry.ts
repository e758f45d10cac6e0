// Symmetry reduction for Paxos.tla: acceptors are interchangeable (quorums are all the
// majorities) and so are values (the spec only compares them for equality; None is not a
// value and stays put).
//
// The canonical form: for each permutation of values, rename the values, then sort the
// acceptors' records (maxBal, maxVBal, maxVal, their 1b and 2b slots); keep the least result
// word by word. Sorting records is canonical for acceptor renaming (equal records are
// interchangeable), and value and acceptor renamings commute, so the result is the same for
// every member of a state's orbit: the reduction is sound. The rest of the state (1a and 2a
// slots) names no acceptor.
import type { LamportLayout } from "./packed-layout.ts";

type Compiled = {
  readonly valuePerms: number;
  /** Per value permutation: code renaming of a value slot (0 = none, 1 + v). */
  readonly valueLut: Int32Array;
  /** Per value permutation and ballot: code renaming of a 1b slot (offset p * oneBSize + oneBAt[b]). */
  readonly oneBLut: Int32Array;
  readonly oneBAt: Int32Array;
  readonly oneBSize: number;
  /** Fields per acceptor record: maxBal, maxVBal, maxVal, then 1b and 2b per ballot. */
  readonly K: number;
  readonly rows: Int32Array;
  readonly order: Int32Array;
  readonly best: Int32Array;
  readonly image: Int32Array;
};
const cache = new WeakMap<LamportLayout, Compiled>();

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const p of permutations(n - 1)) for (let i = 0; i <= p.length; i++) out.push([...p.slice(0, i), n - 1, ...p.slice(i)]);
  return out;
}

function compile(L: LamportLayout): Compiled {
  const perms = permutations(L.V);
  const valueLut = Int32Array.from(perms.flatMap((pv) => [0, ...pv.map((v) => 1 + v)]));
  const oneBAt = new Int32Array(L.B);
  let size = 0;
  for (let b = 0; b < L.B; b++) {
    oneBAt[b] = size;
    size += 2 + b * L.V;
  }
  const oneBLut = new Int32Array(perms.length * size);
  perms.forEach((pv, p) => {
    for (let b = 0; b < L.B; b++) {
      const at = p * size + oneBAt[b]!;
      oneBLut[at] = 0;
      oneBLut[at + 1] = 1;
      for (let c = 2; c < 2 + b * L.V; c++) oneBLut[at + c] = 2 + (((c - 2) / L.V) | 0) * L.V + pv[(c - 2) % L.V]!;
    }
  });
  const K = 3 + 2 * L.B;
  return { valuePerms: perms.length, valueLut, oneBLut, oneBAt, oneBSize: size, K, rows: new Int32Array(L.A * K), order: new Int32Array(L.A), best: new Int32Array(L.words), image: new Int32Array(L.words) };
}

export function canonicalizeLamport(L: LamportLayout, st: Int32Array, off: number): void {
  let c = cache.get(L);
  if (!c) {
    c = compile(L);
    cache.set(L, c);
  }
  const W = L.words;
  for (let p = 0; p < c.valuePerms; p++) {
    imageUnder(L, c, st, off, p);
    if (p === 0 || lessThan(c.image, c.best, W)) c.best.set(c.image);
  }
  for (let i = 0; i < W; i++) st[off + i] = c.best[i]!;
}

/** Fills c.image with the state's values renamed by permutation p and its acceptors sorted. */
function imageUnder(L: LamportLayout, c: Compiled, st: Int32Array, off: number, p: number): void {
  const { K, rows, order, image } = c;
  const A = L.A;
  const B = L.B;
  const vl = p * (L.V + 1);
  const ol = p * c.oneBSize;
  for (let a = 0; a < A; a++) {
    const r = a * K;
    rows[r] = L.get(st, off, L.maxBal(a));
    rows[r + 1] = L.get(st, off, L.maxVBal(a));
    rows[r + 2] = c.valueLut[vl + L.get(st, off, L.maxVal(a))]!;
    for (let b = 0; b < B; b++) {
      rows[r + 3 + b] = c.oneBLut[ol + c.oneBAt[b]! + L.get(st, off, L.oneB(a, b))]!;
      rows[r + 3 + B + b] = c.valueLut[vl + L.get(st, off, L.twoB(a, b))]!;
    }
    // Insertion sort of acceptor indices by record: A is at most 5.
    let i = a;
    while (i > 0 && rowLess(rows, K, a, order[i - 1]!)) {
      order[i] = order[i - 1]!;
      i--;
    }
    order[i] = a;
  }
  image.fill(0);
  for (let i = 0; i < A; i++) {
    const r = order[i]! * K;
    L.set(image, 0, L.maxBal(i), rows[r]!);
    L.set(image, 0, L.maxVBal(i), rows[r + 1]!);
    L.set(image, 0, L.maxVal(i), rows[r + 2]!);
    for (let b = 0; b < B; b++) {
      L.set(image, 0, L.oneB(i, b), rows[r + 3 + b]!);
      L.set(image, 0, L.twoB(i, b), rows[r + 3 + B + b]!);
    }
  }
  for (let b = 0; b < B; b++) {
    L.set(image, 0, L.sent1a(b), L.get(st, off, L.sent1a(b)));
    L.set(image, 0, L.twoA(b), c.valueLut[vl + L.get(st, off, L.twoA(b))]!);
  }
}

function rowLess(rows: Int32Array, K: number, x: number, y: number): boolean {
  for (let k = 0; k < K; k++) {
    const d = rows[x * K + k]! - rows[y * K + k]!;
    if (d !== 0) return d < 0;
  }
  return false;
}

function lessThan(x: Int32Array, y: Int32Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const a = x[i]! >>> 0;
    const b = y[i]! >>> 0;
    if (a !== b) return a < b;
  }
  return false;
}
