// touchPages (checker/fresh-pages.ts) writes one zero in every page that the range it is given
// meets, and nothing outside the range: the shared table's growth calls it on a part of the
// table that another worker writes beside, so a write past the range's end would lose entries.
import { describe, expect, it } from "vitest";
import { touchPages } from "../../checker/fresh-pages.ts";

const PAGE_INTS = 1024;
const zerosOf = (a: Int32Array) => [...a.keys()].filter((i) => a[i] === 0);

describe("touchPages", () => {
  it("writes one zero in every page the range meets, and nothing before or after it", () => {
    const a = new Int32Array(10 * PAGE_INTS).fill(7);
    touchPages(a, 100, 7 * PAGE_INTS + 3);
    expect(zerosOf(a)).toEqual([100, 1024, 2048, 3072, 4096, 5120, 6144, 7168]);
  });

  it("covers the whole array by default, and an empty range not at all", () => {
    const a = new Int32Array(3 * PAGE_INTS + 1).fill(7);
    touchPages(a, 5, 5);
    expect(zerosOf(a)).toEqual([]);
    touchPages(a);
    expect(zerosOf(a)).toEqual([0, 1024, 2048, 3072]);
  });
});
