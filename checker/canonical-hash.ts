// The fingerprint of an object state: a 64-bit hash of its structure, computed so that equal
// states hash equal whatever order their objects' keys were written in or their Sets and Maps
// were filled in. Object fields and Set/Map members are combined commutatively (a sum of
// well-mixed per-member hashes), arrays and typed arrays in order. As in TLC, two distinct states
// that share a 64-bit fingerprint would be taken for one; the run reports the odds
// (fingerprint-table.ts collisionProbability).

/** Two independent 32-bit lanes of one 64-bit fingerprint. */
export type Fingerprint = readonly [hi: number, lo: number];

const NULL_HI = 0x6a09e667 | 0;
const NULL_LO = 0x3c6ef372 | 0;
const UNDEF_HI = 0x510e527f | 0;
const UNDEF_LO = 0x1f83d9ab | 0;
const TRUE_HI = 0x5be0cd19 | 0;
const TRUE_LO = 0x243f6a88 | 0;
const FALSE_HI = 0x85a308d3 | 0;
const FALSE_LO = 0x13198a2e | 0;

function mixA(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function mixB(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  return h ^ (h >>> 15);
}

// The walk writes its result here rather than allocating a pair per node.
let outHi = 0;
let outLo = 0;

function hashString(s: string, seedHi: number, seedLo: number): void {
  let a = seedHi ^ s.length;
  let b = seedLo ^ Math.imul(s.length, 0x9e3779b1);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  outHi = mixA(a);
  outLo = mixB(b);
}

function hashNumber(n: number, seedHi: number, seedLo: number): void {
  if (Number.isInteger(n) && n >= -0x80000000 && n <= 0x7fffffff) {
    outHi = mixA(seedHi ^ n);
    outLo = mixB(seedLo ^ Math.imul(n, 0x9e3779b1) ^ 0x7f4a7c15);
  } else hashString(String(n), seedHi ^ 0x2545f491, seedLo ^ 0x68e31da4);
}

/** Combines an ordered sequence: position matters. */
function step(accHi: number, accLo: number): void {
  outHi = mixA(Math.imul(accHi, 0x01000193) ^ outHi);
  outLo = mixB(Math.imul(accLo, 0x5bd1e995) ^ outLo);
}

function walk(v: unknown): void {
  switch (typeof v) {
    case "string":
      return hashString(v, 0x12345678, 0x9abcdef0);
    case "number":
      return hashNumber(v, 0x0badf00d, 0x0ddba11);
    case "boolean":
      outHi = v ? TRUE_HI : FALSE_HI;
      outLo = v ? TRUE_LO : FALSE_LO;
      return;
    case "undefined":
      outHi = UNDEF_HI;
      outLo = UNDEF_LO;
      return;
    case "object":
      if (v === null) {
        outHi = NULL_HI;
        outLo = NULL_LO;
        return;
      }
      if (Array.isArray(v)) return walkSequence(v, v.length, 0x4f1bbcdc);
      if (ArrayBuffer.isView(v)) return walkSequence(v as unknown as ArrayLike<number>, (v as unknown as ArrayLike<number>).length, 0x7a5b3c1d);
      if (v instanceof Set) return walkSet(v);
      if (v instanceof Map) return walkMap(v);
      return walkObject(v as Record<string, unknown>);
    default:
      throw new TypeError(`a state holds only plain data; found a ${typeof v}`);
  }
}

function walkSequence(items: ArrayLike<unknown>, length: number, tag: number): void {
  let hi = tag ^ length;
  let lo = ~tag ^ Math.imul(length, 0x9e3779b1);
  for (let i = 0; i < length; i++) {
    walk(items[i]);
    step(hi, lo);
    hi = outHi;
    lo = outLo;
  }
  outHi = hi;
  outLo = lo;
}

/** Fields are summed, so key order does not matter; each field mixes its key with its value. */
function walkObject(o: Record<string, unknown>): void {
  let hi = 0x3243f6a8;
  let lo = 0x0e5d7a91;
  let n = 0;
  for (const key in o) {
    const value = o[key];
    if (value === undefined) continue;
    walk(value);
    const vHi = outHi;
    const vLo = outLo;
    hashString(key, vHi, vLo);
    hi = (hi + outHi) | 0;
    lo = (lo + outLo) | 0;
    n++;
  }
  outHi = mixA(hi ^ n);
  outLo = mixB(lo ^ Math.imul(n, 0x27d4eb2f));
}

function walkSet(s: Set<unknown>): void {
  let hi = 0x1b873593;
  let lo = 0x7ed55d16;
  for (const item of s) {
    walk(item);
    hi = (hi + mixA(outHi ^ 0x55555555)) | 0;
    lo = (lo + mixB(outLo ^ 0x33333333)) | 0;
  }
  outHi = mixA(hi ^ s.size);
  outLo = mixB(lo ^ s.size);
}

function walkMap(m: Map<unknown, unknown>): void {
  let hi = 0x165667b1;
  let lo = 0x27d4eb2f;
  for (const [k, v] of m) {
    walk(v);
    const vHi = outHi;
    const vLo = outLo;
    walk(k);
    hi = (hi + mixA(outHi ^ Math.imul(vHi, 0x01000193))) | 0;
    lo = (lo + mixB(outLo ^ Math.imul(vLo, 0x5bd1e995))) | 0;
  }
  outHi = mixA(hi ^ m.size);
  outLo = mixB(lo ^ m.size);
}

/** The 64-bit fingerprint of a plain-data value (objects, arrays, Sets, Maps, typed arrays, primitives). */
export function canonicalHash(value: unknown): Fingerprint {
  walk(value);
  return [outHi, outLo];
}

/** canonicalHash as one string: a key for a Set or Map outside the engine's loop. */
export function canonicalKey(value: unknown): string {
  walk(value);
  return `${outHi}:${outLo}`;
}

/** canonicalHash, into the caller's array: no allocation in the engine's loop. */
export function canonicalHashInto(value: unknown, out: Int32Array): void {
  walk(value);
  out[0] = outHi;
  out[1] = outLo;
}
