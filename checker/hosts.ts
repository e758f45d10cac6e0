// Where partitions live: one in this thread (no copying, progress reports while a level is
// expanded), or one per worker thread behind a WorkerLink. The loop over levels sees both
// through the same asynchronous interface. Worker threads are kept for the next run of this
// process (starting one costs more than many small runs), and never keep the process alive.
// A caller that knows early that it will run workers starts them with prestartWorkers, so that
// they load their modules while this thread loads its own; a run has them load its model's
// module (preloadWorkers) before its clock starts, as this thread loaded it before its own.
import { Worker } from "node:worker_threads";
import type { SubjectRef } from "./definition.ts";
import type { ExpandReply, GraphReply, InitReply, InsertReply, Partition, PartitionSetup, ShardSplit, StoredState } from "./partition.ts";
import type { LiveStats } from "./levels.ts";
import { setRunLive, sharedLive, type SharedLevelsReply, type SharedLevelsRequest } from "./shared-levels.ts";
import type { Representation, WorkerRequest } from "./worker.ts";
import { WorkerLink } from "./worker-link.ts";

export interface PartitionHost {
  init(): Promise<InitReply>;
  expand(split?: ShardSplit): Promise<ExpandReply>;
  insert(batches: readonly unknown[], transfer: ArrayBuffer[]): Promise<InsertReply>;
  get(local: number): Promise<StoredState>;
  graph(): Promise<GraphReply>;
  /** The partition itself when it lives in this thread. */
  readonly local?: Partition;
  /** On workers that share one visited set: the levels they step through themselves (shared-levels.ts). */
  readonly shared?: SharedLevelsHost;
  close(): Promise<void>;
}

export interface SharedLevelsHost {
  /** Before the levels: the live figures where they begin. */
  begin(at: { count: number; levelSize: number; depth: number }): void;
  levels(req: SharedLevelsRequest): Promise<SharedLevelsReply>;
  /** The whole run's figures as of the last level every worker ended. */
  live(): LiveStats;
}

export function localHost(p: Partition): PartitionHost {
  return {
    local: p,
    init: async () => p.init(),
    expand: async (split) => p.expand(split),
    insert: async (batches) => p.insert(batches),
    get: async (local) => p.get(local),
    graph: async () => p.graph(),
    close: async () => p.dispose?.(),
  };
}

type Link = WorkerLink<WorkerRequest>;

/** Idle worker threads, ready or starting, for the next run. */
const idle: Promise<Link>[] = [];

/** A new worker thread, once it has loaded (a worker that fails to load fails its first call). */
async function startWorker(): Promise<Link> {
  const worker = new Worker(new URL("./worker-entry.mjs", import.meta.url));
  const link = new WorkerLink<WorkerRequest>(worker);
  await link.ready;
  return link;
}

function takeWorker(): Promise<Link> {
  return idle.pop() ?? startWorker();
}

/** Starts worker threads now, up to `count` idle ones, for a run about to ask for them. */
export function prestartWorkers(count: number): void {
  while (idle.length < count) idle.push(startWorker());
}

/**
 * Has the idle workers the next run takes load the definition's module (`count` of them, started
 * if need be). A worker that cannot load it is taken all the same: opening the run reports why.
 */
export async function preloadWorkers(count: number, module: string): Promise<void> {
  prestartWorkers(count);
  const from = idle.length - count;
  for (let i = from; i < idle.length; i++) {
    idle[i] = idle[i]!.then((link) => link.call({ type: "load", module }).then(() => link, () => link));
  }
  await Promise.allSettled(idle.slice(from));
}

export async function workerHosts(subject: SubjectRef, representation: Representation, setups: readonly PartitionSetup[]): Promise<PartitionHost[]> {
  const links = await Promise.all(setups.map(() => takeWorker()));
  try {
    await Promise.all(links.map((link, i) => link.call({ type: "open", init: { subject, representation, setup: setups[i]! } })));
  } catch (err) {
    await Promise.all(links.map((l) => release(l, false)));
    throw err;
  }
  const shared = setups[0]?.shared;
  const live = shared ? new Float64Array(shared.live) : undefined;
  return links.map((link) => ({
    ...(live
      ? {
          shared: {
            begin: (at) => setRunLive(live, at, setups.length),
            levels: (request) => link.call<SharedLevelsReply>({ type: "levels", request }),
            live: () => sharedLive(live, setups.length),
          } satisfies SharedLevelsHost,
        }
      : {}),
    init: () => link.call<InitReply>({ type: "init" }),
    expand: (split) => link.call<ExpandReply>({ type: "expand", ...(split ? { split } : {}) }),
    insert: (batches, transfer) => link.call<InsertReply>({ type: "insert", batches }, transfer),
    get: (local) => link.call<StoredState>({ type: "get", local }),
    graph: () => link.call<GraphReply>({ type: "graph" }),
    close: () => release(link, true),
  }));
}

/** Back to the idle workers once its run is dropped; a worker that failed is ended instead. */
async function release(link: Link, keep: boolean): Promise<void> {
  try {
    if (keep && !link.failed) {
      await link.call({ type: "close" });
      idle.push(Promise.resolve(link));
      return;
    }
  } catch {
    // A worker that cannot close its run is not trusted with the next one.
  }
  await link.worker.terminate();
}
