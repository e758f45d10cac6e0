// MemoChecks answers a step property once per pair of views and remembers it, in a table of all
// pairs and in a small cache of recent ones in front of it. Its answers must be the object
// check's for every pair, whatever order the pairs come in: a pair must never be answered from
// another pair that shares only its after view, or only its before view.
import { describe, expect, it } from "vitest";
import { MemoChecks, type ViewCodec } from "../../checker/memo-checks.ts";
import { Prng } from "../../checker/prng.ts";
import { toyModel, type Cell } from "./toy-model.ts";

const model = toyModel({ size: 4, reset: true });
const codec: ViewCodec<Cell> = { viewWords: 2, decodeView: (w, off) => ({ x: w[off]!, y: w[off + 1]! }) };
const cells: Cell[] = [];
for (let x = -1; x <= 4; x++) for (let y = -1; y <= 4; y++) cells.push({ x, y });
const words = (c: Cell) => Int32Array.of(c.x, c.y);
const expected = (b: Cell, a: Cell) => model.stepChecks.findIndex((c) => c.check(b, a) !== null);

describe("MemoChecks, step properties per pair of views", () => {
  it("answers every pair as the object check does, in order, shuffled, and again", () => {
    const pairs = cells.flatMap((b) => cells.map((a) => [b, a] as const));
    expect(pairs.some(([b, a]) => expected(b, a) >= 0)).toBe(true);
    expect(pairs.some(([b, a]) => expected(b, a) < 0 && b.x !== a.x)).toBe(true);
    const prng = new Prng(17);
    const shuffled = [...pairs];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = prng.below(i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const memo = new MemoChecks(model, codec);
    for (const [b, a] of [...pairs, ...shuffled, ...pairs]) {
      expect(memo.firstBrokenStep(words(b), 0, words(a), 0), `(${b.x},${b.y}) -> (${a.x},${a.y})`).toBe(expected(b, a));
    }
  });

  it("tells apart pairs with the same after view and different before views, met one after the other", () => {
    const memo = new MemoChecks(model, codec);
    const after = words({ x: 0, y: 2 });
    for (let round = 0; round < 3; round++) {
      expect(memo.firstBrokenStep(words({ x: 0, y: 1 }), 0, after, 0)).toBe(-1);
      expect(memo.firstBrokenStep(words({ x: 2, y: 2 }), 0, after, 0)).toBe(0);
    }
  });
});
