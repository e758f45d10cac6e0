// Fingerprint mode's queue: states come back in the order they went in, whether they stayed in
// memory or went to disk past the budget, and the files are gone once read or disposed.
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { StateQueue } from "../../checker/state-queue.ts";

const W = 3;
const CHUNK_BITS = 4;
const stateOf = (i: number) => Int32Array.of(i, -i, i * 7);

function queueFiles(): string[] {
  return readdirSync(tmpdir()).filter((d) => d.startsWith("synod-queue-"));
}

describe("StateQueue", () => {
  it("gives every state back in order, spilling past its budget, and keeps its memory near the budget", () => {
    const before = queueFiles();
    const chunkBytes = (1 << CHUNK_BITS) * W * 4;
    const q = new StateQueue(W, 3 * chunkBytes, CHUNK_BITS);
    let read = 0;
    let peak = 0;
    // Level by level: a level is appended while the previous one is read, as the partition does.
    for (let level = 0; level < 6; level++) {
      const end = q.length;
      for (let i = 0; i < 50 * (level + 1); i++) q.push(stateOf(q.length));
      for (; read < end; read++) {
        q.release(read);
        const chunk = q.chunkOf(read);
        const off = q.offsetOf(read);
        expect(Array.from(chunk.subarray(off, off + W))).toEqual(Array.from(stateOf(read)));
        peak = Math.max(peak, q.bytes());
      }
    }
    expect(q.spilled).toBeGreaterThan(0);
    // The budget, plus the chunk just read back or started before the spill makes room.
    expect(peak).toBeLessThanOrEqual(4 * chunkBytes);
    q.dispose();
    expect(queueFiles()).toEqual(before);
  });

  it("never writes to disk within its budget", () => {
    const q = new StateQueue(W, Infinity, CHUNK_BITS);
    for (let i = 0; i < 1000; i++) q.push(stateOf(i));
    expect(q.spilled).toBe(0);
    expect(q.bytes()).toBe(Math.ceil(1000 / (1 << CHUNK_BITS)) * (1 << CHUNK_BITS) * W * 4);
    q.release(1000);
    expect(q.bytes()).toBeLessThanOrEqual((1 << CHUNK_BITS) * W * 4);
  });
});
