import { describe, expect, it } from "vitest";
import { explore } from "../../checker/explore.ts";
import { toyModel } from "./toy-model.ts";

describe("explore (breadth-first, object models)", () => {
  it("visits every cell of a safe grid once and verifies it", () => {
    const result = explore(toyModel({ size: 4 }));
    expect(result.verdict).toBe("verified");
    expect(result.stats.distinctStates).toBe(25);
    // Depth counts states, as TLC does: (4,4) is 7 steps away (the warp saves one), so 8 states.
    expect(result.stats.depth).toBe(8);
    expect(result.stats.queued).toBe(0);
    expect(result.witnesses).toEqual([{ id: "far-corner", reached: true }]);
  });

  it("finds the shortest run to a bad state (the warp, not the walk)", () => {
    const result = explore(toyModel({ size: 4, badCell: true }));
    expect(result.verdict).toBe("violation");
    const cx = result.violation!;
    expect(cx.kind).toBe("invariant");
    expect(cx.property).toBe("not-3-1");
    expect(cx.initial).toEqual({ x: 0, y: 0 });
    expect(cx.steps.map((s) => s.action)).toHaveLength(3);
    expect(cx.steps.at(-1)!.state).toEqual({ x: 3, y: 1 });
    expect(cx.steps.map((s) => s.action)).toContain("warp");
  });

  it("checks step properties on transitions into already-seen states", () => {
    const result = explore(toyModel({ size: 4, reset: true }));
    expect(result.verdict).toBe("violation");
    const cx = result.violation!;
    expect(cx.kind).toBe("step");
    expect(cx.property).toBe("x-never-decreases");
    expect(cx.steps.map((s) => s.action)).toEqual(["right", "right", "reset"]);
    expect(cx.steps.at(-1)!.state).toEqual({ x: 0, y: 0 });
  });

  it("fails a run whose witness is never reached", () => {
    const result = explore(toyModel({ size: 3, impossibleWitness: true }));
    expect(result.verdict).toBe("violation");
    expect(result.violation).toMatchObject({ kind: "witness-unreached", property: "outside", steps: [] });
    expect(result.witnesses).toEqual([{ id: "far-corner", reached: true }, { id: "outside", reached: false }]);
  });

  it("reports a dead end from which progress is impossible, by its shortest path", () => {
    const result = explore(toyModel({ size: 3, trap: true }));
    expect(result.verdict).toBe("violation");
    expect(result.violation!.kind).toBe("progress");
    expect(result.violation!.steps.map((s) => s.action)).toEqual(["right", "right", "trap"]);
  });

  it("says incomplete, never verified, when a budget ends the run", () => {
    const byStates = explore(toyModel({ size: 20 }), { maxStates: 50 });
    expect(byStates.verdict).toBe("incomplete");
    expect(byStates.incompleteReason).toMatch(/state budget/);
    expect(byStates.stats.queued).toBeGreaterThan(0);
    const byMemory = explore(toyModel({ size: 20 }), { maxMemoryBytes: 10_000 });
    expect(byMemory.verdict).toBe("incomplete");
    expect(byMemory.incompleteReason).toMatch(/memory budget/);
    const bySeconds = explore(toyModel({ size: 60 }), { maxSeconds: 0 });
    expect(bySeconds.verdict).toBe("incomplete");
    expect(bySeconds.incompleteReason).toMatch(/time budget/);
  });

  it("a budget that is not reached changes nothing", () => {
    const result = explore(toyModel({ size: 4 }), { maxStates: 25, maxSeconds: 60, maxMemoryBytes: 1e9 });
    expect(result.verdict).toBe("verified");
  });

  it("reports progress while it runs", () => {
    const seen: number[] = [];
    explore(toyModel({ size: 30 }), { onProgress: (s) => seen.push(s.distinctStates), progressEveryMs: 0 });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toBeGreaterThan(0);
  });
});

describe("explore with --shard", () => {
  it("shards cover every state between them, each exploring less", () => {
    const all = new Set<string>();
    let largest = 0;
    for (let index = 0; index < 3; index++) {
      const model = toyModel({ size: 12 });
      const seen: string[] = [];
      const result = explore({ ...model, invariants: [{ id: "record", check: (s) => (seen.push(model.fingerprint(s)), null) }] }, { shard: { index, count: 3 } });
      expect(result.verdict).toBe("verified");
      largest = Math.max(largest, result.stats.distinctStates);
      for (const k of seen) all.add(k);
    }
    expect(all.size).toBe(13 * 13);
    expect(largest).toBeLessThan(13 * 13);
  });

  it("still finds a violation reachable through its part", () => {
    const verdicts = [0, 1].map((index) => explore(toyModel({ size: 6, badCell: true }), { shard: { index, count: 2 } }).verdict);
    expect(verdicts).toContain("violation");
  });
});

describe("explore with symmetry", () => {
  it("keeps the verdict and explores one state per class", () => {
    const plain = explore(toyModel({ size: 6, mirror: true }));
    const reduced = explore(toyModel({ size: 6, mirror: true }), { symmetry: true });
    expect(reduced.verdict).toBe(plain.verdict);
    expect(reduced.stats.distinctStates).toBe(7 * 8 / 2);
  });

  it("keeps finding a violation, along a concrete run", () => {
    const model = toyModel({ size: 6, mirror: true });
    const bad = { ...model, invariants: [{ id: "not-3-1-or-1-3", check: (s: { x: number; y: number }) => (s.x * s.y === 3 ? "reached (3,1) or (1,3)" : null) }] };
    const plain = explore(bad);
    const reduced = explore(bad, { symmetry: true });
    expect(reduced.verdict).toBe("violation");
    expect(reduced.violation!.steps).toHaveLength(plain.violation!.steps.length);
    let state = reduced.violation!.initial;
    for (const { action, state: after } of reduced.violation!.steps) {
      expect(model.actions(state)).toContain(action);
      expect(model.next(state, action)).toEqual(after);
      state = after;
    }
  });

  it("refuses a model that defines no symmetry", () => {
    expect(() => explore(toyModel({ size: 2 }), { symmetry: true })).toThrow(/no symmetry/);
  });
});
