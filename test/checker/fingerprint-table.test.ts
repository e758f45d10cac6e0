import { describe, expect, it } from "vitest";
import { collisionProbability, FingerprintTable, hash64 } from "../../checker/fingerprint-table.ts";

describe("FingerprintTable", () => {
  it("finds every key it stored, through many growths, and no key it did not", () => {
    const table = new FingerprintTable(4);
    for (let i = 0; i < 20_000; i++) expect(table.lookup(`state-${i}`, i)).toBe(-1);
    expect(table.size).toBe(20_000);
    for (let i = 0; i < 20_000; i += 7) expect(table.lookup(`state-${i}`)).toBe(i);
    expect(table.lookup("state-20000")).toBe(-1);
    expect(table.lookup("state-5", 99)).toBe(5);
  });

  it("hashes keys that differ in one character apart, in both halves", () => {
    const [a1, a2] = hash64('{"x":1,"y":2}');
    const [b1, b2] = hash64('{"x":1,"y":3}');
    expect(a1).not.toBe(b1);
    expect(a2).not.toBe(b2);
  });

  it("states the odds of a collision", () => {
    expect(collisionProbability(10_000_000)).toBeCloseTo(2.7e-6, 7);
  });
});
