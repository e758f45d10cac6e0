// How a growth of the shared table splits it among workers (checker/table-parts.ts): parts
// cover the table in order, end on page boundaries, and hold equal work when the fresh slots all
// lie after the old ones, as they do after every growth.
import { describe, expect, it } from "vitest";
import { FRESH_SLOT_COST, slotsCost, tableParts } from "../../checker/table-parts.ts";

/** The cost of slots lo .. hi - 1 of a table whose first `before` slots are old. */
const partCost = (before: number, lo: number, hi: number) => slotsCost(before, hi) - slotsCost(before, lo);

/** How far the costliest part is above an equal share, in the cost of a fresh page. */
function excess(bounds: readonly number[], before: number): number {
  const slots = bounds[bounds.length - 1]!;
  const share = slotsCost(before, slots) / (bounds.length - 1);
  const costs = bounds.slice(1).map((hi, p) => partCost(before, bounds[p]!, hi));
  return (Math.max(...costs) - share) / (1024 * (1 + FRESH_SLOT_COST));
}

describe("parts of a grown table", () => {
  const growths = [
    { name: "fourfold", before: 1 << 22, slots: 1 << 24 },
    { name: "twofold", before: 1 << 24, slots: 1 << 25 },
    { name: "the first, fourfold from a small table", before: 1 << 16, slots: 1 << 18 },
  ];

  for (const { name, before, slots } of growths) {
    for (const parts of [2, 3, 4]) {
      it(`cover a ${name} growth in ${parts} parts of equal work, on page boundaries`, () => {
        const bounds = tableParts(slots, before, parts);
        expect(bounds).toHaveLength(parts + 1);
        expect(bounds[0]).toBe(0);
        expect(bounds[parts]).toBe(slots);
        for (let p = 0; p < parts; p++) {
          expect(bounds[p + 1]!).toBeGreaterThan(bounds[p]!);
          expect(bounds[p]! % 1024).toBe(0);
        }
        // Each of a part's two bounds is at most half a page from the exact one.
        expect(excess(bounds, before)).toBeLessThanOrEqual(1);
      });
    }
  }

  it("are not parts of equal slots, which leave the last part most of the fresh pages", () => {
    const before = 1 << 22;
    const slots = 1 << 24;
    const equal = [0, slots / 2, slots];
    expect(excess(equal, before)).toBeGreaterThan(1000);
    expect(tableParts(slots, before, 2)[1]).toBeGreaterThan(slots / 2);
  });

  it("are whole slots for any number of workers, and may be empty when the table has fewer pages than parts", () => {
    for (const parts of [3, 5, 7]) {
      const bounds = tableParts(1 << 18, 1 << 16, parts);
      expect(bounds.every((b) => Number.isInteger(b))).toBe(true);
    }
    const tiny = tableParts(2048, 1024, 4);
    expect(tiny[0]).toBe(0);
    expect(tiny[4]).toBe(2048);
    for (let p = 0; p < 4; p++) expect(tiny[p + 1]!).toBeGreaterThanOrEqual(tiny[p]!);
  });
});
