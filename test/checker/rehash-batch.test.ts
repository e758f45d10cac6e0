// Entering entries into a grown table (checker/rehash-batch.ts): sorted or not, every entry is
// found again by linear probing from its home slot; in a shared table each part is written
// alone, an entry whose probe reaches the part's end waits until enterSetAside, and then
// lands past it (wrapping around the table's end).
import { describe, expect, it } from "vitest";
import { RehashBatch } from "../../checker/rehash-batch.ts";

/** Where linear probing from `home` finds `entry` in `table`, or -1 at the first empty slot. */
function find(table: Int32Array, home: number, entry: number): number {
  for (let slot = home, n = 0; n < table.length; slot = (slot + 1) & (table.length - 1), n++) {
    if (table[slot] === entry) return slot;
    if (table[slot] === 0) return -1;
  }
  return -1;
}

/** Entries 1.. with the given home slots. */
const entries = (homes: readonly number[]) => homes.map((home, i) => ({ home, entry: i + 1 }));

describe("re-entering a grown table", () => {
  it("finds every entry from its home slot, in a table one thread owns, probes wrapping past its end", () => {
    const table = new Int32Array(16);
    const batch = new RehashBatch(table, false);
    const all = entries([15, 15, 15, 3, 0, 3, 9]);
    for (const { home, entry } of all) batch.add(home, entry);
    batch.flush();
    expect(all.filter(({ home, entry }) => find(table, home, entry) < 0)).toEqual([]);
    // The three entries of home 15 fill slot 15 and wrap to 0 and 1.
    expect(find(table, 15, 3)).toBeLessThan(15);
  });

  it("in a shared table, writes a part's slots only, sets aside what reaches its end, and enters it after", () => {
    const table = new Int32Array(16);
    const first = entries([6, 6, 7, 2]);
    const second = entries([15, 15, 8]).map((e) => ({ ...e, entry: e.entry + 10 }));
    // Two workers' parts, [0, 8) and [8, 16), entered one after the other as two threads would.
    const a = new RehashBatch(table, true);
    a.part(8);
    for (const { home, entry } of first) a.add(home, entry);
    a.flush();
    expect(Array.from(table.subarray(8))).toEqual(new Array(8).fill(0));
    const b = new RehashBatch(table, true);
    b.part(16);
    for (const { home, entry } of second) b.add(home, entry);
    b.flush();
    // Part [0, 8) holds only its own entries; one of home 6 or 7 waits, and one of home 15.
    expect(Array.from(table.subarray(0, 8)).filter((e) => e > 10)).toEqual([]);
    const placed = (xs: typeof first) => xs.filter(({ home, entry }) => find(table, home, entry) >= 0).length;
    expect(placed(first)).toBe(3);
    expect(placed(second)).toBe(2);
    a.enterSetAside();
    b.enterSetAside();
    const missing = [...first, ...second].filter(({ home, entry }) => find(table, home, entry) < 0);
    expect(missing).toEqual([]);
    // The set-aside entry of part [8, 16) wrapped around into part [0, 8).
    expect(find(table, 15, 12)).toBeLessThan(8);
  });
});
