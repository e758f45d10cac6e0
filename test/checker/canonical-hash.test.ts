// The object engine knows a state by its canonical fingerprint: equal states must hash equal
// whatever order their keys were written in or their Sets and Maps were filled in, and states
// that differ anywhere must (all but certainly) hash apart.
import { describe, expect, it } from "vitest";
import { canonicalHash, canonicalKey } from "../../checker/canonical-hash.ts";

describe("canonicalHash", () => {
  it("does not depend on key order, Set order or Map order", () => {
    expect(canonicalHash({ a: 1, b: [1, 2], c: { x: "p", y: null } })).toEqual(canonicalHash({ c: { y: null, x: "p" }, b: [1, 2], a: 1 }));
    expect(canonicalHash(new Set(["a1", "a2", "a3"]))).toEqual(canonicalHash(new Set(["a3", "a1", "a2"])));
    expect(canonicalHash(new Map([["k", 1], ["j", 2]]))).toEqual(canonicalHash(new Map([["j", 2], ["k", 1]])));
  });

  it("tells apart what differs: array order, values swapped between keys, types, nesting", () => {
    const distinct = [
      [1, 2], [2, 1], { x: 1, y: 2 }, { x: 2, y: 1 }, { x: 1 }, { y: 1 }, "1", 1, 1.5, -1, true, false, null, [],
      {}, [[]], [{}], { a: { b: 1 } }, { a: { c: 1 } }, new Set([1]), new Set([2]), new Map([[1, 2]]), new Map([[2, 1]]),
      Int32Array.of(1, 2), Int32Array.of(2, 1), "ab", "ba", { k: undefined, j: 1 },
    ];
    const keys = distinct.map((v) => canonicalHash(v).join(","));
    expect(distinct.map(canonicalKey)).toEqual(keys.map((k) => k.replace(",", ":")));
    expect(new Set(keys).size).toBe(distinct.length);
  });

  it("ignores fields that are undefined, as a state built without them", () => {
    expect(canonicalHash({ a: 1, b: undefined })).toEqual(canonicalHash({ a: 1 }));
  });

  it("gives distinct fingerprints to many small distinct states", () => {
    const seen = new Set<string>();
    for (let x = 0; x < 60; x++) for (let y = 0; y < 60; y++) for (const up of [true, false]) seen.add(canonicalHash({ x, y, up, tags: [x % 3, y % 5] }).join(","));
    expect(seen.size).toBe(60 * 60 * 2);
  });

  it("refuses what is not plain data", () => {
    expect(() => canonicalHash({ f: () => 1 })).toThrow(/plain data/);
  });
});
