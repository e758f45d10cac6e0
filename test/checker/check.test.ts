// The one engine (checker/check.ts) on the toy grid: every behaviour on both representations
// (objects, packed words) and on one thread or two workers, with the same verdicts, counts and
// shortest runs.
import { describe, expect, it } from "vitest";
import { check, checkModel } from "../../checker/check.ts";
import type { CheckOptions, Engine } from "../../checker/result.ts";
import { definition as toy } from "./toy-definition.ts";
import { toyModel, type Cell, type ToyOptions } from "./toy-model.ts";

const run = (o: Partial<ToyOptions>, options: CheckOptions = {}) => check({ definition: toy, config: toy.parseConfig(o) }, options);

const layouts: { engine: Engine; workers: number; fingerprint: boolean }[] = [
  { engine: "object", workers: 1, fingerprint: false },
  { engine: "packed", workers: 1, fingerprint: false },
  { engine: "object", workers: 2, fingerprint: false },
  { engine: "packed", workers: 2, fingerprint: false },
  { engine: "packed", workers: 1, fingerprint: true },
  { engine: "packed", workers: 2, fingerprint: true },
];

describe.each(layouts)("check, $engine states on $workers worker(s), fingerprints $fingerprint", ({ engine, workers, fingerprint }) => {
  const on = { engine, workers, ...(fingerprint ? { fingerprint } : {}) };

  it("visits every cell of a safe grid once and verifies it", async () => {
    const result = await run({ size: 4 }, on);
    expect(result.verdict).toBe("verified");
    expect(result.engine).toBe(engine);
    expect(result.workers).toBe(workers);
    expect(result.stats.distinctStates).toBe(25);
    // Depth counts states, as TLC does: (4,4) is 7 steps away (the warp saves one), so 8 states.
    expect(result.stats.depth).toBe(8);
    expect(result.stats.queued).toBe(0);
    expect(result.stats.bytes).toBeGreaterThan(0);
    expect(result.witnesses).toEqual([{ id: "far-corner", reached: true }]);
  });

  it("counts the same transitions whatever the layout", async () => {
    const one = await run({ size: 6 });
    const here = await run({ size: 6 }, on);
    expect(here.stats).toMatchObject({ distinctStates: one.stats.distinctStates, transitions: one.stats.transitions, depth: one.stats.depth });
  });

  it("finds the shortest run to a bad state (the warp, not the walk)", async () => {
    const cx = (await run({ size: 4, badCell: true }, on)).violation!;
    expect(cx.kind).toBe("invariant");
    expect(cx.property).toBe("not-3-1");
    expect(cx.initial).toEqual({ x: 0, y: 0 });
    expect(cx.steps).toHaveLength(3);
    expect(cx.steps.at(-1)!.state).toEqual({ x: 3, y: 1 });
    expect(cx.steps.map((s) => s.action)).toContain("warp");
  });

  it("checks step properties on transitions into already-seen states", async () => {
    const cx = (await run({ size: 4, reset: true }, on)).violation!;
    expect(cx.kind).toBe("step");
    expect(cx.property).toBe("x-never-decreases");
    expect(cx.steps.map((s) => s.action)).toEqual(["right", "right", "reset"]);
    expect(cx.steps.at(-1)!.state).toEqual({ x: 0, y: 0 });
  });

  it("fails a run whose witness is never reached", async () => {
    const result = await run({ size: 3, impossibleWitness: true }, on);
    expect(result.violation).toMatchObject({ kind: "witness-unreached", property: "outside", steps: [] });
    expect(result.witnesses).toEqual([{ id: "far-corner", reached: true }, { id: "outside", reached: false }]);
  });

  it("reports a dead end from which progress is impossible, by its shortest path", async () => {
    const cx = (await run({ size: 3, trap: true }, on)).violation!;
    expect(cx.kind).toBe("progress");
    expect(cx.steps.map((s) => s.action)).toEqual(["right", "right", "trap"]);
  });

  it("keeps the verdict under symmetry, one state per class, along a concrete run", async () => {
    const reduced = await run({ size: 6, mirror: true }, { ...on, symmetry: true });
    expect(reduced.verdict).toBe("verified");
    expect(reduced.stats.distinctStates).toBe((7 * 8) / 2);
    const plain = (await run({ size: 6, mirror: true, badProduct: true }, on)).violation!;
    const cx = (await run({ size: 6, mirror: true, badProduct: true }, { ...on, symmetry: true })).violation!;
    expect(cx.steps).toHaveLength(plain.steps.length);
    let state = cx.initial;
    for (const { action, state: after } of cx.steps) {
      expect(toyModel({ size: 6, mirror: true }).next(state, action)).toEqual(after);
      state = after;
    }
    expect(state.x * state.y).toBe(3);
  });

  it("shards cover every state between them, each exploring less, and still find a violation", async () => {
    const seen = new Set<string>();
    let largest = 0;
    for (let index = 0; index < 3; index++) {
      const r = await run({ size: 12 }, { ...on, shard: { index, count: 3 } });
      expect(r.verdict).toBe("verified");
      largest = Math.max(largest, r.stats.distinctStates);
    }
    // The union: every state of a shard run is recorded by an invariant that never fails.
    for (let index = 0; index < 3; index++) {
      const model = toyModel({ size: 12 });
      const recording = { ...model, invariants: [{ id: "record", check: (s: Cell) => (seen.add(`${s.x},${s.y}`), null) }] };
      await checkModel(recording, { shard: { index, count: 3 }, engine: "object" });
    }
    expect(seen.size).toBe(13 * 13);
    expect(largest).toBeLessThan(13 * 13);
    const verdicts = await Promise.all([0, 1].map(async (index) => (await run({ size: 6, badCell: true }, { ...on, shard: { index, count: 2 } })).verdict));
    expect(verdicts).toContain("violation");
  });

  it("says incomplete, never verified, when a budget ends the run", async () => {
    const byStates = await run({ size: 40 }, { ...on, maxStates: 50 });
    expect(byStates.verdict).toBe("incomplete");
    expect(byStates.incompleteReason).toMatch(/state budget/);
    const byMemory = await run({ size: 40 }, { ...on, maxMemoryBytes: 10_000 });
    expect(byMemory.verdict).toBe("incomplete");
    expect(byMemory.incompleteReason).toMatch(/memory budget/);
    const bySeconds = await run({ size: 60 }, { ...on, maxSeconds: 0 });
    expect(bySeconds.verdict).toBe("incomplete");
    expect(bySeconds.incompleteReason).toMatch(/time budget/);
    expect((await run({ size: 4 }, { ...on, maxStates: 25, maxSeconds: 60, maxMemoryBytes: 1e9 })).verdict).toBe("verified");
  });
});

describe("check: choices and refusals", () => {
  it("reports progress while it runs, on one thread", async () => {
    const seen: number[] = [];
    await run({ size: 60 }, { onProgress: (s) => seen.push(s.distinctStates), progressEveryMs: 0 });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toBeGreaterThan(0);
  });

  it("runs the packed representation by default where the model has one", async () => {
    expect((await run({ size: 3 })).engine).toBe("packed");
    expect((await checkModel(toyModel({ size: 3 }))).engine).toBe("object");
  });

  it("refuses, naming the model and the option, what it cannot run", async () => {
    await expect(run({ size: 3 }, { symmetry: true })).rejects.toThrow(/toy-grid: --symmetry is not available/);
    await expect(checkModel(toyModel({ size: 3 }), { workers: 2 })).rejects.toThrow(/toy-grid: --workers needs a registered model/);
    await expect(checkModel(toyModel({ size: 3 }), { engine: "packed" })).rejects.toThrow(/toy-grid: the model has no packed encoding/);
    await expect(run({ size: 3 }, { workers: 0 })).rejects.toThrow(/workers/);
    await expect(run({ size: 3 }, { shard: { index: 2, count: 2 } })).rejects.toThrow(/shard index/);
    await expect(run({ size: 3 }, { fingerprint: true, engine: "object" })).rejects.toThrow(/toy-grid: --fingerprint .* not with --engine object/);
    await expect(checkModel(toyModel({ size: 3 }), { fingerprint: true })).rejects.toThrow(/toy-grid: --fingerprint .* the model has no packed encoding/);
  });

  it("reports bytes per state on every run, and the odds of a fingerprint collision where fingerprints stand for states", async () => {
    const words = await run({ size: 20 });
    const prints = await run({ size: 20 }, { fingerprint: true });
    expect(words.stats.bytesPerState).toBeGreaterThan(0);
    expect(words.stats.collisionProbability).toBeUndefined();
    expect(prints.fingerprint).toBe(true);
    const n = prints.stats.distinctStates;
    expect(prints.stats.collisionProbability).toBe((n * (n - 1)) / 2 ** 65);
    expect((await run({ size: 3 }, { engine: "object" })).stats.bytesPerState).toBeGreaterThan(0);
  });
});
