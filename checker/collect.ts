// Arrays the checker drops go back to the system only when V8 collects them, and V8 collects
// when the JavaScript heap fills, which the checker's loops, allocating almost nothing there,
// seldom make happen: a doubled table's old copy, or the queue's read chunks, can stay
// resident for long beside everything the run holds, outside every count. So a structure
// reports what it drops, and the partition collects between two expansions, where nothing
// holds a dropped array, once enough was dropped: a full collection of a small heap, some
// milliseconds, after each threshold's worth of arrays.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Dropped bytes that warrant a collection. */
const COLLECT_AFTER = 64 * 2 ** 20;

let pending = 0;
let collector: (() => void) | undefined;

/** Records that `bytes` of arrays were dropped (nothing is collected here: the caller may still hold them). */
export function dropped(bytes: number): void {
  pending += bytes;
}

/** Collects this thread's garbage if enough arrays were dropped since the last time. */
export function collectDropped(): void {
  if (pending < COLLECT_AFTER) return;
  pending = 0;
  collector ??= gcFunction();
  // A collection frees the dead arrays' memory on a background thread; the next one waits for
  // that to end, so that the resident memory read after this is what the run holds.
  collector();
  collector();
}

/** V8's gc(): the global one under --expose-gc, else one from a context made after allowing it. */
function gcFunction(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    setFlagsFromString("--expose-gc");
    const gc: unknown = runInNewContext("gc");
    if (typeof gc === "function") return gc as () => void;
  } catch {
    // Without a collector the resident-memory budget still stops the run in time.
  }
  return () => {};
}
