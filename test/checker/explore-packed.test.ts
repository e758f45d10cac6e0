// The packed engine on the toy grid: the same verdicts and shortest runs as explore().
import { describe, expect, it } from "vitest";
import { explore } from "../../checker/explore.ts";
import { explorePacked } from "../../checker/explore-packed.ts";
import { toyModel, type Cell } from "./toy-model.ts";
import { toyPacked } from "./toy-packed.ts";

describe("explorePacked on the toy grid", () => {
  it("counts what explore() counts", () => {
    const packed = explorePacked(toyPacked({ size: 5 }));
    const { progress: _progress, ...model } = toyModel({ size: 5 });
    const plain = explore(model);
    expect(packed.verdict).toBe("verified");
    expect(packed.stats).toMatchObject({ distinctStates: plain.stats.distinctStates, transitions: plain.stats.transitions, depth: plain.stats.depth });
  });

  it("finds the shortest run to a bad state and to a broken step", () => {
    expect(explorePacked(toyPacked({ size: 4, badCell: true })).violation!.steps).toHaveLength(3);
    const step = explorePacked(toyPacked({ size: 4, reset: true })).violation!;
    expect(step.kind).toBe("step");
    expect(step.steps.map((s) => s.action)).toEqual(["right", "right", "reset"]);
    expect(step.steps.at(-1)!.state).toEqual({ x: 0, y: 0 });
  });

  it("fails on an unreached witness, and refuses a progress check", () => {
    expect(explorePacked(toyPacked({ size: 3, impossibleWitness: true })).violation!.kind).toBe("witness-unreached");
    expect(() => explorePacked({ ...toyPacked({ size: 3 }), model: toyModel({ size: 3 }) })).toThrow(/progress/);
  });

  it("under symmetry rebuilds a concrete run to a symmetric bad set", () => {
    const o = { size: 6, mirror: true };
    const pm = toyPacked(o);
    const bad = { ...pm, model: { ...pm.model, invariants: [{ id: "x-times-y-is-3", check: (s: Cell) => (s.x * s.y === 3 ? "bad" : null) }] } };
    const result = explorePacked({ ...bad, firstBrokenInvariant: (w, off) => (bad.model.invariants[0]!.check(pm.decode(w, off)) ? 0 : -1) }, { symmetry: true });
    expect(result.verdict).toBe("violation");
    let state = result.violation!.initial;
    for (const { action, state: after } of result.violation!.steps) {
      expect(toyModel(o).next(state, action)).toEqual(after);
      state = after;
    }
    expect(state.x * state.y).toBe(3);
  });
});
