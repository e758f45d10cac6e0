// Parallel exploration of a packed model over worker_threads. The main thread runs the
// level-by-level rhythm: every worker expands its part of the current level, the main
// thread forwards each successor to the worker that owns it, every worker inserts and checks
// what it received, and the next level begins. Counts, depth and verdicts equal those of the
// single-worker run; a counterexample is a shortest one, rebuilt from the workers' parent links.
import { Worker } from "node:worker_threads";
import type { ExploreResult, ExploreStats, Counterexample } from "./result.ts";
import type { PackedExploreOptions } from "./explore-packed.ts";
import { loadPacked, type PackedSpec } from "./packed-spec.ts";
import type { ExpandReply, GetReply, InsertReply, WorkerInit, WorkerRequest } from "./packed-worker.ts";
import type { PackedModel } from "./packed-model.ts";
import { WorkerLink as Link } from "./worker-link.ts";

type WorkerLink = Link<WorkerRequest>;

export type ParallelOptions = PackedExploreOptions & { readonly workers: number };

export async function explorePackedParallel<S, A>(spec: PackedSpec, options: ParallelOptions): Promise<ExploreResult<S, A>> {
  if (options.shard) throw new Error("--shard and --workers cannot be combined: shard with one worker per machine");
  const pm = await loadPacked<S, A>(spec);
  if (options.symmetry && !pm.canonicalize) throw new Error(`${pm.model.name}: no symmetry is defined for this model`);
  const n = options.workers;
  const start = Date.now();
  const links = Array.from({ length: n }, (_, id) => {
    const init: WorkerInit = { spec, id, workers: n, symmetry: options.symmetry ?? false, start, ...budgets(options) };
    return new Link<WorkerRequest>(new Worker(new URL("./packed-worker-entry.mjs", import.meta.url), { workerData: init }));
  });
  try {
    const ready = (await Promise.all(links.map((l) => l.ready))) as { count: number }[];
    return await levels(pm, links, options, start, ready.reduce((s, r) => s + r.count, 0));
  } finally {
    await Promise.all(links.map((l) => l.worker.terminate()));
  }
}

function budgets(o: ParallelOptions): { maxMemoryBytes?: number; maxSeconds?: number } {
  const out: { maxMemoryBytes?: number; maxSeconds?: number } = {};
  if (o.maxMemoryBytes !== undefined) out.maxMemoryBytes = o.maxMemoryBytes;
  if (o.maxSeconds !== undefined) out.maxSeconds = o.maxSeconds;
  return out;
}

async function levels<S, A>(pm: PackedModel<S, A>, links: WorkerLink[], options: ParallelOptions, start: number, initial: number): Promise<ExploreResult<S, A>> {
  let count = initial;
  let transitions = 0;
  let depth = initial > 0 ? 1 : 0;
  let bytes = 0;
  let witnessBits = 0;
  let levelSize = initial;
  const stats = (queued: number): ExploreStats => {
    const seconds = (Date.now() - start) / 1000;
    return { distinctStates: count, transitions, depth, seconds, statesPerSecond: seconds > 0 ? count / seconds : 0, queued, bytes };
  };
  const witnesses = () => pm.model.witnesses.map((w, i) => ({ id: w.id, reached: (witnessBits & (1 << i)) !== 0 }));
  while (levelSize > 0) {
    if (options.maxStates !== undefined && count > options.maxStates) {
      return { verdict: "incomplete", stats: stats(levelSize), incompleteReason: `state budget reached: more than ${options.maxStates} distinct states`, witnesses: witnesses() };
    }
    const expanded = await Promise.all(links.map((l) => l.call<ExpandReply>({ type: "expand" })));
    transitions += expanded.reduce((s, e) => s + e.transitions, 0);
    const stopped = expanded.find((e) => e.stopped)?.stopped;
    if (stopped) return { verdict: "incomplete", stats: stats(levelSize), incompleteReason: stopped, witnesses: witnesses() };
    const inserted = await Promise.all(
      links.map((l, dest) => {
        const batches = expanded.map((e) => e.outgoing[dest]).filter((b): b is Int32Array => b !== undefined && b.length > 0);
        return l.call<InsertReply>({ type: "insert", batches }, batches.map((b) => b.buffer as ArrayBuffer));
      }),
    );
    levelSize = inserted.reduce((s, r) => s + r.levelSize, 0);
    count = inserted.reduce((s, r) => s + r.count, 0);
    bytes = inserted.reduce((s, r) => s + r.bytes, 0);
    for (const r of inserted) witnessBits |= r.witnessBits;
    if (levelSize > 0) depth++;
    const found = inserted.find((r) => r.found)?.found;
    if (found) {
      const violation = await explainParallel(pm, links, found, options.symmetry ?? false);
      return { verdict: "violation", stats: stats(levelSize), violation, witnesses: witnesses() };
    }
    options.onProgress?.(stats(levelSize));
  }
  const result = witnesses();
  const unreached = result.find((w) => !w.reached);
  if (unreached) {
    const initialState = pm.model.initialStates()[0]!;
    const message = `no explored state reaches witness '${unreached.id}' (${count} states explored)`;
    return { verdict: "violation", stats: stats(0), violation: { kind: "witness-unreached", property: unreached.id, message, initial: initialState, steps: [] }, witnesses: result };
  }
  return { verdict: "verified", stats: stats(0), witnesses: result };
}

/** Follows parent links across workers, then replays the path on the object model. */
async function explainParallel<S, A>(pm: PackedModel<S, A>, links: WorkerLink[], found: { id: number; invariant: number }, symmetry: boolean): Promise<Counterexample<S, A>> {
  const n = links.length;
  const targets: Int32Array[] = [];
  for (let id = found.id; id >= 0; ) {
    const reply = await links[id % n]!.call<GetReply>({ type: "get", index: id });
    targets.push(reply.words);
    id = reply.parent;
  }
  targets.reverse();
  const model = pm.model;
  const canonicalize = pm.canonicalize?.bind(pm);
  const buf = new Int32Array(pm.words);
  const matches = (s: S, t: Int32Array) => {
    pm.encode(s, buf, 0);
    if (symmetry) canonicalize!(buf, 0);
    return buf.every((w, i) => w === t[i]);
  };
  const initial = model.initialStates().find((s) => matches(s, targets[0]!)) as S;
  const steps: { action: A; state: S }[] = [];
  let state = initial;
  for (const target of targets.slice(1)) {
    const action = model.actions(state).find((a) => matches(model.next(state, a), target));
    if (action === undefined) throw new Error("counterexample reconstruction failed: no action leads to the next stored state");
    state = model.next(state, action);
    steps.push({ action, state });
  }
  const inv = model.invariants[found.invariant]!;
  const message = inv.check(state) ?? `the packed check of '${inv.id}' failed but the object check holds (encoding bug)`;
  return { kind: "invariant", property: inv.id, message, initial, steps };
}
