// A partition of packed states (checker/partition.ts): states are 32-bit words in a
// StateStore, successors come from the model's packed step, and no object is made per state.
// In fingerprint mode the store holds each state's 64-bit fingerprint instead of its words, and
// a StateQueue holds the words of the states still to expand. With a shared visited set
// (PartitionSetup.shared) the run's workers store into one set and take the states to expand
// from one frontier, so no state is sent to another worker: a state's global id names the worker
// that stored it, not one that owns its hash.
// The expansion loop below is the checker's hot loop: it keeps its state in locals of one
// closure made once per run, never per level or per state.
import type { PackedModel } from "./packed-model.ts";
import { Budget, CHECK_EVERY, type HeldBytes } from "./budget.ts";
import { collectDropped, dropped } from "./collect.ts";
import { EdgeList } from "./edge-list.ts";
import { GrowableInts } from "./growable-ints.ts";
import { doubled, doublingPeak, MemoryRefused, stopOnRefusal, type Held, type Reserve } from "./held-memory.ts";
import { FairExits, type LivenessGraph } from "./liveness-graph.ts";
import { deadEndOf } from "./progress.ts";
import { globalId, ownerOf, type ExpandReply, type Found, type GraphReply, type InitReply, type InsertReply, type Partition, type PartitionSetup, type ShardSplit, type StoredState } from "./partition.ts";
import { ChunkedInts } from "./chunked-ints.ts";
import { inShard } from "./shard.ts";
import { SharedFrontier } from "./shared-frontier.ts";
import { SharedStateStore } from "./shared-store.ts";
import { StagedInserts } from "./staged-inserts.ts";
import { StateQueue } from "./state-queue.ts";
import { fingerprintLow, hashWords, StateStore } from "./state-store.ts";

/** New states one expansion may add, at most, for the visited set's capacity. */
const HEADROOM = 4096;
/** Index bits of the fingerprint store: more states than the words' store, fewer tag bits. */
const FINGERPRINT_INDEX_BITS = 29;

export function packedPartition<S, A>(pm: PackedModel<S, A>, setup: PartitionSetup): Partition {
  const model = pm.model;
  if (setup.symmetry && !pm.canonicalize) throw new Error(`${model.name}: no symmetry is defined for this model`);
  if (setup.progress && !(pm.progressGoal && pm.progressExpected)) throw new Error(`${model.name}: this packed model does not check progress`);
  const canonicalize = setup.symmetry ? pm.canonicalize!.bind(pm) : undefined;
  const { id, count: n } = setup;
  const W = pm.words;
  const budget = new Budget(setup.limits, n);
  // Every structure that grows asks before it allocates: one that would not fit stops the
  // partition before the allocation (held-memory.ts).
  const reserve: Reserve = (extra, what) => {
    const refused = budget.refusal(bytes(), extra, `growing ${what}`);
    if (refused) throw new MemoryRefused(refused);
  };
  const queue = setup.fingerprint ? new StateQueue(W, setup.queueMemoryBytes, undefined, reserve) : undefined;
  const shared = setup.shared && !queue ? new SharedStateStore(W, setup.shared, id, n, reserve) : undefined;
  const frontier = shared ? new SharedFrontier(shared.control, id, n) : undefined;
  const own = shared ? undefined : queue ? new StateStore(2, 1 << 16, FINGERPRINT_INDEX_BITS, reserve) : new StateStore(W, undefined, undefined, reserve);
  const store: StateStore | SharedStateStore = shared ?? own!;
  /** The words of state `index`, to expand it: from the queue in fingerprint mode. */
  const chunkAt = queue ? (index: number) => queue.chunkOf(index) : (index: number) => store.chunkOf(index);
  const offsetAt = queue ? (index: number) => queue.offsetOf(index) : (index: number) => store.offsetOf(index);
  const fp = new Int32Array(2);
  // Whether each state is a progress goal and whether progress is expected there, taken when it
  // is stored: the progress check reads them after the words may be gone.
  const marks = setup.progress ? new Marks(reserve) : undefined;
  const buf = new Int32Array(W);
  const allWitnesses = (1 << model.witnesses.length) - 1;
  const stepChecks = model.stepChecks.length > 0;
  // Edges to this partition's own states, by source in expansion order; edges from other
  // partitions arrive as (global source, global target) pairs. With a shared visited set, the
  // edges out of the states this worker expands are kept as runs (GraphReply): a source, then
  // its targets, since the worker expands the states it takes in no order of their ids.
  const edges = (setup.progress || setup.liveness) && !shared ? new EdgeList(reserve, setup.edgeMemoryBytes) : undefined;
  const exits = setup.liveness ? new FairExits(reserve) : undefined;
  const edgePairs = setup.progress && n > 1 && !shared ? new ChunkedInts(reserve, "the edges from other workers", { width: 2 }) : undefined;
  const edgeRuns = setup.progress && shared ? new ChunkedInts(reserve, "the edges") : undefined;
  const branchHits = model.branches ? new Float64Array(model.branches.length) : undefined;
  // Without a progress check a repeat need not travel: its owner has it or will get it.
  const sent = setup.progress || n === 1 || shared ? undefined : Array.from({ length: n }, () => new SentCache(W));
  // Successors wait to be looked up a few dozen at a time (staged-inserts.ts) where nothing needs
  // a transition's target at once (no graph kept, no branch counted, no fingerprint queue) and
  // every successor is stored here (one partition, or a shared visited set), none sent to its owner.
  const staged = !queue && !edges && !edgeRuns && !edgePairs && !exits && !branchHits && (n === 1 || shared) ? new StagedInserts(W) : undefined;
  const stagedBuf = new Int32Array(W);
  /** Where in the level the state whose successor broke an invariant when staged ones were inserted was expanded, or -1. */
  let cut = -1;
  const levelStarts: number[] = [0];
  let frontierStart = 0;
  let frontierEnd = 0;
  let witnessBits = 0;
  let transitions = 0;
  let found: Found | undefined;
  /** The level's transitions, handed to the loop once: live() counts only a level being expanded. */
  const takeTransitions = (): number => {
    const t = transitions;
    transitions = 0;
    return t;
  };
  let outgoing: GrowableInts[] = [];
  /** Bytes of the batches being inserted: they are held until the insert ends. */
  let inbound = 0;
  let current = 0;
  /** The global id of the state being expanded. */
  let currentId = 0;
  let currentChunk: Int32Array = buf;
  let currentOff = 0;

  const onNew = (words: Int32Array, index: number): void => {
    const broken = pm.firstBrokenInvariant(words, 0);
    if (broken >= 0 && !found) found = { kind: "invariant", at: globalId(index, id, n), property: broken };
    if (witnessBits !== allWitnesses) witnessBits |= pm.witnessBits(words, 0);
    marks?.push((pm.progressGoal!(words, 0) ? 1 : 0) | (pm.progressExpected!(words, 0) ? 2 : 0));
  };

  /** Stores the state in `words` (at 0) unless known; its global id, new or known. */
  const insertOwned = (words: Int32Array, parent: number, hash: number): number => {
    let index: number;
    if (queue) {
      fp[0] = hash;
      fp[1] = fingerprintLow(words, 0, W);
      index = own!.insert(fp, parent);
      if (index >= 0) queue.push(words);
    } else index = store.insertHashed(words, parent, hash);
    if (index >= 0) {
      onNew(words, index);
      return globalId(index, id, n);
    }
    // A shared set knows a state by its global id already.
    return shared ? store.known : globalId(store.known, id, n);
  };

  /** The first step property the transition from the current state to `buf` breaks, or -1. */
  const brokenStep = (): number => {
    if (pm.firstBrokenStep) return pm.firstBrokenStep(currentChunk, currentOff, buf, 0);
    const before = pm.decode(currentChunk, currentOff);
    const after = pm.decode(buf, 0);
    return model.stepChecks.findIndex((c) => c.check(before, after) !== null);
  };

  const emit = (branch?: number): void => {
    // One partition stops at the first violation: the rest of this state's actions do not count.
    if (found) return;
    // A step back to the very state being expanded (a message sent again) changes nothing: not a
    // transition. Many steps stutter, and each lookup would be a cache miss or two.
    let same = true;
    for (let w = 0; w < W && same; w++) same = buf[w] === currentChunk[currentOff + w];
    if (same) return;
    transitions++;
    if (branchHits && branch !== undefined) branchHits[branch]!++;
    // Step checks read the concrete successor, before any renaming by symmetry.
    const step = stepChecks ? brokenStep() : -1;
    if (exits && pm.fairStep!(currentChunk, currentOff, buf, 0)) exits.set(current);
    if (canonicalize) canonicalize(buf, 0);
    const h = hashWords(buf, 0, W);
    if (staged) return stage(h, step);
    const dest = n === 1 || shared ? id : ownerOf(h, n);
    const parent = currentId;
    if (dest === id) {
      const to = insertOwned(buf, parent, h);
      if (edges) edges.add(to);
      else if (edgeRuns) edgeRuns.push(to);
      else edgePairs?.push2(parent, to);
    } else if (!sent || !sent[dest]!.seen(buf, h)) outgoing[dest]!.pushState(buf, W, parent);
    // A state that breaks an invariant is reported before the step into it.
    if (step >= 0 && !found) found = { kind: "step", at: currentId, property: step };
  };

  /** emit's end where successors are staged: a state the cache of recent lookups knows is done, any other waits. */
  const stage = (h: number, step: number): void => {
    if (store.recentIndex(buf, h) < 0 && staged!.add(buf, h, currentId, transitions, current)) insertStaged();
    if (step < 0) return;
    // The step's target and the states staged before it are stored first: a state that breaks an
    // invariant is reported before the step into it, and one staged before it first of all.
    insertStaged();
    if (!found) found = { kind: "step", at: currentId, property: step };
  };

  /**
   * Stores the staged states in the order they were staged. At one that breaks an invariant it
   * stops: the states staged after it are dropped, and the transitions counted since it was
   * staged are taken back, as if the partition had stopped right there.
   */
  const insertStaged = (): void => {
    const s = staged!;
    const k = s.count;
    if (k === 0) return;
    s.prefetch(store);
    s.count = 0;
    for (let i = 0; i < k; i++) {
      s.copy(i, stagedBuf);
      // Each missed the cache of recent lookups when staged; one staged twice meets its first in the table.
      const index = store.insertUncached(stagedBuf, s.parents[i]!, s.hashes[i]!);
      if (index < 0) continue;
      onNew(stagedBuf, index);
      if (found) {
        transitions = s.transitionsAt[i]!;
        cut = s.expandedAt[i]!;
        return;
      }
    }
  };

  /** Everything the partition holds that grows with the states, one element per new state or edge. */
  const growing: readonly Held[] = [store, queue, edges, edgePairs, edgeRuns, marks].filter((h) => h !== undefined);
  /** What the partition holds that does not grow, or grows by its own measure. */
  const fixedBytes = (): number => (sent ? sent.length * SentCache.bytes(W) : 0) + (exits?.bytes() ?? 0) + inbound + outgoing.reduce((sum, o) => sum + o.bytes(), 0);
  const bytes = (): number => growing.reduce((sum, h) => sum + h.bytes(), fixedBytes());
  // The most transitions one check's window of expansions has made so far. Twice as many states
  // and edges are what the look-ahead expects before the next check: an estimate, since every
  // allocation is still asked for (reserve); it decides whether a run stops between two states,
  // as it should, or inside one.
  let windowMax = 0;
  let windowStart = 0;
  const held = (): HeldBytes => {
    windowMax = Math.max(windowMax, transitions - windowStart);
    windowStart = transitions;
    const more = Math.max(CHECK_EVERY, 2 * windowMax);
    const soon = growing.reduce((sum, h) => sum + h.peakBytes(more), fixedBytes())
      + (exits ? exits.peakBytes(store.count + more) - exits.bytes() : 0)
      + outgoing.reduce((sum, o) => sum + o.peakBytes(more * (W + 1)) - o.bytes(), 0);
    return { now: bytes(), soon };
  };

  const stop = (): string | undefined => {
    // Between two expansions no structure holds an array it dropped: collect them, so that
    // the resident memory read next is what the run holds.
    collectDropped();
    if (store.count > store.capacity - HEADROOM * CHECK_EVERY) return `the visited set${n > 1 ? ` of worker ${id}` : ""} is full: it holds at most ${store.capacity} states${queue ? "" : " (--fingerprint holds more)"}`;
    return budget.exceeded(shared ? shared.total() : store.count * n, held);
  };

  const initial = (): InitReply => {
    shared?.enter();
    try {
      for (const s of model.initialStates()) {
        pm.encode(s, buf, 0);
        if (canonicalize) canonicalize(buf, 0);
        const h = hashWords(buf, 0, W);
        // A shared set takes every initial state from the first worker.
        if (shared ? id === 0 : ownerOf(h, n) === id) insertOwned(buf, -1, h);
      }
    } finally {
      shared?.leave();
    }
    frontierEnd = store.count;
    levelStarts.push(frontierEnd);
    frontier?.publish(0, frontierEnd);
    return { count: store.count, witnessBits, ...(found ? { found } : {}) };
  };

  /** Expands the state at `off` in `chunk`, of global id `g`, unless a shard split leaves it to another shard. */
  const expandState = (g: number, chunk: Int32Array, off: number, split: ShardSplit | undefined): void => {
    currentId = g;
    currentChunk = chunk;
    currentOff = off;
    if (split && !inShard(hashWords(chunk, off, W), split)) return;
    pm.successors(chunk, off, buf, emit);
  };

  /** This partition's part of the level, in index order; a budget's reason if one ran out. */
  const expandOwn = (split: ShardSplit | undefined): string | undefined => {
    for (current = frontierStart; current < frontierEnd && !found; current++) {
      if (((current - frontierStart) & (CHECK_EVERY - 1)) === 0) {
        // The budget reads what is stored, the staged states too.
        if (staged) {
          insertStaged();
          if (found) break;
        }
        const stopped = stop();
        if (stopped) return stopped;
        setup.onTick?.();
        queue?.release(current);
      }
      edges?.beginState();
      expandState(globalId(current, id, n), chunkAt(current), offsetAt(current), split);
    }
    if (staged) insertStaged();
    // A staged state broke an invariant: the level stops after the state whose expansion staged it.
    if (cut >= 0) current = cut + 1;
    return undefined;
  };

  /**
   * Up to CHECK_EVERY states taken from the shared frontier and expanded; false once the level is
   * all taken or a violation found. A function of its own, called once per budget check: called
   * often, V8 compiles it whole, where the loop over a whole level, entered once a level, was
   * compiled on-stack inside its first long level and then again whole, in each worker, on the two
   * cores the workers need, while the first levels waited for it.
   */
  const expandSome = (split: ShardSplit | undefined): boolean => {
    for (let k = 0; k < CHECK_EVERY; k++) {
      const g = frontier!.next();
      if (g < 0) return false;
      shared!.parkIfAsked();
      edgeRuns?.push(-g - 1);
      expandState(g, store.chunkOf(g), store.offsetOf(g), split);
      if (found) return false;
    }
    return true;
  };

  /** The level's states taken from the shared frontier until it is all taken; a budget's reason if one ran out. */
  const expandShared = (split: ShardSplit | undefined): string | undefined => {
    frontier!.begin();
    shared!.enter();
    try {
      for (let more = true; more; more = expandSome(split)) {
        // The budget reads what is stored, the staged states too.
        if (staged) {
          insertStaged();
          if (found) break;
        }
        const stopped = stop();
        if (stopped) return stopped;
      }
      if (staged) insertStaged();
      return undefined;
    } finally {
      shared!.leave();
    }
  };

  const expandLevel = (split?: ShardSplit): ExpandReply => {
    outgoing = n === 1 || shared ? [] : Array.from({ length: n }, () => new GrowableInts(reserve, "the states sent to other workers"));
    transitions = 0;
    windowStart = 0;
    cut = -1;
    branchHits?.fill(0);
    const stopped = shared ? expandShared(split) : expandOwn(split);
    if (stopped) return { transitions: takeTransitions(), outgoing: [], stopped };
    return {
      transitions: takeTransitions(),
      outgoing: outgoing.map((o) => o.toArray()),
      ...(branchHits ? { branchHits: branchHits.slice() } : {}),
      ...(found ? { found } : {}),
    };
  };

  const insertStopped = (stopped: string): InsertReply => ({ levelSize: store.count - frontierEnd, count: store.count, bytes: bytes(), witnessBits, stopped });

  const insertBatches = (batches: readonly Int32Array[]): InsertReply => {
    const stride = W + 1;
    // What was sent here is held until it is inserted; the states it adds are checked as expansions are.
    outgoing = [];
    inbound = batches.reduce((sum, b) => sum + b.byteLength, 0);
    let since = 0;
    try {
      for (const batch of batches) {
        for (let at = 0; at < batch.length; at += stride) {
          if ((since++ & (CHECK_EVERY - 1)) === 0) {
            const stopped = stop();
            if (stopped) return insertStopped(stopped);
          }
          for (let w = 0; w < W; w++) buf[w] = batch[at + w]!;
          const parent = batch[at + W]!;
          const to = insertOwned(buf, parent, hashWords(buf, 0, W));
          edgePairs?.push2(parent, to);
        }
      }
    } finally {
      dropped(inbound);
      inbound = 0;
    }
    frontierStart = frontierEnd;
    frontierEnd = store.count;
    levelStarts.push(frontierEnd);
    frontier?.publish(frontierStart, frontierEnd);
    return { levelSize: frontierEnd - frontierStart, count: store.count, bytes: bytes(), witnessBits, ...(found ? { found } : {}) };
  };

  return {
    init: () => stopOnRefusal(initial, (stopped) => ({ count: store.count, witnessBits, stopped })),
    expand: (split) => stopOnRefusal(() => expandLevel(split), (stopped) => ({ transitions: takeTransitions(), outgoing: [], stopped })),
    insert: (batches) => stopOnRefusal(() => insertBatches(batches as Int32Array[]), insertStopped),

    get(local: number): StoredState {
      // The stored identity: the words, or in fingerprint mode the fingerprint.
      const at = shared ? globalId(local, id, n) : local;
      const off = store.offsetOf(at);
      return { target: store.chunkOf(at).slice(off, off + store.words), parent: store.parentOf(at) };
    },

    graph(): GraphReply {
      const goal = new Uint8Array(store.count);
      const expected = new Uint8Array(store.count);
      for (let i = 0; i < store.count; i++) {
        goal[i] = marks!.at(i) & 1;
        expected[i] = marks!.at(i) >> 1;
      }
      const own = edges ? [edges.pairs((local) => globalId(local, id, n))] : [];
      return { count: store.count, goal, expected, levelStarts: Int32Array.from(levelStarts), edges: [...own, ...(edgePairs?.parts() ?? [])], ...(edgeRuns ? { runs: edgeRuns.parts() } : {}) };
    },

    deadEnd(reserve: Reserve): number {
      const graph = { count: store.count, goal: (i: number) => (marks!.at(i) & 1) === 1, forEachEdge: edges!.forEachDown.bind(edges!) };
      return deadEndOf(graph, (i) => (marks!.at(i) & 2) === 2, reserve);
    },

    live() {
      return { count: store.count, transitions, bytes: bytes(), frontierLeft: frontierEnd - current };
    },

    dispose(): void {
      queue?.dispose();
      edges?.dispose();
      // The run's arrays are garbage now: a worker kept for the next run frees them at its next collection.
      dropped(bytes());
    },

    livenessGraph(): LivenessGraph {
      if (queue) throw new Error(`${model.name}: the liveness check needs every state's words, which fingerprint mode does not keep`);
      const { start, targets } = edges!.forward(store.count);
      return {
        count: store.count,
        initialCount: levelStarts[1] ?? 0,
        start,
        targets,
        fairExit: exits!.toArray(store.count),
        goal: (k, i) => pm.livenessGoal!(k, store.chunkOf(i), store.offsetOf(i)),
        stateOf: (i) => pm.decode(store.chunkOf(i), store.offsetOf(i)),
        target: (i) => store.chunkOf(i).slice(store.offsetOf(i), store.offsetOf(i) + W),
      };
    },

  };
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

  static bytes(w: number): number {
    return (1 << SentCache.BITS) * (4 * w + 1);
  }

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

/** One byte per state, appended in index order. */
class Marks implements Held {
  private data = new Uint8Array(1 << 12);
  private length = 0;

  constructor(private readonly reserve: Reserve) {}

  push(b: number): void {
    if (this.length === this.data.length) this.data = doubled(this.data, 0, this.reserve, "the progress marks");
    this.data[this.length++] = b;
  }

  at(i: number): number {
    return this.data[i]!;
  }

  bytes(): number {
    return this.data.length;
  }

  peakBytes(more: number): number {
    return doublingPeak(this.length, this.data.length, more, 1);
  }
}
