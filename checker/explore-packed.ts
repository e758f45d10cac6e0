// Breadth-first exploration of a PackedModel: the same verdicts as explore() (checker/
// explore.ts), with states as words in a StateStore and no object per state in the hot loop.
// Objects appear only at the end, to explain a violation in the object model's words.
// Exploration stops at the first violation exactly where explore() stops, so that counts
// agree on violations too; a progress check keeps the graph's edges, as explore() does.
import type { Model } from "./model.ts";
import type { PackedModel } from "./packed-model.ts";
import type { Counterexample, ExploreOptions, ExploreResult, ExploreStats } from "./result.ts";
import { EdgeList } from "./edge-list.ts";
import { findProgressDeadEnd } from "./progress.ts";
import { ShardPlan } from "./shard.ts";
import { MAX_STORED_STATES, StateStore } from "./state-store.ts";

/** ExploreOptions; `symmetry` needs the packed model's canonicalize. */
export type PackedExploreOptions = ExploreOptions;

/** Expansions between two looks at the clock and the memory budget. */
const CHECK_EVERY = 1024;
/** New states one expansion may add, at most, for the memory budget's look-ahead. */
const HEADROOM = 4096;

export function explorePacked<S, A>(pm: PackedModel<S, A>, options: PackedExploreOptions = {}): ExploreResult<S, A> {
  const model = pm.model;
  if (model.progress && !(pm.progressGoal && pm.progressExpected)) throw new Error(`${model.name}: this packed model does not check progress; use explore()`);
  if (options.symmetry && !pm.canonicalize) throw new Error(`${model.name}: no symmetry is defined for this model`);
  const canonicalize = options.symmetry ? pm.canonicalize!.bind(pm) : undefined;
  const W = pm.words;
  const store = new StateStore(W);
  const buf = new Int32Array(W);
  const allWitnesses = (1 << model.witnesses.length) - 1;
  const stepChecks = model.stepChecks.length > 0;
  const edges = model.progress ? new EdgeList() : undefined;
  const start = performance.now();
  let witnessBits = 0;
  let transitions = 0;
  let maxDepth = 0;
  let level = 1;
  let head = 0;
  let found: Found<S> | undefined;
  let current = 0;

  const onNew = (index: number): void => {
    const chunk = store.chunkOf(index);
    const off = store.offsetOf(index);
    if (level + 1 > maxDepth) maxDepth = level + 1;
    const broken = pm.firstBrokenInvariant(chunk, off);
    if (broken >= 0 && !found) found = { index, invariant: broken };
    if (witnessBits !== allWitnesses) witnessBits |= pm.witnessBits(chunk, off);
  };

  let currentChunk: Int32Array = buf;
  let currentOff = 0;
  const emit = (): void => {
    // explore() stops at the first violation: the rest of this state's actions do not count.
    if (found) return;
    transitions++;
    // Step checks read the concrete successor, before any renaming by symmetry.
    const brokenStep = stepChecks ? checkStep() : undefined;
    // A stuttering step (a message sent again) leads back to the state being expanded: no
    // need to look it up. Many steps stutter, and each lookup is a cache miss or two.
    let same = true;
    for (let w = 0; w < W && same; w++) same = buf[w] === currentChunk[currentOff + w];
    if (!same) {
      if (canonicalize) canonicalize(buf, 0);
      const index = store.insert(buf, current);
      if (index >= 0) onNew(index);
      edges?.add(index >= 0 ? index : store.known);
    }
    // As in explore(): a state that breaks an invariant is reported before the step into it.
    if (brokenStep && !found) found = brokenStep;
  };

  // Step checks on objects, unless the packed model has its own.
  const checkStep = (): Found<S> | undefined => {
    let broken = -1;
    if (pm.firstBrokenStep) {
      broken = pm.firstBrokenStep(currentChunk, currentOff, buf, 0);
      if (broken < 0) return undefined;
    }
    const before = pm.decode(currentChunk, currentOff);
    const after = pm.decode(buf, 0);
    for (const step of broken >= 0 ? [model.stepChecks[broken]!] : model.stepChecks) {
      const message = step.check(before, after);
      if (message !== null) return { index: current, invariant: -1, step: { id: step.id, message, after } };
    }
    return undefined;
  };

  for (const s of model.initialStates()) {
    pm.encode(s, buf, 0);
    if (canonicalize) canonicalize(buf, 0);
    const index = store.insert(buf, -1);
    if (index >= 0) onNew(index);
  }
  maxDepth = store.count > 0 ? 1 : 0;
  let levelEnd = store.count;
  const shard = options.shard ? new ShardPlan(options.shard) : undefined;
  let incompleteReason: string | undefined;
  const stats = (): ExploreStats => {
    const seconds = (performance.now() - start) / 1000;
    return { distinctStates: store.count, transitions, depth: maxDepth, seconds, statesPerSecond: seconds > 0 ? store.count / seconds : 0, queued: store.count - head, bytes: store.bytes() };
  };
  let lastReport = start;

  while (!found && head < store.count) {
    if (head === levelEnd) {
      shard?.levelStarts(head, store.count);
      level++;
      levelEnd = store.count;
    }
    if ((head & (CHECK_EVERY - 1)) === 0) {
      incompleteReason = budgetExceeded(options, store, start);
      if (incompleteReason) break;
      if (options.onProgress && performance.now() - lastReport >= (options.progressEveryMs ?? 500)) {
        lastReport = performance.now();
        options.onProgress(stats());
      }
    }
    current = head++;
    edges?.beginState();
    if (shard && !shard.owns(current)) continue;
    currentChunk = store.chunkOf(current);
    currentOff = store.offsetOf(current);
    pm.successors(currentChunk, currentOff, buf, emit);
  }

  const witnesses = model.witnesses.map((w, i) => ({ id: w.id, reached: (witnessBits & (1 << i)) !== 0 }));
  if (found) return { verdict: "violation", stats: stats(), violation: explainPacked(pm, store, found, canonicalize), witnesses };
  if (incompleteReason) return { verdict: "incomplete", stats: stats(), incompleteReason, witnesses };
  const unreached = witnesses.find((w) => !w.reached);
  if (unreached && !shard && store.count > 0) {
    const initial = pm.decode(store.chunkOf(0), 0);
    const message = `no explored state reaches witness '${unreached.id}' (${store.count} states explored)`;
    return { verdict: "violation", stats: stats(), violation: { kind: "witness-unreached", property: unreached.id, message, initial, steps: [] }, witnesses };
  }
  if (model.progress && edges && !shard) {
    const at = (i: number) => [store.chunkOf(i), store.offsetOf(i)] as const;
    const deadEnd = findProgressDeadEnd(store.count, edges, (i) => pm.progressGoal!(...at(i)), (i) => pm.progressExpected!(...at(i)));
    if (deadEnd !== undefined) {
      const progress = { id: model.progress.id, message: `from this state no explored path reaches '${model.progress.id}'` };
      return { verdict: "violation", stats: stats(), violation: explainPacked(pm, store, { index: deadEnd, invariant: -1, progress }, canonicalize), witnesses };
    }
  }
  return { verdict: "verified", stats: stats(), witnesses };
}

type Found<S> = { index: number; invariant: number; step?: { id: string; message: string; after: S }; progress?: { id: string; message: string } };

function budgetExceeded(options: ExploreOptions, store: StateStore, start: number): string | undefined {
  const { maxStates, maxSeconds, maxMemoryBytes } = options;
  if (maxStates !== undefined && store.count > maxStates) return `state budget reached: more than ${maxStates} distinct states`;
  if (store.count > MAX_STORED_STATES - 256 * CHECK_EVERY) return `the visited set is full: it holds at most ${MAX_STORED_STATES} states`;
  if (maxSeconds !== undefined && (performance.now() - start) / 1000 > maxSeconds) return `time budget reached: more than ${maxSeconds} s`;
  if (maxMemoryBytes !== undefined && store.bytesAfter(HEADROOM * CHECK_EVERY) > maxMemoryBytes) {
    return `memory budget reached: ${store.bytes()} bytes held, the next ${CHECK_EVERY} expansions could pass the limit of ${maxMemoryBytes}`;
  }
  return undefined;
}

/** Rebuilds the run to a violation as objects, following parent links to an initial state. */
function explainPacked<S, A>(
  pm: PackedModel<S, A>,
  store: StateStore,
  found: Found<S>,
  canonicalize: ((w: Int32Array, o: number) => void) | undefined,
): Counterexample<S, A> {
  const path: number[] = [];
  for (let i = found.index; i >= 0; i = store.parentOf(i)) path.push(i);
  path.reverse();
  const targets = path.map((i) => store.chunkOf(i).slice(store.offsetOf(i), store.offsetOf(i) + pm.words));
  const { initial, steps } = concretize(pm, targets, canonicalize);
  const model = pm.model;
  if (found.progress) return { kind: "progress", property: found.progress.id, message: found.progress.message, initial, steps };
  if (found.step) {
    // Under symmetry the concrete run ends in an image of the stored state: take the step
    // that breaks the same check from there (it exists, the checks being symmetric).
    const last = steps.at(-1)?.state ?? initial;
    const check = model.stepChecks.find((c) => c.id === found.step!.id)!;
    const action = findAction(model, last, (s) => check.check(last, s) !== null);
    if (action === undefined) throw new Error(`counterexample reconstruction failed: no step from the last state breaks '${check.id}'`);
    const after = model.next(last, action);
    steps.push({ action, state: after });
    return { kind: "step", property: check.id, message: check.check(last, after)!, initial, steps };
  }
  const inv = model.invariants[found.invariant]!;
  const state = steps.at(-1)?.state ?? initial;
  const message = inv.check(state) ?? `the packed check of '${inv.id}' failed but the object check holds (encoding bug)`;
  return { kind: "invariant", property: inv.id, message, initial, steps };
}

/**
 * Turns a path of stored (possibly canonical) states into a concrete run: from an initial
 * state, each step takes the first enabled action whose result encodes to the next target.
 */
function concretize<S, A>(pm: PackedModel<S, A>, targets: Int32Array[], canonicalize: ((w: Int32Array, o: number) => void) | undefined) {
  const buf = new Int32Array(pm.words);
  const matches = (s: S, target: Int32Array) => {
    pm.encode(s, buf, 0);
    if (canonicalize) canonicalize(buf, 0);
    return buf.every((w, i) => w === target[i]);
  };
  const model = pm.model;
  const initial = model.initialStates().find((s) => matches(s, targets[0]!)) as S;
  const steps: { action: A; state: S }[] = [];
  let state = initial;
  for (const target of targets.slice(1)) {
    const action = findAction(model, state, (s) => matches(s, target));
    if (action === undefined) throw new Error("counterexample reconstruction failed: no action leads to the next stored state");
    state = model.next(state, action);
    steps.push({ action, state });
  }
  return { initial, steps };
}

function findAction<S, A>(model: Model<S, A>, state: S, ok: (next: S) => boolean): A | undefined {
  return model.actions(state).find((a) => ok(model.next(state, a)));
}
