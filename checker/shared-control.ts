// The words the workers of one run coordinate through (a SharedArrayBuffer of Int32): the lock
// and counters of the table's growth, the running total of states, the claims on the
// frontier, and each worker's part of the frontier. Words written often (the claim counter, the
// total) sit on cache lines of their own, away from the flag every worker reads at every state.
// Between a level's expansion and the marking of the next level, and again before the next
// level begins, the workers meet at a barrier (meet), and read there how the level ended (ENDING).
//
// Growing the shared table needs every worker that may touch it parked: a worker that finds
// the table full raises GROW and parks; every worker parks at its next state; the last to park
// (PARKED reaches ACTIVE, the workers inside a phase that touches the table) makes the grown
// table, and all the parked workers empty its old slots together, stretch by stretch; once all
// are done, they enter the states into it, each a part of the table alone; then, once all are
// done, the few entries that cross from one part into the next; the last of them bumps GEN,
// which sends them all back to work. A worker that leaves its phase lowers ACTIVE, so the
// others never wait for it; one that enters waits until no growth is under way.

/** Int32s per cache line. */
export const LINE = 16;
export const LOCK = 0;
export const GROW = 1;
export const PARKED = 2;
export const ACTIVE = 3;
export const GEN = 4;
/** Set when a growth was refused by the memory budget: every worker stops. */
export const FAILED = 5;
/** The table's slots now (workers compare with theirs after a growth). */
export const TABLE_SLOTS = 6;
/** Set by the main thread when the run is abandoned (a worker failed): no worker waits on. */
export const ABANDONED = 10;
/** While the parked workers empty the old slots of the grown table (EMPTYING), enter states into it (REHASHING), enter what they set aside (SETTLING). */
export const PHASE = 7;
const EMPTYING = 1;
const REHASHING = 2;
const SETTLING = 3;
/** Parts of that work taken (stretches to empty, parts to enter), and workers done with each phase of it. */
export const CLAIMED = 8;
export const REHASHED = 9;
export const SETTLED = 11;
export const EMPTY_CLAIMED = 12;
export const EMPTIED = 13;
/** States stored by all workers, as they last published them. */
export const TOTAL = 2 * LINE;
/** Worker w's part of the frontier: local indices FRONTIER + 2w .. FRONTIER + 2w + 1. */
export const FRONTIER = 3 * LINE;
/** Worker w's states stored, at STORED + w: written when it parks or leaves, read by a growth. */
export const STORED = 4 * LINE;
/** Workers arrived at the barrier between two levels (meet), and barriers passed so far. */
export const ARRIVED = 5 * LINE;
export const MET = ARRIVED + 1;
/**
 * How the levels end, at ENDING + (level & 1): a worker whose level found a violation, or whose
 * budget ran out while it expanded or inserted, sets a bit there, and every worker reads it after
 * the barrier that follows. A word per parity, since a worker past a barrier may set its next
 * level's bits before another has read this level's.
 */
export const ENDING = ARRIVED + 2;
export const FOUND_BIT = 1;
export const STOPPED_EXPANDING = 2;
export const STOPPED_INSERTING = 4;
/** The next state to take of worker w's part of the frontier, at NEXT + w * LINE (a line each). */
export const NEXT = 6 * LINE;

export function controlWords(workers: number): number {
  return NEXT + workers * LINE;
}

/** Milliseconds a parked worker sleeps before it looks again (a wake-up it missed, or the run abandoned). */
const NAP_MS = 2;

/** Sleeps while c[at] is `value`, unless the run was abandoned: then no wake-up will come. */
function nap(c: Int32Array, at: number, value: number): void {
  if (Atomics.load(c, ABANDONED) !== 0) throw new Error("the run was abandoned: another worker failed");
  Atomics.wait(c, at, value, NAP_MS);
}

/** The main thread gives up on a run whose worker failed: the others stop waiting for it. */
export function abandon(c: Int32Array): void {
  Atomics.store(c, ABANDONED, 1);
  Atomics.notify(c, GEN);
  Atomics.notify(c, LOCK);
  Atomics.notify(c, MET);
}

/**
 * Loads of the barrier's word a worker makes before it sleeps: the last worker of a level most
 * often arrives within a block's expansions, sooner than a sleeping thread is woken.
 */
const SPINS = 1 << 12;

/** Waits until all `n` workers have arrived (the barrier between two levels); each calls it once per crossing. */
export function meet(c: Int32Array, n: number): void {
  // Read before arriving: the last to arrive moves it on, and only then can any arrive again.
  const passed = Atomics.load(c, MET);
  if (Atomics.add(c, ARRIVED, 1) === n - 1) {
    Atomics.store(c, ARRIVED, 0);
    Atomics.add(c, MET, 1);
    Atomics.notify(c, MET);
    return;
  }
  for (let spin = 0; spin < SPINS; spin++) if (Atomics.load(c, MET) !== passed) return;
  while (Atomics.load(c, MET) === passed) nap(c, MET, passed);
}

export function lock(c: Int32Array): void {
  while (Atomics.compareExchange(c, LOCK, 0, 1) !== 0) nap(c, LOCK, 1);
}

export function unlock(c: Int32Array): void {
  Atomics.store(c, LOCK, 0);
  Atomics.notify(c, LOCK, 1);
}

/** This worker starts a phase that touches the table (init, expand), once no growth is under way. */
export function enter(c: Int32Array): void {
  lock(c);
  while (c[GROW] !== 0) {
    const gen = c[GEN]!;
    unlock(c);
    nap(c, GEN, gen);
    lock(c);
  }
  c[ACTIVE]!++;
  unlock(c);
}

/** This worker ends its phase, having stored `stored` states: parked workers look again whether they are now all. */
export function leave(c: Int32Array, id: number, stored: number): void {
  lock(c);
  c[STORED + id] = stored;
  c[ACTIVE]!--;
  unlock(c);
  Atomics.notify(c, GEN);
}

/** What growing the table takes: made ready by one worker, then re-entered by every parked one. */
export interface Growth {
  /** Under the lock, by the last worker to park: the grown table. */
  prepare(): void;
  /** By every parked worker, at once: empties stretches of the slots the table had before it grew until none is left (claim()). */
  empty(claim: () => number): void;
  /** By every parked worker, once all have emptied: enters states into the new table until none is left (claim()), each part alone. */
  rehash(claim: () => number): void;
  /** By every parked worker, once all have rehashed: enters what rehash set aside, where parts meet. */
  settle(): void;
}

/**
 * Parks this worker, which has stored `stored` states, until the table has grown. Raises GROW
 * first when `request`. The last worker to park prepares the new table; then every parked worker
 * empties its old slots, taking stretches from one counter; once all have, each enters states
 * into it, taking parts from another; once all have, each enters what it set aside; the last to
 * finish bumps GEN.
 */
export function park(c: Int32Array, id: number, stored: number, request: boolean, growth: Growth): void {
  lock(c);
  c[STORED + id] = stored;
  if (request) c[GROW] = 1;
  if (c[GROW] === 0) {
    // The growth this worker saw requested has happened since.
    unlock(c);
    return;
  }
  const gen = c[GEN]!;
  c[PARKED]!++;
  for (;;) {
    if (c[GEN] !== gen) return unlock(c);
    if (c[PHASE] === EMPTYING) break;
    if (c[PARKED] === c[ACTIVE]) {
      try {
        growth.prepare();
      } catch (err) {
        Atomics.store(c, FAILED, 1);
        finish(c);
        throw err;
      }
      c[PHASE] = EMPTYING;
      c[EMPTY_CLAIMED] = 0;
      c[EMPTIED] = 0;
      c[CLAIMED] = 0;
      c[REHASHED] = 0;
      c[SETTLED] = 0;
      break;
    }
    unlock(c);
    nap(c, GEN, gen);
    lock(c);
  }
  unlock(c);
  Atomics.notify(c, GEN);
  growth.empty(() => Atomics.add(c, EMPTY_CLAIMED, 1));
  // The whole table is empty before any state is entered: stretches and parts do not line up.
  allDone(c, EMPTIED, EMPTYING, REHASHING);
  growth.rehash(() => Atomics.add(c, CLAIMED, 1));
  // Every part is entered before any entry that crosses into another part.
  allDone(c, REHASHED, REHASHING, SETTLING);
  growth.settle();
  lock(c);
  if (++c[SETTLED]! === c[PARKED]) return finish(c);
  unlock(c);
  while (Atomics.load(c, GEN) === gen) nap(c, GEN, gen);
}

/** Waits until every parked worker is done with `phase` (counted at `done`); the last to be done starts `next`. */
function allDone(c: Int32Array, done: number, phase: number, next: number): void {
  lock(c);
  if (++c[done]! === c[PARKED]) {
    c[PHASE] = next;
    unlock(c);
    Atomics.notify(c, PHASE);
    return;
  }
  unlock(c);
  while (Atomics.load(c, PHASE) === phase) nap(c, PHASE, phase);
}

/** Under the lock: the growth is over; wake the parked workers. */
function finish(c: Int32Array): void {
  c[PARKED] = 0;
  c[PHASE] = 0;
  Atomics.store(c, GROW, 0);
  Atomics.add(c, GEN, 1);
  unlock(c);
  Atomics.notify(c, GEN);
}
