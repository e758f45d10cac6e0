// Parallel exploration of an object Model over worker_threads, level by level as the packed
// engine does (explore-parallel.ts): counts, depth and verdicts equal explore()'s, and a
// counterexample is a shortest one. The model is named by a ModelSpec so workers can build it;
// its states cross threads by structured clone, so they must be plain data (objects, arrays,
// Maps, Sets), and its checks must not depend on object identity.
import { Worker } from "node:worker_threads";
import type { Model } from "./model.ts";
import { loadFromSpec, type ModelSpec } from "./packed-spec.ts";
import type { ObjectExpandReply, ObjectFound, ObjectGetReply, ObjectGraphReply, ObjectInsertReply, ObjectRequest, ObjectWorkerInit } from "./object-worker.ts";
import type { Counterexample, ExploreOptions, ExploreResult, ExploreStats } from "./result.ts";
import { WorkerLink } from "./worker-link.ts";

type Link = WorkerLink<ObjectRequest>;

export async function exploreParallel<S, A>(spec: ModelSpec, options: ExploreOptions & { readonly workers: number }): Promise<ExploreResult<S, A>> {
  if (options.shard) throw new Error("--shard and --workers cannot be combined: shard with one worker per machine");
  const model = await loadFromSpec<Model<S, A>>(spec);
  if (options.symmetry && !model.canonicalFingerprint) throw new Error(`${model.name}: no symmetry is defined for this model (canonicalFingerprint)`);
  const start = Date.now();
  const links = Array.from({ length: options.workers }, (_, id) => {
    const init: ObjectWorkerInit = { spec, id, workers: options.workers, symmetry: options.symmetry ?? false, start };
    if (options.maxSeconds !== undefined) Object.assign(init, { maxSeconds: options.maxSeconds });
    if (options.maxMemoryBytes !== undefined) Object.assign(init, { maxMemoryBytes: options.maxMemoryBytes });
    return new WorkerLink<ObjectRequest>(new Worker(new URL("./object-worker-entry.mjs", import.meta.url), { workerData: init }));
  });
  try {
    const ready = (await Promise.all(links.map((l) => l.ready))) as { count: number }[];
    return await levels(model, links, options, start, ready.reduce((s, r) => s + r.count, 0));
  } finally {
    await Promise.all(links.map((l) => l.worker.terminate()));
  }
}

async function levels<S, A>(model: Model<S, A>, links: Link[], options: ExploreOptions, start: number, initial: number): Promise<ExploreResult<S, A>> {
  let count = initial;
  let transitions = 0;
  let depth = initial > 0 ? 1 : 0;
  let bytes = 0;
  let levelSize = initial;
  const reached = model.witnesses.map(() => false);
  const stats = (queued: number): ExploreStats => {
    const seconds = (Date.now() - start) / 1000;
    return { distinctStates: count, transitions, depth, seconds, statesPerSecond: seconds > 0 ? count / seconds : 0, queued, bytes };
  };
  const witnesses = () => model.witnesses.map((w, i) => ({ id: w.id, reached: reached[i]! }));
  const violation = async (found: ObjectFound) => ({ verdict: "violation" as const, stats: stats(levelSize), violation: await explain(model, links, found), witnesses: witnesses() });
  while (levelSize > 0) {
    if (options.maxStates !== undefined && count > options.maxStates) {
      return { verdict: "incomplete", stats: stats(levelSize), incompleteReason: `state budget reached: more than ${options.maxStates} distinct states`, witnesses: witnesses() };
    }
    const expanded = await Promise.all(links.map((l) => l.call<ObjectExpandReply>({ type: "expand" })));
    transitions += expanded.reduce((s, e) => s + e.transitions, 0);
    const stopped = expanded.find((e) => e.stopped)?.stopped;
    if (stopped) return { verdict: "incomplete", stats: stats(levelSize), incompleteReason: stopped, witnesses: witnesses() };
    const earlyFound = expanded.find((e) => e.found)?.found;
    if (earlyFound) return violation(earlyFound);
    const inserted = await Promise.all(
      links.map((l, dest) => {
        const batches = expanded.map((e) => e.outgoing[dest]).filter((b) => b !== undefined);
        return l.call<ObjectInsertReply>({ type: "insert", batches }, batches.map((b) => b.repeats.buffer as ArrayBuffer));
      }),
    );
    levelSize = inserted.reduce((s, r) => s + r.levelSize, 0);
    count = inserted.reduce((s, r) => s + r.count, 0);
    bytes = inserted.reduce((s, r) => s + r.bytes, 0);
    for (const r of inserted) r.reached.forEach((x, i) => (reached[i] ||= x));
    if (levelSize > 0) depth++;
    const found = inserted.find((r) => r.found)?.found;
    if (found) return violation(found);
    options.onProgress?.(stats(levelSize));
  }
  const unreached = witnesses().find((w) => !w.reached);
  if (unreached) {
    const message = `no explored state reaches witness '${unreached.id}' (${count} states explored)`;
    return { verdict: "violation", stats: stats(0), violation: { kind: "witness-unreached", property: unreached.id, message, initial: model.initialStates()[0]!, steps: [] }, witnesses: witnesses() };
  }
  if (model.progress) {
    const deadEnd = await progressDeadEnd(links);
    if (deadEnd !== undefined) {
      const message = `from this state no explored path reaches '${model.progress.id}'`;
      const cx = await explain(model, links, { kind: "invariant", id: deadEnd, level: 0, property: model.progress.id, message });
      return { verdict: "violation", stats: stats(0), violation: { ...cx, kind: "progress" }, witnesses: witnesses() };
    }
  }
  return { verdict: "verified", stats: stats(0), witnesses: witnesses() };
}

/** Backward reachability from goal states over every worker's edges; the shallowest dead end. */
async function progressDeadEnd(links: Link[]): Promise<number | undefined> {
  const n = links.length;
  const graphs = await Promise.all(links.map((l) => l.call<ObjectGraphReply>({ type: "graph" })));
  const size = Math.max(...graphs.map((g, id) => (g.count - 1) * n + id + 1), 0);
  const canReach = new Uint8Array(size);
  const predecessors = new Map<number, number[]>();
  const stack: number[] = [];
  graphs.forEach((g, id) => {
    for (let i = 0; i < g.edges.length; i += 2) {
      const to = g.edges[i + 1]!;
      const list = predecessors.get(to);
      if (list) list.push(g.edges[i]!);
      else predecessors.set(to, [g.edges[i]!]);
    }
    for (let local = 0; local < g.count; local++) {
      if (g.goal[local]) {
        canReach[local * n + id] = 1;
        stack.push(local * n + id);
      }
    }
  });
  while (stack.length > 0) {
    for (const from of predecessors.get(stack.pop()!) ?? []) {
      if (!canReach[from]) {
        canReach[from] = 1;
        stack.push(from);
      }
    }
  }
  let best: { id: number; level: number } | undefined;
  graphs.forEach((g, id) => {
    for (let local = 0; local < g.count; local++) {
      const global = local * n + id;
      if (!canReach[global] && g.expected[local] && (!best || g.level[local]! < best.level || (g.level[local] === best.level && global < best.id))) best = { id: global, level: g.level[local]! };
    }
  });
  return best?.id;
}

/** Follows parent links across workers back to an initial state. */
async function explain<S, A>(model: Model<S, A>, links: Link[], found: ObjectFound): Promise<Counterexample<S, A>> {
  const n = links.length;
  const steps: { action: A; state: S }[] = [];
  let id = found.kind === "step" ? found.parent : found.id;
  let initial: S | undefined;
  while (id >= 0) {
    const got = await links[id % n]!.call<ObjectGetReply>({ type: "get", index: id });
    if (got.parent < 0) initial = got.state as S;
    else steps.push({ action: got.action as A, state: got.state as S });
    id = got.parent;
  }
  steps.reverse();
  if (found.kind === "step") steps.push({ action: found.action as A, state: found.after as S });
  return { kind: found.kind, property: found.property, message: found.message, initial: initial!, steps };
}
