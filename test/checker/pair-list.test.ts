// The chunked list of edges a worker records (checker/pair-list.ts): every pair back in order
// past many chunks, and what the memory budget reads of it.
import { describe, expect, it } from "vitest";
import { PairList } from "../../checker/pair-list.ts";

describe("the list of pairs", () => {
  it("gives back every pair in order, past dozens of chunks", () => {
    const asked: number[] = [];
    const list = new PairList((bytes) => asked.push(bytes), "the edges");
    const pairs = 40 * (1 << 19) + 123;
    for (let i = 0; i < pairs; i++) list.push2(i, -i);
    const parts = list.parts();
    expect(parts.length).toBeGreaterThan(30);
    let k = 0;
    let wrong = 0;
    for (const part of parts) for (let i = 0; i < part.length; i += 2, k++) if (part[i] !== k || part[i + 1] !== -k) wrong++;
    expect(k).toBe(pairs);
    expect(wrong).toBe(0);
    // Every chunk was asked for before it was made, and the bytes count them all.
    expect(asked.reduce((a, b) => a + b, 0)).toBe(list.bytes());
    expect(list.peakBytes(0)).toBe(list.bytes());
    expect(list.peakBytes(1 << 20)).toBeGreaterThan(list.bytes());
  });
});
