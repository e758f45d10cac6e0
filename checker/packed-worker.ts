// One worker of a parallel packed exploration. States are partitioned by hash: this worker
// stores and checks the states it owns, and hands every successor owned by another worker to
// the main thread, which forwards it. The search is level by level, so the levels, their
// sizes and hence the counts and depth are the same as with one worker.
import { parentPort, workerData } from "node:worker_threads";
import { loadPacked, type WorkerInit } from "./packed-spec.ts";
import { hashWords, MAX_STORED_STATES, StateStore } from "./state-store.ts";

export type { WorkerInit } from "./packed-spec.ts";

export type WorkerRequest = { type: "expand" } | { type: "insert"; batches: Int32Array[] } | { type: "get"; index: number };

export type ExpandReply = { outgoing: Int32Array[]; transitions: number; stopped?: string };
export type InsertReply = { levelSize: number; count: number; bytes: number; found?: { id: number; invariant: number }; witnessBits: number; stopped?: string };
export type GetReply = { words: Int32Array; parent: number };

/** The worker that owns a state of hash h: from the high bits, which the table's slots do not use. */
export function ownerOf(h: number, workers: number): number {
  return Math.floor(((Math.imul(h ^ 0x5bd1e995, 0x2c1b3c6d) >>> 16) * workers) / 65536);
}

/**
 * Remembers recently sent states per destination (direct-mapped on the hash), so that the
 * many duplicate successors of a level are not sent again. Dropping a repeat is always
 * right: the owner has the state, or will get it this level from the first send.
 */
class SentCache {
  private readonly words: Int32Array;
  private readonly full: Uint8Array;
  private static readonly BITS = 16;

  constructor(private readonly w: number) {
    this.words = new Int32Array((1 << SentCache.BITS) * w);
    this.full = new Uint8Array(1 << SentCache.BITS);
  }

  /** True if `buf` was recorded already; otherwise records it. */
  seen(buf: Int32Array, hash: number): boolean {
    const slot = (hash >>> 0) & ((1 << SentCache.BITS) - 1);
    const base = slot * this.w;
    let same = this.full[slot] === 1;
    for (let i = 0; i < this.w && same; i++) same = this.words[base + i] === buf[i];
    if (same) return true;
    for (let i = 0; i < this.w; i++) this.words[base + i] = buf[i]!;
    this.full[slot] = 1;
    return false;
  }
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
  const sent = Array.from({ length: n }, () => new SentCache(W));
  const memoryShare = init.maxMemoryBytes === undefined ? undefined : init.maxMemoryBytes / n;

  const globalId = (local: number) => local * n + init.id;
  const add = (words: Int32Array, parent: number, hash: number) => {
    const index = store.insertHashed(words, parent, hash);
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
    const h = hashWords(buf, 0, W);
    if (ownerOf(h, n) === init.id) add(buf, -1, h);
  }
  frontierEnd = store.count;

  // The hot loop's state lives out here, and emit is created once: a fresh closure per level
  // would start cold in the interpreter every level (measured: a third slower overall).
  let outgoing: GrowableInts[] = [];
  let transitions = 0;
  let current = 0;
  let currentChunk: Int32Array = buf;
  let currentOff = 0;
  const emit = () => {
    transitions++;
    // A stuttering step leads back to the state being expanded: nothing to look up.
    let same = true;
    for (let w = 0; w < W && same; w++) same = buf[w] === currentChunk[currentOff + w];
    if (same) return;
    if (canonicalize) canonicalize(buf, 0);
    const h = hashWords(buf, 0, W);
    const dest = ownerOf(h, n);
    if (dest === init.id) add(buf, globalId(current), h);
    else if (!sent[dest]!.seen(buf, h)) outgoing[dest]!.pushState(buf, W, globalId(current));
  };

  const expand = (): ExpandReply => {
    outgoing = Array.from({ length: n }, () => new GrowableInts());
    transitions = 0;
    for (current = frontierStart; current < frontierEnd; current++) {
      if ((current & 1023) === 0) {
        const stopped = budgetStop();
        if (stopped) return { outgoing: [], transitions, stopped };
      }
      currentChunk = store.chunkOf(current);
      currentOff = store.offsetOf(current);
      pm.successors(currentChunk, currentOff, buf, emit);
    }
    return { outgoing: outgoing.map((o) => o.toArray()), transitions };
  };

  const budgetStop = (): string | undefined => {
    if (init.maxSeconds !== undefined && (Date.now() - init.start) / 1000 > init.maxSeconds) return `time budget reached: more than ${init.maxSeconds} s`;
    if (store.count > MAX_STORED_STATES - (1 << 20)) return `the visited set of worker ${init.id} is full: it holds at most ${MAX_STORED_STATES} states`;
    if (memoryShare !== undefined && store.bytesAfter(4096 * 1024) > memoryShare) return `memory budget reached: worker ${init.id} holds ${store.bytes()} bytes of its ${Math.floor(memoryShare)}`;
    return undefined;
  };

  const insert = (batches: Int32Array[]): InsertReply => {
    const stride = W + 1;
    for (const batch of batches) {
      for (let at = 0; at < batch.length; at += stride) {
        for (let w = 0; w < W; w++) buf[w] = batch[at + w]!;
        add(buf, batch[at + W]!, hashWords(buf, 0, W));
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
