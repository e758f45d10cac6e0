// The progress check (checker/progress.ts) and the edge list it reads (checker/edge-list.ts):
// which states reach a goal, against a plain fixpoint, on graphs whose first pass settles
// everything, on graphs it settles almost nothing of, and on graphs with dead ends; and what it
// asks of the memory budget.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EdgeList } from "../../checker/edge-list.ts";
import { MemoryRefused } from "../../checker/held-memory.ts";
import { deadEndOf, forEachRunEdgeDown, reachesGoal, type ProgressGraph } from "../../checker/progress.ts";

const free = () => {};

/** An edge list of `succ`, state by state. */
function listOf(succ: readonly (readonly number[])[]): EdgeList {
  const list = new EdgeList();
  for (const targets of succ) {
    list.beginState();
    for (const t of targets) list.add(t);
  }
  return list;
}

function graphOf(succ: readonly (readonly number[])[], goals: ReadonlySet<number>): ProgressGraph {
  const list = listOf(succ);
  return { count: succ.length, goal: (i) => goals.has(i), forEachEdge: list.forEachDown.bind(list) };
}

/** Reaches a goal: iterated to a fixpoint over every edge, the definition itself. */
function reference(succ: readonly (readonly number[])[], goals: ReadonlySet<number>): number[] {
  const reach = succ.map((_, i) => (goals.has(i) ? 1 : 0));
  for (let changed = true; changed; ) {
    changed = false;
    succ.forEach((targets, i) => {
      if (reach[i] === 0 && targets.some((t) => reach[t] === 1)) {
        reach[i] = 1;
        changed = true;
      }
    });
  }
  return reach;
}

const graphs = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.record({
    succ: fc.array(fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 4 }), { minLength: n, maxLength: n }),
    goals: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }),
  }),
);

describe("the edge list", () => {
  it("gives every edge once, highest source first, past many chunks and states without successors", () => {
    const states = 300_000;
    const succ = (i: number) => Array.from({ length: i % 7 }, (_, k) => (i * 31 + k) % states);
    const list = listOf(Array.from({ length: states }, (_, i) => succ(i)));
    let expectedEdges = 0;
    for (let i = 0; i < states; i++) expectedEdges += i % 7;
    expect(list.count).toBe(expectedEdges);
    let last = states;
    let wrong = 0;
    let seen = 0;
    const pending: number[] = [];
    let current = -1;
    const flush = () => {
      if (current >= 0 && pending.sort((a, b) => a - b).join() !== succ(current).sort((a, b) => a - b).join()) wrong++;
      pending.length = 0;
    };
    list.forEachDown((from, to) => {
      if (from !== current) {
        flush();
        if (from >= last) wrong++;
        last = from;
        current = from;
      }
      pending.push(to);
      seen++;
    });
    flush();
    expect(seen).toBe(expectedEdges);
    expect(wrong).toBe(0);
  });

  it("copies out successor lists that name the same edges", () => {
    const succ = [[1, 2], [], [0], [3, 3, 1]];
    const { start, targets } = listOf(succ).forward(5);
    expect(Array.from(start)).toEqual([0, 2, 2, 3, 6, 6]);
    expect(Array.from(targets)).toEqual([1, 2, 0, 3, 3, 1]);
  });
});

describe("edges as runs (workers sharing one visited set)", () => {
  /** The runs of `succ` expanded in the order `order`, cut into parts at `cuts`. */
  const runsOf = (succ: readonly (readonly number[])[], order: readonly number[], cuts: readonly number[]) => {
    const flat = order.flatMap((g) => [-g - 1, ...succ[g]!]);
    const at = [...new Set(cuts.map((c) => c % (flat.length + 1)))].sort((a, b) => a - b);
    return [...at, flat.length].map((end, k) => Int32Array.from(flat.slice(k === 0 ? 0 : at[k - 1], end)));
  };

  it("gives every edge once with its source, the last run first, runs cut anywhere across parts", () => {
    fc.assert(
      fc.property(graphs, fc.array(fc.nat(), { maxLength: 5 }), ({ succ }, cuts) => {
        const order = succ.map((_, i) => succ.length - 1 - i);
        const seen: string[] = [];
        const sources: number[] = [];
        forEachRunEdgeDown(runsOf(succ, order, cuts), (from, to) => {
          seen.push(`${from}>${to}`);
          if (sources.at(-1) !== from) sources.push(from);
        });
        const all = succ.flatMap((targets, from) => targets.map((to) => `${from}>${to}`));
        expect(seen.sort()).toEqual(all.sort());
        // Expanded from the last state down, read back the last run first: sources in increasing order.
        expect(sources).toEqual([...sources].sort((a, b) => a - b));
      }),
    );
  });

  it("refuses targets with no run to begin them", () => {
    expect(() => forEachRunEdgeDown([Int32Array.of(3, 4, -1, 2)], () => {})).toThrow(/2 edges of a run without its source/);
  });
});

describe("which states reach a goal", () => {
  it("equals the fixpoint on any graph", () => {
    fc.assert(
      fc.property(graphs, ({ succ, goals }) => {
        const set = new Set(goals);
        expect(Array.from(reachesGoal(graphOf(succ, set), free))).toEqual(reference(succ, set));
      }),
      { numRuns: 500 },
    );
  });

  it("settles a chain that leads to lower-numbered states, which its first pass cannot", () => {
    const n = 5000;
    // i -> i - 1, and the goal is state 0: every edge leads down, against the first pass.
    const succ = Array.from({ length: n }, (_, i) => (i === 0 ? [] : [i - 1]));
    const asked: string[] = [];
    const reach = reachesGoal(graphOf(succ, new Set([0])), (_bytes, what) => asked.push(what));
    expect(reach.every((r) => r === 1)).toBe(true);
    expect(asked.some((w) => w.includes("left"))).toBe(true);
  });

  it("asks for no second search when the first pass settles every state", () => {
    const n = 1000;
    const succ = Array.from({ length: n }, (_, i) => (i === n - 1 ? [] : [i + 1]));
    const asked: number[] = [];
    reachesGoal(graphOf(succ, new Set([n - 1])), (bytes) => asked.push(bytes));
    expect(asked).toEqual([n]);
  });

  it("finds the lowest-numbered dead end where progress is expected", () => {
    // 0 -> 1 -> 2 (goal); 3 <-> 4 loop for ever; 5 -> 3.
    const succ = [[1], [2], [], [4], [3], [3]];
    const g = graphOf(succ, new Set([2]));
    expect(deadEndOf(g, (i) => i !== 3, free)).toBe(4);
    expect(deadEndOf(g, (i) => i === 5, free)).toBe(5);
    expect(deadEndOf(g, (i) => i < 3, free)).toBe(-1);
  });

  it("stops with the budget's refusal, before allocating the second search", () => {
    const succ = Array.from({ length: 100 }, (_, i) => (i === 0 ? [] : [i - 1]));
    const refuse = (bytes: number, what: string) => {
      if (what.includes("left")) throw new MemoryRefused(`no room for ${what} (${bytes} bytes)`);
    };
    expect(() => reachesGoal(graphOf(succ, new Set([0])), refuse)).toThrow(/no room for the progress check's search/);
  });
});
