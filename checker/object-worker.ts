// One worker of a parallel exploration of an object Model (checker/explore-object-parallel.ts).
// The worker owns the states whose fingerprint hashes to it: it stores them, checks them, and
// records the edges that lead to them (for the progress check). Successors owned by another
// worker travel through the main thread by structured clone, so states must be plain data.
import { parentPort, workerData } from "node:worker_threads";
import type { Model } from "./model.ts";
import { FingerprintTable, hash64 } from "./fingerprint-table.ts";
import { loadFromSpec, type WorkerInit } from "./packed-spec.ts";

export type ObjectWorkerInit = WorkerInit;

type Sent = { key: string; state: unknown; parent: number; action: unknown };
/**
 * What one worker sends another for a level: each state the first time, then for repeats only
 * (hash high, hash low, parent) triples, which the progress check needs as edges.
 */
type Batch = { states: Sent[]; repeats: Int32Array };
export type ObjectFound =
  | { kind: "invariant"; id: number; level: number; property: string; message: string }
  | { kind: "step"; parent: number; level: number; action: unknown; after: unknown; property: string; message: string };

export type ObjectRequest = { type: "expand" } | { type: "insert"; batches: Batch[] } | { type: "get"; index: number } | { type: "graph" };
export type ObjectExpandReply = { outgoing: Batch[]; transitions: number; found?: ObjectFound; stopped?: string };
export type ObjectInsertReply = { levelSize: number; count: number; bytes: number; reached: boolean[]; found?: ObjectFound };
export type ObjectGetReply = { state: unknown; parent: number; action: unknown };
/** For the progress check: per local state its goal/expected bits and level; edges as (from, to) global ids. */
export type ObjectGraphReply = { count: number; goal: Uint8Array; expected: Uint8Array; level: Int32Array; edges: Int32Array };

/** FNV-1a over the key's UTF-16 code units: which worker owns a state. */
export function ownerOfKey(key: string, workers: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % workers;
}

async function run(init: ObjectWorkerInit): Promise<void> {
  const model = await loadFromSpec<Model<unknown, unknown>>(init.spec);
  const n = init.workers;
  const keyOf = init.symmetry ? model.canonicalFingerprint!.bind(model) : model.fingerprint.bind(model);
  const index = new FingerprintTable();
  const states: unknown[] = [];
  const parents: number[] = [];
  const via: unknown[] = [];
  const levels: number[] = [];
  const edges: number[] = [];
  const reached = model.witnesses.map(() => false);
  let bytes = 0;
  let level = 1;
  let frontierStart = 0;
  let frontierEnd = 0;
  let found: ObjectFound | undefined;
  const globalId = (local: number) => local * n + init.id;

  const add = (state: unknown, key: string, parent: number, action: unknown, atLevel: number) => {
    const [h, l] = hash64(key);
    let local = index.lookupHashed(h, l, states.length);
    if (local < 0) {
      local = states.length;
      states.push(state);
      parents.push(parent);
      via.push(action);
      levels.push(atLevel);
      bytes += 220;
      model.witnesses.forEach((w, i) => {
        if (!reached[i] && w.reached(state)) reached[i] = true;
      });
      if (!found) {
        for (const inv of model.invariants) {
          const message = inv.check(state);
          if (message !== null) {
            found = { kind: "invariant", id: globalId(local), level: atLevel, property: inv.id, message };
            break;
          }
        }
      }
    }
    if (model.progress && parent >= 0) edges.push(parent, globalId(local));
  };

  for (const s of model.initialStates()) {
    const key = keyOf(s);
    if (ownerOfKey(key, n) === init.id) add(s, key, -1, undefined, 1);
  }
  frontierEnd = states.length;

  // States already sent to each worker: a repeat travels as three numbers, not a clone.
  const sentTo = Array.from({ length: n }, () => new FingerprintTable());
  const expand = (): ObjectExpandReply => {
    const outgoing: Sent[][] = Array.from({ length: n }, () => []);
    const repeats: number[][] = Array.from({ length: n }, () => []);
    let transitions = 0;
    for (let current = frontierStart; current < frontierEnd; current++) {
      if ((current & 255) === 0) {
        if (init.maxSeconds !== undefined && (Date.now() - init.start) / 1000 > init.maxSeconds) return { outgoing: [], transitions, stopped: `time budget reached: more than ${init.maxSeconds} s` };
        if (init.maxMemoryBytes !== undefined && bytes > init.maxMemoryBytes / n) return { outgoing: [], transitions, stopped: `memory budget reached: worker ${init.id} holds about ${bytes} bytes` };
      }
      const state = states[current];
      for (const action of model.actions(state)) {
        const after = model.next(state, action);
        transitions++;
        const key = keyOf(after);
        const dest = ownerOfKey(key, n);
        if (dest === init.id) add(after, key, globalId(current), action, level + 1);
        else {
          const [h, l] = hash64(key);
          if (sentTo[dest]!.lookupHashed(h, l, 0) < 0) outgoing[dest]!.push({ key, state: after, parent: globalId(current), action });
          else if (model.progress) repeats[dest]!.push(h, l, globalId(current));
        }
        if (found) break;
        for (const step of model.stepChecks) {
          const message = step.check(state, after);
          if (message !== null) {
            found = { kind: "step", parent: globalId(current), level, action, after, property: step.id, message };
            break;
          }
        }
        if (found) break;
      }
      if (found) break;
    }
    const reply: ObjectExpandReply = { outgoing: outgoing.map((states, d) => ({ states, repeats: Int32Array.from(repeats[d]!) })), transitions };
    if (found) reply.found = found;
    return reply;
  };

  const insert = (batches: Batch[]): ObjectInsertReply => {
    for (const batch of batches) for (const s of batch.states) add(s.state, s.key, s.parent, s.action, level + 1);
    // Repeats name states sent before (this level or earlier): only their edges are new.
    for (const { repeats } of batches) {
      for (let i = 0; i < repeats.length; i += 3) {
        const local = index.lookupHashed(repeats[i]!, repeats[i + 1]!);
        if (local >= 0) edges.push(repeats[i + 2]!, globalId(local));
      }
    }
    frontierStart = frontierEnd;
    frontierEnd = states.length;
    level++;
    const reply: ObjectInsertReply = { levelSize: frontierEnd - frontierStart, count: states.length, bytes, reached };
    if (found) reply.found = found;
    return reply;
  };

  const graph = (): ObjectGraphReply => {
    const p = model.progress!;
    return {
      count: states.length,
      goal: Uint8Array.from(states, (s) => (p.goal(s) ? 1 : 0)),
      expected: Uint8Array.from(states, (s) => (p.expected(s) ? 1 : 0)),
      level: Int32Array.from(levels),
      edges: Int32Array.from(edges),
    };
  };

  parentPort!.on("message", (req: ObjectRequest) => {
    if (req.type === "expand") parentPort!.postMessage(expand());
    else if (req.type === "insert") parentPort!.postMessage(insert(req.batches));
    else if (req.type === "graph") parentPort!.postMessage(graph());
    else {
      const local = Math.floor(req.index / n);
      parentPort!.postMessage({ state: states[local], parent: parents[local]!, action: via[local] } satisfies ObjectGetReply);
    }
  });
  parentPort!.postMessage({ ready: true, count: states.length });
}

if (parentPort && workerData) void run(workerData as ObjectWorkerInit);
