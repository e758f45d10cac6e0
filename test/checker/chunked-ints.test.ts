// The chunked list of ints the edges are kept in (checker/chunked-ints.ts): every pair back in
// order past many chunks, and what the memory budget reads of it.
import { describe, expect, it } from "vitest";
import { ChunkedInts } from "../../checker/chunked-ints.ts";

describe("the chunked list of ints", () => {
  it("gives back every pair in order, past dozens of chunks", () => {
    const asked: number[] = [];
    const list = new ChunkedInts((bytes: number) => asked.push(bytes), "the edges", { width: 2 });
    const pairs = 40 * (1 << 19) + 123;
    for (let i = 0; i < pairs; i++) list.push2(i, -i);
    const parts = list.parts();
    expect(parts.length).toBeGreaterThan(30);
    let k = 0;
    let wrong = 0;
    for (const part of parts) for (let i = 0; i < part.length; i += 2, k++) if (part[i] !== k || part[i + 1] !== -k) wrong++;
    expect(k).toBe(pairs);
    expect(list.length).toBe(2 * pairs);
    expect(wrong).toBe(0);
    // Every chunk was asked for before it was made, and the bytes count them all.
    expect(asked.reduce((a, b) => a + b, 0)).toBe(list.bytes());
    expect(list.peakBytes(0)).toBe(list.bytes());
    expect(list.peakBytes(1 << 20)).toBeGreaterThan(list.bytes());
  });
});
