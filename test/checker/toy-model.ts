// A grid walker small enough to reason about by hand, with switches that plant each kind of
// bug the engine must find. From (x, y) it may step right, step up, or (at x = 1) warp two
// steps right, so the shortest path to (3, 1) has 3 steps although the plain walk has 4.
import { z } from "zod";
import type { Model } from "../../checker/model.ts";

export type Cell = { readonly x: number; readonly y: number };
export const ToyAction = z.enum(["right", "up", "warp", "upwarp", "reset", "trap"]);
export type ToyAction = z.infer<typeof ToyAction>;

export type ToyOptions = {
  readonly size: number;
  /** A state invariant that fails at (3, 1). */
  readonly badCell?: boolean;
  /** A symmetric one (for runs under symmetry): fails where x * y = 3, at (3, 1) and (1, 3). */
  readonly badProduct?: boolean;
  /** A "reset" action back to x = 0 at x = 2, which the x-never-decreases step check forbids. */
  readonly reset?: boolean;
  /** A witness that asks for a cell outside the grid. */
  readonly impossibleWitness?: boolean;
  /** A "trap" at (2, 0) into a sink from which the far corner is unreachable. */
  readonly trap?: boolean;
  /** An "upwarp" at y = 1 mirroring the warp, which makes x and y interchangeable (symmetry). */
  readonly mirror?: boolean;
};

const TRAPPED: Cell = { x: -1, y: -1 };

export function toyModel(o: ToyOptions): Model<Cell, ToyAction> {
  const n = o.size;
  return {
    name: "toy-grid",
    config: o,
    initialStates: () => [{ x: 0, y: 0 }],
    actions(s) {
      if (s.x < 0) return [];
      const out: ToyAction[] = [];
      if (s.x < n) out.push("right");
      if (s.y < n) out.push("up");
      if (s.x === 1 && n >= 3) out.push("warp");
      if (o.mirror && s.y === 1 && n >= 3) out.push("upwarp");
      if (o.reset && s.x === 2) out.push("reset");
      if (o.trap && s.x === 2 && s.y === 0) out.push("trap");
      return out;
    },
    next(s, a) {
      switch (a) {
        case "right": return { x: s.x + 1, y: s.y };
        case "up": return { x: s.x, y: s.y + 1 };
        case "warp": return { x: s.x + 2, y: s.y };
        case "upwarp": return { x: s.x, y: s.y + 2 };
        case "reset": return { x: 0, y: s.y };
        case "trap": return TRAPPED;
      }
    },
    // With the mirrored warp the grid looks the same with x and y swapped.
    ...(o.mirror ? { representative: (s: Cell) => ({ x: Math.min(s.x, s.y), y: Math.max(s.x, s.y) }) } : {}),
    describeAction: (a) => a,
    describeChange: (b, a) => [`(${b.x},${b.y}) -> (${a.x},${a.y})`],
    actionSchema: ToyAction,
    invariants: [
      ...(o.badCell ? [{ id: "not-3-1", check: (s: Cell) => (s.x === 3 && s.y === 1 ? "reached (3,1)" : null) }] : []),
      ...(o.badProduct ? [{ id: "x-times-y-is-not-3", check: (s: Cell) => (s.x * s.y === 3 ? `reached (${s.x},${s.y})` : null) }] : []),
    ],
    stepChecks: [{ id: "x-never-decreases", check: (b, a) => (a.x >= 0 && a.x < b.x ? `x went from ${b.x} to ${a.x}` : null) }],
    witnesses: [
      { id: "far-corner", reached: (s) => s.x === n && s.y === n },
      ...(o.impossibleWitness ? [{ id: "outside", reached: (s: Cell) => s.x > n }] : []),
    ],
    progress: { id: "far-corner-reachable", goal: (s) => s.x === n && s.y === n, expected: () => true },
  };
}
