// The one entry point of the checker: check(subject, options) explores a registered model
// (checker/definition.ts) exhaustively, checkModel(model, options) an ad-hoc one. Both choose
// the representation (the packed encoding where the model has one and it holds the run, else
// objects), lay out the partitions (this thread, or one per worker), run the one loop over
// levels (levels.ts), and turn what it found into a shortest counterexample (counterexample.ts).
// Every option works for every model or is refused with a message naming the model and the option.
import { Budget } from "./budget.ts";
import { rebuild, type TargetOf, type Violation } from "./counterexample.ts";
import { subjectRef, type Subject, type SubjectRef } from "./definition.ts";
import { localHost, preloadWorkers, workerHosts, type PartitionHost } from "./hosts.ts";
import { runLevels, Ticker, type LoopOutcome } from "./levels.ts";
import type { Model } from "./model.ts";
import { objectKey, objectPartition } from "./object-partition.ts";
import { PackedUnavailable, PackOverflow, type PackedModel } from "./packed-model.ts";
import { packedPartition } from "./packed-partition.ts";
import { collisionProbability } from "./fingerprint-table.ts";
import type { PartitionSetup } from "./partition.ts";
import { MemoryRefused, type Reserve } from "./held-memory.ts";
import { deadEndAcross, graphsBytes } from "./progress.ts";
import { judgeLiveness, livenessRefusal, livenessVerdict } from "./liveness-check.ts";
import type { CheckOptions, CheckResult, Engine, ExploreStats } from "./result.ts";
import { validateShard } from "./shard.ts";
import { abandon } from "./shared-control.ts";
import { sharedVisited } from "./shared-store.ts";
import { fingerprintWords } from "./state-store.ts";

/** An option that does not apply to the model (or a combination the engine cannot run): exit 2 on the CLI. */
export class CheckRefused extends Error {
  override readonly name = "CheckRefused";
}

type Target<S, A> = { readonly model: Model<S, A>; readonly packed?: () => PackedModel<S, A>; readonly ref?: SubjectRef };

/** Checks a registered model: the subject names the definition, the parsed config and a variant. */
export function check<C, S, A>(subject: Subject<C, S, A>, options: CheckOptions = {}): Promise<CheckResult<S, A>> {
  const { definition, config, variant } = subject;
  const model = definition.create(config, variant);
  const packed = definition.packed ? () => definition.packed!(config, variant) : undefined;
  return run({ model, ...(packed ? { packed } : {}), ref: subjectRef(subject as Subject) }, options);
}

/** Checks a model that is not registered (tests, tools): in this thread only. */
export function checkModel<S, A>(model: Model<S, A>, options: CheckOptions = {}, packed?: () => PackedModel<S, A>): Promise<CheckResult<S, A>> {
  return run({ model, ...(packed ? { packed } : {}) }, options);
}

async function run<S, A>(t: Target<S, A>, o: CheckOptions): Promise<CheckResult<S, A>> {
  const { model } = t;
  const workers = o.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1) throw new CheckRefused(`workers must be a positive whole number, got ${workers}`);
  if (workers > 1 && !t.ref) throw new CheckRefused(`${model.name}: --workers needs a registered model (worker threads build it from its definition's module)`);
  if (o.shard) validateShard(o.shard);
  const refused = livenessRefusal(model, o, workers);
  if (refused) throw new CheckRefused(refused);
  if (o.engine === "packed" && !t.packed) throw new CheckRefused(`${model.name}: the model has no packed encoding; use --engine object`);
  if (o.fingerprint) {
    if (!t.packed || o.engine === "object") throw new CheckRefused(`${model.name}: --fingerprint stores fingerprints of packed states; ${t.packed ? "not with --engine object" : "the model has no packed encoding"}`);
    if (o.liveness) throw new CheckRefused(`${model.name}: --fingerprint does not keep the states the liveness check reads; not with --liveness`);
  }
  const spillRefused = spillRefusal(model, o, workers);
  if (spillRefused) throw new CheckRefused(`${model.name}: ${spillRefused}`);
  // Fingerprint mode exists for the packed engine only: no falling back to objects.
  const packedOnly = o.engine === "packed" || o.fingerprint === true;
  let note: string | undefined;
  if (t.packed && o.engine !== "object") {
    let pm: PackedModel<S, A>;
    try {
      pm = t.packed();
    } catch (err) {
      if (err instanceof PackedUnavailable) {
        if (packedOnly) throw new CheckRefused(`${model.name}: ${err.message}`);
        return { ...(await explore(t, "object", o, workers)), engineNote: err.message };
      }
      // A config or variant the packed encoding does not model: objects run it.
      if (!isPackOverflow(err) || packedOnly) throw err;
      return { ...(await explore(t, "object", o, workers)), engineNote: `the packed encoding does not model this run (${(err as Error).message})` };
    }
    const unfit = packedUnfit(pm, o);
    if (unfit && packedOnly) throw new CheckRefused(`${model.name}: ${unfit}; use --engine object${o.fingerprint ? " without --fingerprint" : ""}`);
    if (!unfit) {
      try {
        return await explore(t, "packed", o, workers, pm);
      } catch (err) {
        if (!isPackOverflow(err)) throw err;
        if (packedOnly) throw new CheckRefused(`${model.name}: the packed encoding cannot hold this run: ${(err as Error).message}`);
        note = `the packed encoding cannot hold this run (${(err as Error).message})`;
      }
    } else note = unfit;
  }
  if (o.symmetry && !model.representative) throw new CheckRefused(`${model.name}: --symmetry is not available: the model defines no symmetry`);
  const result = await explore(t, "object", o, workers);
  return note ? { ...result, engineNote: note } : result;
}

/** Why the packed encoding cannot run these options, or undefined. */
function packedUnfit<S, A>(pm: PackedModel<S, A>, o: CheckOptions): string | undefined {
  if (o.symmetry && !pm.canonicalize) return "the packed encoding defines no symmetry";
  if (pm.model.progress && !(pm.progressGoal && pm.progressExpected)) return "the packed encoding does not check progress";
  if (o.liveness && !(pm.livenessGoal && pm.fairStep)) return "the packed encoding does not check liveness";
  return undefined;
}

/** The queue's memory in fingerprint mode: as asked, else a quarter of --max-memory, else 1 GiB. */
function queueMemoryBytes(o: CheckOptions): number {
  return o.queueMemoryBytes ?? (o.maxMemoryBytes !== undefined ? o.maxMemoryBytes / 4 : 2 ** 30);
}

/** Why a memory option for what spills to disk does not apply to this run, or undefined. */
function spillRefusal<S, A>(model: Model<S, A>, o: CheckOptions, workers: number): string | undefined {
  if (o.queueMemoryBytes !== undefined && !o.fingerprint) return "--queue-memory sizes fingerprint mode's queue; not without --fingerprint";
  if (o.edgeMemoryBytes === undefined) return undefined;
  if (!model.progress && !o.liveness) return "--edge-memory sizes the edges the progress check reads, and the model has no progress check";
  if (o.shard) return "--edge-memory sizes the edges the progress check reads, and a shard keeps none; not with --shard";
  if (workers > 1 && !o.fingerprint && o.engine !== "object") return "--edge-memory: workers sharing one visited set keep their edges in memory; not with --workers above 1 without --fingerprint";
  return undefined;
}

/** The edges' memory: as asked, else a quarter of --max-memory, else all of them in memory. */
function edgeMemoryBytes(o: CheckOptions): number {
  return o.edgeMemoryBytes ?? (o.maxMemoryBytes !== undefined ? o.maxMemoryBytes / 4 : Infinity);
}

function isPackOverflow(err: unknown): boolean {
  return err instanceof PackOverflow || (err as Error)?.name === "PackOverflow";
}

async function explore<S, A>(t: Target<S, A>, engine: Engine, o: CheckOptions, workers: number, pm?: PackedModel<S, A>): Promise<CheckResult<S, A>> {
  const { model } = t;
  // A run's seconds count from its first state, not from loading its model: this thread loaded
  // the definition's module before, and the workers load it now, as a run on one thread would.
  if (workers > 1) await preloadWorkers(workers, t.ref!.module);
  const start = Date.now();
  const ticker = new Ticker();
  const fingerprint = engine === "packed" && o.fingerprint === true;
  const share = (x: number | undefined) => (x === undefined ? undefined : x / workers);
  // Packed states on workers share one visited set; fingerprint mode's states wait in queues
  // that spill to disk, each worker's its own, so each worker owns the states of its hashes.
  const shared = engine === "packed" && workers > 1 && !fingerprint ? sharedVisited(workers) : undefined;
  const setup = (id: number): PartitionSetup => ({
    id,
    count: workers,
    symmetry: o.symmetry ?? false,
    ...(fingerprint ? { fingerprint, queueMemoryBytes: share(queueMemoryBytes(o))! } : {}),
    ...(shared ? { shared } : {}),
    edgeMemoryBytes: share(edgeMemoryBytes(o))!,
    // A shard does not judge progress (another shard may reach the goal): its edges would be
    // most of what it holds, for nothing.
    progress: model.progress !== undefined && o.shard === undefined,
    liveness: o.liveness === true,
    limits: {
      start,
      ...(o.maxSeconds !== undefined ? { maxSeconds: o.maxSeconds } : {}),
      ...(o.maxMemoryBytes !== undefined ? { maxMemoryBytes: o.maxMemoryBytes } : {}),
      ...(o.maxStates !== undefined && workers === 1 ? { maxStates: o.maxStates } : {}),
    },
    ...(workers === 1 ? { onTick: ticker.tick } : {}),
  });
  const hosts: PartitionHost[] =
    workers === 1
      ? [localHost(engine === "packed" ? packedPartition(pm!, setup(0)) : objectPartition(model, setup(0)))]
      : await workerHosts(t.ref!, engine, Array.from({ length: workers }, (_, id) => setup(id)));
  try {
    const stats = (l: Omit<LoopOutcome, "end" | "witnessBits">): ExploreStats => {
      const seconds = (Date.now() - start) / 1000;
      return {
        distinctStates: l.distinctStates,
        transitions: l.transitions,
        depth: l.depth,
        seconds,
        statesPerSecond: seconds > 0 ? l.distinctStates / seconds : 0,
        queued: l.queued,
        bytes: l.bytes,
        bytesPerState: l.distinctStates > 0 ? l.bytes / l.distinctStates : 0,
        ...(engine === "object" || fingerprint ? { collisionProbability: collisionProbability(l.distinctStates) } : {}),
      };
    };
    const loop = await runLevels(hosts, {
      ticker,
      ...(o.maxStates !== undefined ? { maxStates: o.maxStates } : {}),
      ...(o.shard ? { shard: o.shard } : {}),
      ...(o.progressEveryMs !== undefined ? { progressEveryMs: o.progressEveryMs } : {}),
      ...(o.onProgress ? { onProgress: (l) => o.onProgress!(stats({ ...l })) } : {}),
    });
    const witnesses = model.witnesses.map((w, i) => ({ id: w.id, reached: (loop.witnessBits & (1 << i)) !== 0 }));
    const base: Omit<CheckResult<S, A>, "verdict"> = {
      stats: stats(loop),
      witnesses,
      engine,
      ...(fingerprint ? { fingerprint } : {}),
      workers,
      ...(loop.branchHits && model.branches ? { branches: model.branches.map((b, i) => ({ id: b.id, transitions: loop.branchHits![i]! })) } : {}),
    };
    const targetOf = targetFor(model, engine, o.symmetry ?? false, fingerprint, pm);
    const violation = async (v: Violation) => ({ ...base, verdict: "violation" as const, violation: await rebuild(model, hosts, targetOf, v) });
    if (loop.end === "found") return await violation(loop.found!);
    if (loop.end === "stopped") return { ...base, verdict: "incomplete", incompleteReason: loop.stopped! };
    // A shard sees part of the graph: witnesses and progress are judged over the union, not here.
    if (o.shard) return { ...base, verdict: "verified" };
    // Liveness is judged over the whole graph, and reported beside any other verdict.
    const liveness = o.liveness ? judgeLiveness(model, hosts[0]!.local!.livenessGraph!(), targetOf) : undefined;
    if (liveness) Object.assign(base, { liveness });
    // A lasso is a run like any counterexample: it comes before what the whole graph judges.
    const judged = livenessVerdict(liveness);
    if (judged.verdict === "violation") return { ...base, ...judged };
    const unreached = witnesses.find((w) => !w.reached);
    if (unreached && loop.distinctStates > 0) {
      const message = `no explored state reaches witness '${unreached.id}' (${loop.distinctStates} states explored)`;
      return { ...base, verdict: "violation", violation: { kind: "witness-unreached", property: unreached.id, message, initial: model.initialStates()[0]!, steps: [] } };
    }
    if (model.progress) {
      // Judging progress takes memory of its own: a run that cannot afford it is not verified.
      const reserve = progressReserve(new Budget({ start, ...(o.maxMemoryBytes !== undefined ? { maxMemoryBytes: o.maxMemoryBytes } : {}) }), loop.bytes);
      const single = hosts.length === 1 ? hosts[0]!.local : undefined;
      const judge = async () => {
        if (single) return single.deadEnd(reserve);
        reserve(graphsBytes(loop.distinctStates, loop.transitions, shared !== undefined), "the workers' graphs for the progress check");
        return deadEndAcross(await Promise.all(hosts.map((h) => h.graph())), reserve);
      };
      const deadEnd = await judge().catch((err: unknown) => {
        if (err instanceof MemoryRefused) return err.message;
        throw err;
      });
      if (typeof deadEnd === "string") return { ...base, verdict: "incomplete", incompleteReason: deadEnd };
      if (deadEnd >= 0) return await violation({ kind: "progress", at: deadEnd, property: model.progress.id });
    }
    return { ...base, ...judged };
  } catch (err) {
    // A worker that failed leaves the others of a shared visited set waiting for it.
    if (shared) abandon(new Int32Array(shared.control));
    throw err;
  } finally {
    await Promise.all(hosts.map((h) => h.close()));
  }
}

/** Asks `budget` for each of the progress check's arrays on top of the `held` bytes of the run, refusing with MemoryRefused. */
function progressReserve(budget: Budget, held: number): Reserve {
  let taken = 0;
  return (bytes, what) => {
    const refused = budget.refusal(held + taken, bytes, what);
    if (refused) throw new MemoryRefused(refused);
    taken += bytes;
  };
}

/** How a state of the rebuilt run is compared with a stored one, in the representation that ran. */
function targetFor<S, A>(model: Model<S, A>, engine: Engine, symmetry: boolean, fingerprint: boolean, pm?: PackedModel<S, A>): TargetOf<S> {
  if (engine === "packed") {
    const canonicalize = symmetry ? pm!.canonicalize!.bind(pm) : undefined;
    return (s) => {
      const words = new Int32Array(pm!.words);
      pm!.encode(s, words, 0);
      canonicalize?.(words, 0);
      if (!fingerprint) return words;
      const fp = new Int32Array(2);
      fingerprintWords(words, 0, words.length, fp);
      return fp;
    };
  }
  const keyOf = objectKey(model as Model<S, unknown>, symmetry);
  return (s) => {
    const key = new Int32Array(2);
    keyOf(s, key);
    return key;
  };
}
