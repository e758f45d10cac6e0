// A packed run that keeps no graph looks its successors up a few dozen at a time
// (checker/staged-inserts.ts). Staging must change nothing a run reports: where a violation
// stops it, its counts, depth, queue and shortest run equal those of the object engine, which
// looks up each successor at once. The grid is wide enough that a level stages many states
// around the one that breaks a check, before it and after it.
import { describe, expect, it } from "vitest";
import { checkModel } from "../../checker/check.ts";
import type { Model } from "../../checker/model.ts";
import { localHost } from "../../checker/hosts.ts";
import { runLevels } from "../../checker/levels.ts";
import { packedPartition } from "../../checker/packed-partition.ts";
import { ownerOf } from "../../checker/partition.ts";
import { StagedInserts, STAGED_MOST } from "../../checker/staged-inserts.ts";
import { hashWords } from "../../checker/state-store.ts";
import { toyModel, type Cell, type ToyAction } from "./toy-model.ts";
import { toyPacked } from "./toy-packed.ts";

const SIZE = 40;
const at = (c: Cell, x: number, y: number) => c.x === x && c.y === y;

/** The grid without its progress property (a kept graph turns staging off), an invariant failing at `bad`, and a step check failing on any step into `forbidden`. */
function gridBreaking(bad: Cell | undefined, forbidden: Cell | undefined): Model<Cell, ToyAction> {
  const { progress: _, ...grid } = toyModel({ size: SIZE });
  return {
    ...grid,
    invariants: bad ? [{ id: "bad-cell", check: (s) => (at(s, bad.x, bad.y) ? "reached the bad cell" : null) }] : [],
    stepChecks: forbidden ? [{ id: "forbidden-step", check: (_b, a) => (at(a, forbidden.x, forbidden.y) ? "stepped into the forbidden cell" : null) }] : [],
  };
}

async function bothEngines(model: Model<Cell, ToyAction>) {
  const object = await checkModel(model, { engine: "object" });
  const packed = await checkModel(model, { engine: "packed" }, () => toyPacked({ size: SIZE }, model));
  return { object, packed };
}

const reported = (r: Awaited<ReturnType<typeof bothEngines>>["object"]) => ({
  verdict: r.verdict,
  distinctStates: r.stats.distinctStates,
  transitions: r.stats.transitions,
  depth: r.stats.depth,
  queued: r.stats.queued,
  kind: r.violation?.kind,
  property: r.violation?.property,
  steps: r.violation?.steps.map((s) => [s.action, s.state]),
});

describe("staged inserts", () => {
  it("report a verified run as immediate inserts do", async () => {
    const { object, packed } = await bothEngines(gridBreaking(undefined, undefined));
    expect(packed.verdict).toBe("verified");
    expect(reported(packed)).toEqual(reported(object));
    expect(packed.stats.distinctStates).toBe((SIZE + 1) * (SIZE + 1));
  });

  // Cells on and around one anti-diagonal: the bad cell and the forbidden step fall in one level,
  // in either order, or in neighbouring levels.
  const cases: [Cell | undefined, Cell | undefined][] = [
    [{ x: 20, y: 7 }, undefined],
    [{ x: 3, y: 30 }, undefined],
    [undefined, { x: 17, y: 11 }],
    [{ x: 20, y: 7 }, { x: 7, y: 20 }],
    [{ x: 7, y: 20 }, { x: 20, y: 7 }],
    [{ x: 14, y: 14 }, { x: 15, y: 13 }],
    [{ x: 15, y: 13 }, { x: 14, y: 14 }],
    [{ x: 25, y: 5 }, { x: 25, y: 4 }],
  ];
  it.each(cases)("stop where immediate inserts stop: bad cell %o, forbidden step into %o", async (bad, forbidden) => {
    const { object, packed } = await bothEngines(gridBreaking(bad, forbidden));
    expect(packed.verdict).toBe("violation");
    expect(reported(packed)).toEqual(reported(object));
  });

  it("hold states in the order they were staged, up to the most that fit", () => {
    const staged = new StagedInserts(2);
    const buf = new Int32Array(2);
    for (let k = 0; k < STAGED_MOST; k++) {
      buf[0] = k;
      buf[1] = 1000 - k;
      expect(staged.add(buf, k * 7, k + 100, k + 1, k)).toBe(k === STAGED_MOST - 1);
    }
    const read: number[][] = [];
    const out = new Int32Array(2);
    for (let k = 0; k < staged.count; k++) {
      staged.copy(k, out);
      read.push([out[0]!, out[1]!, staged.hashes[k]!, staged.parents[k]!, staged.transitionsAt[k]!, staged.expandedAt[k]!]);
    }
    expect(read).toEqual(Array.from({ length: STAGED_MOST }, (_, k) => [k, 1000 - k, k * 7, k + 100, k + 1, k]));
    const slots: number[] = [];
    staged.prefetch({ homeSlot: (hash) => (slots.push(hash), 0) });
    expect(slots).toEqual(Array.from({ length: STAGED_MOST }, (_, k) => k * 7));
  });

  // Partitions that each own the states of their hashes (no shared visited set) send a successor
  // owned elsewhere to its owner: staging, which stores every successor where it was found,
  // would leave one partition exploring the whole graph and the others idle.
  it("are not used where partitions own the states of their hashes", async () => {
    const model = gridBreaking(undefined, undefined);
    const pm = toyPacked({ size: SIZE }, model);
    const partitions = [0, 1].map((id) => packedPartition(pm, { id, count: 2, symmetry: false, progress: false, limits: { start: Date.now() } }));
    const outcome = await runLevels(partitions.map(localHost), {});
    expect(outcome.end).toBe("complete");
    expect(outcome.distinctStates).toBe((SIZE + 1) * (SIZE + 1));
    const owned = [0, 0];
    const buf = new Int32Array(pm.words);
    for (let x = 0; x <= SIZE; x++) {
      for (let y = 0; y <= SIZE; y++) {
        pm.encode({ x, y }, buf, 0);
        owned[ownerOf(hashWords(buf, 0, pm.words), 2)]!++;
      }
    }
    expect(partitions.map((p) => p.live().count)).toEqual(owned);
  });
});

