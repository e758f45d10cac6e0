// A worker thread of a run on several partitions: for each run it is opened with a subject (the
// definition's module, which it may have loaded already when asked to, config and variant),
// rebuilds the model, holds one partition and answers the loop's requests (init, expand,
// insert, get, graph) one at a time; closed, it waits for the next run, so that a process pays
// for starting workers once. Errors travel back by name and message, so that the main thread can
// tell a PackOverflow (fall back to objects) from a failure.
import { parentPort } from "node:worker_threads";
import { collectDropped } from "./collect.ts";
import { loadDefinition, type SubjectRef } from "./definition.ts";
import { objectPartition } from "./object-partition.ts";
import { packedPartition } from "./packed-partition.ts";
import { batchBuffers, type Partition, type PartitionSetup, type ShardSplit } from "./partition.ts";
import { stepLevels, type SharedLevelsRequest } from "./shared-levels.ts";

export type Representation = "packed" | "object";

export type WorkerInit = { readonly subject: SubjectRef; readonly representation: Representation; readonly setup: PartitionSetup };

export type WorkerRequest =
  | { readonly type: "load"; readonly module: string }
  | { readonly type: "open"; readonly init: WorkerInit }
  | { readonly type: "close" }
  | { readonly type: "init" }
  | { readonly type: "expand"; readonly split?: ShardSplit }
  | { readonly type: "insert"; readonly batches: readonly unknown[] }
  | { readonly type: "get"; readonly local: number }
  | { readonly type: "graph" }
  | { readonly type: "levels"; readonly request: SharedLevelsRequest };

export type WorkerReply = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly name: string; readonly message: string };

async function build(init: WorkerInit): Promise<Partition> {
  const definition = await loadDefinition(init.subject.module);
  const config = definition.parseConfig(init.subject.config);
  if (init.representation === "packed") return packedPartition(definition.packed!(config, init.subject.variant), init.setup);
  return objectPartition(definition.create(config, init.subject.variant), init.setup);
}

type Opened = { readonly partition: Partition; readonly setup: PartitionSetup };

function answer({ partition: p, setup }: Opened, req: Exclude<WorkerRequest, { type: "load" | "open" | "close" }>): { value: unknown; transfer: ArrayBuffer[] } {
  switch (req.type) {
    case "levels": {
      if (!setup.shared) throw new Error("the workers step through levels themselves only on a shared visited set");
      const { shared } = setup;
      return { value: stepLevels(p, new Int32Array(shared.control), new Float64Array(shared.live), setup.id, setup.count, req.request), transfer: [] };
    }
    case "init":
      return { value: p.init(), transfer: [] };
    case "expand": {
      const reply = p.expand(req.split);
      return { value: reply, transfer: reply.outgoing.flatMap(batchBuffers) };
    }
    case "insert":
      return { value: p.insert(req.batches), transfer: [] };
    case "get":
      return { value: p.get(req.local), transfer: [] };
    case "graph": {
      const g = p.graph();
      return { value: g, transfer: [g.goal.buffer, g.expected.buffer, ...g.edges.map((e) => e.buffer), ...(g.runs ?? []).map((e) => e.buffer)] as ArrayBuffer[] };
    }
  }
}

function serve(): void {
  let opened: Opened | undefined;
  const reply = (r: WorkerReply, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(r, transfer);
  const fail = (err: unknown) => {
    const e = err as Error;
    reply({ ok: false, name: e?.name ?? "Error", message: e?.message ?? String(err) });
  };
  parentPort!.on("message", (req: WorkerRequest) => {
    if (req.type === "load") {
      loadDefinition(req.module).then(() => reply({ ok: true, value: null }), fail);
      return;
    }
    if (req.type === "open") {
      build(req.init).then((partition) => {
        opened = { partition, setup: req.init.setup };
        reply({ ok: true, value: null });
      }, fail);
      return;
    }
    if (req.type === "close") {
      opened?.partition.dispose?.();
      opened = undefined;
      // A worker kept for the next run would hold this run's arrays until V8 next collects.
      collectDropped();
      return reply({ ok: true, value: null });
    }
    try {
      if (!opened) throw new Error("the worker has no open run");
      const { value, transfer } = answer(opened, req);
      reply({ ok: true, value }, transfer);
    } catch (err) {
      fail(err);
    }
  });
  parentPort!.postMessage({ ready: true });
}

if (parentPort) serve();
