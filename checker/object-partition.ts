// A partition of object states (checker/partition.ts): states are the model's own objects,
// known by their 64-bit canonical fingerprint (canonical-hash.ts), or under symmetry by the
// fingerprint of their class's representative. The stored state stays the concrete one its
// parent's action produced. States sent to another partition cross threads by structured
// clone, so they must be plain data.
import type { Model } from "./model.ts";
import { Budget, CHECK_EVERY } from "./budget.ts";
import { canonicalHashInto } from "./canonical-hash.ts";
import { EdgeList } from "./edge-list.ts";
import { FingerprintTable } from "./fingerprint-table.ts";
import { GrowableInts } from "./growable-ints.ts";
import { FairExits, type LivenessGraph } from "./liveness-graph.ts";
import type { Reserve } from "./held-memory.ts";
import { deadEndOf } from "./progress.ts";
import { globalId, ownerOf, type ExpandReply, type Found, type GraphReply, type InitReply, type InsertReply, type Partition, type PartitionSetup, type ShardSplit, type StoredState } from "./partition.ts";
import { inShard } from "./shard.ts";

/** Rough cost of one visited state: its share of the state objects, parent link and table slot. */
const STATE_BYTES = 220;

/** States sent to one partition in one level: each new one in full, then repeats (needed as edges) as hashes. */
type ObjectBatch = { readonly states: unknown[]; readonly keys: Int32Array; readonly repeats: Int32Array };

/** The fingerprint a state is known by: of the state, or of its symmetry class's representative. */
export function objectKey<S>(model: Model<S, unknown>, symmetry: boolean): (state: S, out: Int32Array) => void {
  if (symmetry && !model.representative) throw new Error(`${model.name}: no symmetry is defined for this model`);
  const rep = symmetry ? model.representative!.bind(model) : undefined;
  return rep ? (s, out) => canonicalHashInto(rep(s), out) : (s, out) => canonicalHashInto(s, out);
}

/** Every enabled action with its successor and branch: the model's own list, or actions and next. */
function transitionsOf<S, A>(model: Model<S, A>): (state: S) => readonly { readonly action: A; readonly state: S; readonly branch?: number }[] {
  if (model.transitions) return model.transitions.bind(model);
  if (model.branches && model.step) return (s) => model.actions(s).map((action) => ({ action, ...model.step!(s, action) }));
  return (s) => model.actions(s).map((action) => ({ action, state: model.next(s, action) }));
}

export function objectPartition<S, A>(model: Model<S, A>, setup: PartitionSetup): Partition {
  const { id, count: n } = setup;
  const keyOf = objectKey(model as Model<S, unknown>, setup.symmetry);
  const transitionsFrom = transitionsOf(model);
  const key = new Int32Array(2);
  const self = new Int32Array(2);
  const exact = new Int32Array(2);
  const exactSelf = new Int32Array(2);
  const table = new FingerprintTable();
  const states: S[] = [];
  const parentOf: number[] = [];
  const budget = new Budget(setup.limits, n);
  const edges = setup.progress || setup.liveness ? new EdgeList(undefined, setup.edgeMemoryBytes) : undefined;
  const exits = setup.liveness ? new FairExits() : undefined;
  const fairClass = setup.liveness ? model.liveness!.fairClass : undefined;
  const incoming = setup.progress && n > 1 ? new GrowableInts() : undefined;
  const branchHits = model.branches ? new Float64Array(model.branches.length) : undefined;
  const sentTo = n > 1 ? Array.from({ length: n }, () => new FingerprintTable()) : [];
  const levelStarts: number[] = [0];
  const witnessCount = model.witnesses.length;
  let witnessBits = 0;
  let frontierStart = 0;
  let frontierEnd = 0;
  let transitions = 0;
  let current = 0;
  let found: Found | undefined;
  /** The level's transitions, handed to the loop once: live() counts only a level being expanded. */
  const takeTransitions = (): number => {
    const t = transitions;
    transitions = 0;
    return t;
  };

  /** Adds the state under the fingerprint in `key` unless known; returns its local index. */
  const add = (state: S, parent: number): number => {
    const hi = key[0]!;
    const lo = key[1]!;
    const index = states.length;
    const known = table.lookupHashed(hi, lo, index);
    if (known >= 0) return known;
    states.push(state);
    parentOf.push(parent);
    for (let w = 0; w < witnessCount; w++) if ((witnessBits & (1 << w)) === 0 && model.witnesses[w]!.reached(state)) witnessBits |= 1 << w;
    if (!found) {
      const broken = model.invariants.findIndex((inv) => inv.check(state) !== null);
      if (broken >= 0) found = { kind: "invariant", at: globalId(index, id, n), property: broken };
    }
    return index;
  };

  const bytes = () => states.length * STATE_BYTES + table.bytes() + (edges?.bytes() ?? 0) + (incoming?.bytes() ?? 0) + sentTo.reduce((sum, t) => sum + t.bytes(), 0);

  return {
    init(): InitReply {
      for (const s of model.initialStates()) {
        keyOf(s, key);
        if (ownerOf(key[0]!, n) === id) add(s, -1);
      }
      frontierEnd = states.length;
      levelStarts.push(frontierEnd);
      return { count: states.length, witnessBits, ...(found ? { found } : {}) };
    },

    expand(split?: ShardSplit): ExpandReply {
      const outgoing = Array.from({ length: n }, (): { states: unknown[]; keys: number[]; repeats: number[] } => ({ states: [], keys: [], repeats: [] }));
      transitions = 0;
      branchHits?.fill(0);
      for (current = frontierStart; current < frontierEnd && !found; current++) {
        if (((current - frontierStart) & (CHECK_EVERY - 1)) === 0) {
          const stopped = budget.exceeded(states.length * n, () => {
            const now = bytes();
            return { now, soon: now + CHECK_EVERY * 64 * STATE_BYTES };
          });
          if (stopped) return { transitions: takeTransitions(), outgoing: [], stopped };
          setup.onTick?.();
        }
        edges?.beginState();
        const state = states[current]!;
        keyOf(state, self);
        if (split && !inShard(self[0]!, split)) continue;
        const parent = globalId(current, id, n);
        // A step back to the very same state changes nothing: not a transition. Its key is the
        // state's own; only then (under symmetry, where a renaming shares the key) is the exact
        // state compared, so each successor is hashed once.
        let selfExact = false;
        for (const t of transitionsFrom(state)) {
          const after = t.state;
          if (after === state) continue;
          keyOf(after, key);
          if (key[0] === self[0] && key[1] === self[1]) {
            if (!setup.symmetry) continue;
            if (!selfExact) canonicalHashInto(state, exactSelf), (selfExact = true);
            canonicalHashInto(after, exact);
            if (exact[0] === exactSelf[0] && exact[1] === exactSelf[1]) continue;
          }
          transitions++;
          if (branchHits && t.branch !== undefined) branchHits[t.branch]!++;
          const dest = ownerOf(key[0]!, n);
          if (dest === id) {
            const to = add(after, parent);
            edges?.add(to);
            if (exits && to !== current && fairClass!(t.action) !== null) exits.set(current);
          } else if (sentTo[dest]!.lookupHashed(key[0]!, key[1]!, 0) < 0) {
            const out = outgoing[dest]!;
            out.states.push(after);
            out.keys.push(key[0]!, key[1]!, parent);
          } else if (setup.progress) outgoing[dest]!.repeats.push(key[0]!, key[1]!, parent);
          if (found) break;
          const step = model.stepChecks.findIndex((c) => c.check(state, after) !== null);
          if (step >= 0) {
            found = { kind: "step", at: parent, property: step };
            break;
          }
        }
      }
      const batches = outgoing.map((o): ObjectBatch => ({ states: o.states, keys: Int32Array.from(o.keys), repeats: Int32Array.from(o.repeats) }));
      return { transitions: takeTransitions(), outgoing: n === 1 ? [] : batches, ...(branchHits ? { branchHits: branchHits.slice() } : {}), ...(found ? { found } : {}) };
    },

    insert(batches: readonly unknown[]): InsertReply {
      for (const b of batches as ObjectBatch[]) {
        b.states.forEach((s, i) => {
          key[0] = b.keys[3 * i]!;
          key[1] = b.keys[3 * i + 1]!;
          const parent = b.keys[3 * i + 2]!;
          const to = add(s as S, parent);
          incoming?.push2(parent, to);
        });
      }
      // Repeats name states sent before (this level or an earlier one): only their edges are new.
      for (const b of batches as ObjectBatch[]) {
        for (let i = 0; i < b.repeats.length; i += 3) {
          const local = table.lookupHashed(b.repeats[i]!, b.repeats[i + 1]!);
          if (local >= 0) incoming?.push2(b.repeats[i + 2]!, local);
        }
      }
      frontierStart = frontierEnd;
      frontierEnd = states.length;
      levelStarts.push(frontierEnd);
      return { levelSize: frontierEnd - frontierStart, count: states.length, bytes: bytes(), witnessBits, ...(found ? { found } : {}) };
    },

    get(local: number): StoredState {
      const target = new Int32Array(2);
      keyOf(states[local]!, target);
      return { target, parent: parentOf[local]! };
    },

    graph(): GraphReply {
      const p = model.progress!;
      const pairs = edges!.pairs((local) => globalId(local, id, n));
      const extra = incoming?.toArray();
      const all = extra && extra.length > 0 ? Int32Array.from([...pairs, ...extra]) : pairs;
      // Targets are this partition's states: by their global ids, as GraphReply wants.
      for (let i = 1; i < all.length; i += 2) all[i] = globalId(all[i]!, id, n);
      return {
        count: states.length,
        goal: Uint8Array.from(states, (s) => (p.goal(s) ? 1 : 0)),
        expected: Uint8Array.from(states, (s) => (p.expected(s) ? 1 : 0)),
        levelStarts: Int32Array.from(levelStarts),
        edges: [all],
      };
    },

    deadEnd(reserve: Reserve): number {
      const p = model.progress!;
      const graph = { count: states.length, goal: (i: number) => p.goal(states[i]!), forEachEdge: edges!.forEachDown.bind(edges!) };
      return deadEndOf(graph, (i) => p.expected(states[i]!), reserve);
    },

    dispose(): void {
      edges?.dispose();
    },

    live() {
      return { count: states.length, transitions, bytes: bytes(), frontierLeft: frontierEnd - current };
    },

    livenessGraph(): LivenessGraph {
      const properties = model.liveness!.properties;
      const { start, targets } = edges!.forward(states.length);
      return {
        count: states.length,
        initialCount: levelStarts[1] ?? 0,
        start,
        targets,
        fairExit: exits!.toArray(states.length),
        goal: (k, i) => properties[k]!.goal(states[i]!),
        stateOf: (i) => states[i],
        target: (i) => {
          const t = new Int32Array(2);
          keyOf(states[i]!, t);
          return t;
        },
      };
    },

  };
}
