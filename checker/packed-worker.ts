// One worker of a parallel packed exploration. States are partitioned by hash: this worker
// stores and checks the states it owns, and hands every successor owned by another worker to
// the main thread, which forwards it. The search is level by level, so the levels, their
// sizes and hence the counts and depth are the same as with one worker.
import { parentPort, workerData } from "node:worker_threads";
import { loadPacked, type PackedSpec } from "./packed-spec.ts";
import { hashWords, StateStore } from "./state-store.ts";

export type WorkerInit = {
  readonly spec: PackedSpec;
  readonly id: number;
  readonly workers: number;
  readonly symmetry: boolean;
  readonly maxMemoryBytes?: number;
  readonly maxSeconds?: number;
  readonly start: number;
};

export type WorkerRequest = { type: "expand" } | { type: "insert"; batches: Int32Array[] } | { type: "get"; index: number };

export type ExpandReply = { outgoing: Int32Array[]; transitions: number; stopped?: string };
export type InsertReply = { levelSize: number; count: number; bytes: number; found?: { id: number; invariant: number }; witnessBits: number; stopped?: string };
export type GetReply = { words: Int32Array; parent: number };

/** The worker that owns a state: from the hash's high bits, which the table's slots do not use. */
export function ownerOf(words: Int32Array, w: number, workers: number): number {
  const h = hashWords(words, 0, w) ^ 0x5bd1e995;
  return Math.floor(((Math.imul(h, 0x2c1b3c6d) >>> 16) * workers) / 65536);
}

async function run(init: WorkerInit): Promise<void> {
  const pm = await loadPacked(init.spec);
  const W = pm.words;
  const n = init.workers;
  const store = new StateStore(W);
  const buf = new Int32Array(W);
  const canonicalize = init.symmetry ? pm.canonicalize!.bind(pm) : undefined;
  let frontierStart = 0;
  let frontierEnd = 0;
  let found: { id: number; invariant: number } | undefined;
  let witnessBits = 0;
  const allWitnesses = (1 << pm.model.witnesses.length) - 1;
  const memoryShare = init.maxMemoryBytes === undefined ? undefined : init.maxMemoryBytes / n;

  const globalId = (local: number) => local * n + init.id;
  const add = (words: Int32Array, parent: number) => {
    const index = store.insert(words, parent);
    if (index < 0) return;
    const chunk = store.chunkOf(index);
    const off = store.offsetOf(index);
    const broken = pm.firstBrokenInvariant(chunk, off);
    if (broken >= 0 && !found) found = { id: globalId(index), invariant: broken };
    if (witnessBits !== allWitnesses) witnessBits |= pm.witnessBits(chunk, off);
  };

  for (const s of pm.model.initialStates()) {
    pm.encode(s, buf, 0);
    if (canonicalize) canonicalize(buf, 0);
    if (ownerOf(buf, W, n) === init.id) add(buf, -1);
  }
  frontierEnd = store.count;

  const expand = (): ExpandReply => {
    const outgoing = Array.from({ length: n }, () => new GrowableInts());
    let transitions = 0;
    let current = 0;
    const emit = () => {
      transitions++;
      if (canonicalize) canonicalize(buf, 0);
      const dest = ownerOf(buf, W, n);
      if (dest === init.id) add(buf, globalId(current));
      else outgoing[dest]!.pushState(buf, W, globalId(current));
    };
    for (current = frontierStart; current < frontierEnd; current++) {
      if ((current & 1023) === 0) {
        const stopped = budgetStop();
        if (stopped) return { outgoing: [], transitions, stopped };
      }
      pm.successors(store.chunkOf(current), store.offsetOf(current), buf, emit);
    }
    return { outgoing: outgoing.map((o) => o.toArray()), transitions };
  };

  const budgetStop = (): string | undefined => {
    if (init.maxSeconds !== undefined && (Date.now() - init.start) / 1000 > init.maxSeconds) return `time budget reached: more than ${init.maxSeconds} s`;
    if (memoryShare !== undefined && store.bytesAfter(4096 * 1024) > memoryShare) return `memory budget reached: worker ${init.id} holds ${store.bytes()} bytes of its ${Math.floor(memoryShare)}`;
    return undefined;
  };

  const insert = (batches: Int32Array[]): InsertReply => {
    const stride = W + 1;
    for (const batch of batches) {
      for (let at = 0; at < batch.length; at += stride) {
        for (let w = 0; w < W; w++) buf[w] = batch[at + w]!;
        add(buf, batch[at + W]!);
      }
    }
    frontierStart = frontierEnd;
    frontierEnd = store.count;
    const reply: InsertReply = { levelSize: frontierEnd - frontierStart, count: store.count, bytes: store.bytes(), witnessBits };
    if (found) reply.found = found;
    return reply;
  };

  parentPort!.on("message", (req: WorkerRequest) => {
    if (req.type === "expand") {
      const reply = expand();
      parentPort!.postMessage(reply, reply.outgoing.map((a) => a.buffer as ArrayBuffer));
    } else if (req.type === "insert") {
      parentPort!.postMessage(insert(req.batches));
    } else {
      const local = Math.floor(req.index / n);
      const words = store.chunkOf(local).slice(store.offsetOf(local), store.offsetOf(local) + W);
      parentPort!.postMessage({ words, parent: store.parentOf(local) } satisfies GetReply);
    }
  });
  parentPort!.postMessage({ ready: true, count: store.count });
}

/** An append-only list of ints that doubles as it fills. */
class GrowableInts {
  private data = new Int32Array(1024);
  private length = 0;

  pushState(words: Int32Array, w: number, parent: number): void {
    if (this.length + w + 1 > this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    for (let i = 0; i < w; i++) this.data[this.length++] = words[i]!;
    this.data[this.length++] = parent;
  }

  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

if (parentPort && workerData) void run(workerData as WorkerInit);
