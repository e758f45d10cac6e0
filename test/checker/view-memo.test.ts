// ViewMemo answers a check once per view of the state (its words under a mask) and remembers
// it, in a table of every view and in a small cache of views met last in front of it. Its
// answers must be the check's for every view, whatever order the views come in, with more views
// than the cache holds (so views meet in its slots); bits outside the view change nothing.
import { describe, expect, it } from "vitest";
import { Prng } from "../../checker/prng.ts";
import { ViewMemo } from "../../checker/view-memo.ts";

/** The view: all of word 0, the low byte of word 1, nothing of word 2, bits 4..11 of word 3. */
const mask = Int32Array.of(-1, 0xff, 0, 0xff0);
const answerOf = (v: Int32Array, off: number) => (Math.imul(v[off]!, 31) + Math.imul(v[off + 1]!, 7) + (v[off + 3]! >>> 4)) & 0xffff;

function counted() {
  const seen: string[] = [];
  const check = (v: Int32Array, off: number) => {
    seen.push(Array.from(v.subarray(off, off + 4)).join(","));
    return answerOf(v, off);
  };
  return { seen, memo: new ViewMemo(mask, check) };
}

describe("ViewMemo, a check per view of the state", () => {
  it("answers every view as the check does, in order, shuffled and again, with more views than its cache holds", () => {
    const prng = new Prng(5);
    // Every combination of 40 values in each of the view's three parts: many pairs of views differ in one part only.
    const views = Array.from({ length: 40 ** 3 }, (_, k) => Int32Array.of(k % 40, Math.floor(k / 40) % 40, 0, Math.floor(k / 1600) << 4));
    const shuffled = [...views];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = prng.below(i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const { seen, memo } = counted();
    let wrong = 0;
    for (const v of [...views, ...shuffled, ...views]) if (memo.get(v, 0) !== answerOf(v, 0)) wrong++;
    expect(wrong).toBe(0);
    // Each view was checked once: the later answers came from the table or the cache.
    expect(seen.length).toBe(views.length);
  });

  it("reads the view only: states that differ outside it share one answer, and the check sees no bit outside it", () => {
    const { seen, memo } = counted();
    const state = Int32Array.of(9, 0x1203, 77, 0x7a5, 0, 0);
    const other = Int32Array.of(5, 5, 9, 0x1203 | 0x4000, 12, 0x37ab);
    expect(memo.get(state, 0)).toBe(memo.get(other, 2));
    expect(seen).toEqual(["9,3,0,1952"]);
    expect(memo.get(Int32Array.of(9, 0x1204, 77, 0x7a5), 0)).not.toBe(memo.get(state, 0));
  });

  it("refuses a check that answers a negative number", () => {
    const memo = new ViewMemo(mask, () => -1);
    expect(() => memo.get(Int32Array.of(1, 2, 3, 4), 0)).toThrow(/non-negative/);
  });
});
