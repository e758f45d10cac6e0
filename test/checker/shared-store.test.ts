// The visited set that the workers of one packed run share (checker/shared-store.ts), driven
// here from one thread: every stored state found again by its global id through many growths
// of the table, a growth that re-enters the states of a worker that is not running, and a
// growth the memory budget refuses.
import { describe, expect, it } from "vitest";
import { MemoryRefused, type Reserve } from "../../checker/held-memory.ts";
import { abandon, enter, FAILED } from "../../checker/shared-control.ts";
import { SharedStateStore, sharedVisited } from "../../checker/shared-store.ts";
import { hashWords } from "../../checker/state-store.ts";

const W = 3;
const stateOf = (i: number) => Int32Array.of(i, i * 7 + 1, i ^ 0x5a5a);
const hashOf = (words: Int32Array) => hashWords(words, 0, W);
const insert = (store: SharedStateStore, i: number, parent = -1) => {
  const words = stateOf(i);
  return store.insertHashed(words, parent, hashOf(words));
};
/** The i in `from .. to` (by `step`) for which `ok(i)` fails: one assertion for a whole loop. */
const failing = (from: number, to: number, step: number, ok: (i: number) => boolean) => {
  const bad: number[] = [];
  for (let i = from; i < to; i += step) if (!ok(i)) bad.push(i);
  return bad;
};
const wordsAt = (store: SharedStateStore, g: number) => Array.from(store.chunkOf(g).subarray(store.offsetOf(g), store.offsetOf(g) + W));

describe("the shared visited set", () => {
  it("finds every stored state again, by global id, through many growths of its table", () => {
    const shared = sharedVisited(1);
    const store = new SharedStateStore(W, shared, 0, 1, () => {});
    store.enter();
    const before = store.bytes();
    expect(failing(0, 200_000, 1, (i) => insert(store, i, i - 1) === i)).toEqual([]);
    expect(failing(0, 200_000, 1, (i) => insert(store, i) === -1 && store.known === i && store.parentOf(i) === i - 1)).toEqual([]);
    expect(wordsAt(store, 199_999)).toEqual(Array.from(stateOf(199_999)));
    store.leave();
    expect(store.count).toBe(200_000);
    expect(store.total()).toBe(200_000);
    expect(store.bytes()).toBeGreaterThan(before);
    // Each state holds one slot of the grown table: a growth empties the slots it takes over.
    expect(new Int32Array(shared.table).filter((slot) => slot !== 0).length).toBe(200_000);
  });

  it("re-enters the states of a worker that is not running when another grows the table", () => {
    const shared = sharedVisited(2);
    const a = new SharedStateStore(W, shared, 0, 2, () => {});
    const b = new SharedStateStore(W, shared, 1, 2, () => {});
    b.enter();
    expect(failing(0, 30_000, 1, (i) => insert(b, i) === i)).toEqual([]);
    b.leave();
    a.enter();
    // Worker 0 meets worker 1's states as known, under their global ids (local * 2 + 1) ...
    expect(failing(0, 30_000, 1, (i) => insert(a, i) === -1 && a.known === i * 2 + 1)).toEqual([]);
    // ... and stores its own through growths that must carry worker 1's along.
    expect(failing(30_000, 230_000, 1, (i) => insert(a, i) === i - 30_000)).toEqual([]);
    expect(failing(0, 30_000, 1, (i) => insert(a, i) === -1 && a.known === i * 2 + 1)).toEqual([]);
    a.leave();
    b.enter();
    expect(failing(30_000, 230_000, 1, (i) => insert(b, i) === -1 && b.known === (i - 30_000) * 2)).toEqual([]);
    expect(wordsAt(b, (229_999 - 30_000) * 2)).toEqual(Array.from(stateOf(229_999)));
    b.leave();
    expect(a.total()).toBe(230_000);
  });

  it("stops with MemoryRefused when the budget refuses a growth, and every worker then stops", () => {
    const refuseTable: Reserve = (bytes, what) => {
      if (what.includes("table")) throw new MemoryRefused(`memory budget reached: ${what} (${bytes} bytes)`);
    };
    const shared = sharedVisited(2);
    const a = new SharedStateStore(W, shared, 0, 2, refuseTable);
    a.enter();
    let stored = 0;
    expect(() => {
      for (; stored < 200_000; stored++) insert(a, stored);
    }).toThrow(/memory budget reached: the shared visited set's table/);
    a.leave();
    expect(stored).toBeGreaterThan(40_000);
    expect(stored).toBeLessThan(60_000);
    expect(new Int32Array(shared.control)[FAILED]).toBe(1);
    // A worker that parks after the refusal learns of it too.
    const b = new SharedStateStore(W, shared, 1, 2, () => {});
    b.enter();
    expect(() => {
      for (let i = 0; i < 200_000; i++) insert(b, 1_000_000 + i);
    }).toThrow(/could not grow/);
    b.leave();
  });
});

describe("the workers' control words", () => {
  it("let no worker wait on for a run the main thread abandoned", () => {
    const shared = sharedVisited(2);
    const c = new Int32Array(shared.control);
    const a = new SharedStateStore(W, shared, 0, 2, () => {});
    // Worker 1 is inside its phase and never parks (it failed): worker 0's growth would wait for it.
    enter(c);
    a.enter();
    abandon(c);
    expect(() => {
      for (let i = 0; i < 200_000; i++) insert(a, i);
    }).toThrow(/abandoned/);
  });
});
