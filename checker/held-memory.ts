// What the memory budget reads from a structure that grows: the bytes it holds now, and the
// most it may hold while more elements are added. A typed array that doubles holds the old
// array and the new one at once while it copies, so its peak is above what it holds before or
// after the grow: a budget that reads only the latter lets the process overshoot by the old
// array at every doubling, and the largest arrays double last.
//
// A structure that is about to allocate asks a Reserve first; the partition's Reserve throws
// MemoryRefused when the allocation would not fit, and the partition stops "incomplete" before
// the allocation instead of after it.
import { dropped } from "./collect.ts";

export interface Held {
  /** Bytes allocated now. */
  bytes(): number;
  /** The most bytes held at any moment while `more` elements are added (a grow's old and new arrays). */
  peakBytes(more: number): number;
}

/** Asked before a structure allocates `bytes` more while it still holds what it has; throws MemoryRefused to refuse. */
export type Reserve = (bytes: number, what: string) => void;

/** Allows every allocation: a structure used outside a budgeted run. */
export const unbudgeted: Reserve = () => {};

/** A Reserve's refusal: why the run stops. */
export class MemoryRefused extends Error {
  override readonly name = "MemoryRefused";
}

/** Runs `f`; when the budget refuses an allocation inside it, answers `stopped(why)` instead. */
export function stopOnRefusal<R>(f: () => R, stopped: (why: string) => R): R {
  try {
    return f();
  } catch (err) {
    if (err instanceof MemoryRefused) return stopped(err.message);
    throw err;
  }
}

/** peakBytes of one array that doubles when full: `length` of its `capacity` elements in use, `more` to come. */
export function doublingPeak(length: number, capacity: number, more: number, elementBytes: number): number {
  let grown = capacity;
  while (length + more > grown) grown *= 2;
  // The last doubling copies from an array half the final size while both are alive.
  return (grown === capacity ? grown : grown + grown / 2) * elementBytes;
}

/** A doubled copy of `a` (at least `atLeast` long), after asking `reserve` for the new array. */
export function doubled<T extends Int32Array | Uint8Array>(a: T, atLeast: number, reserve: Reserve, what: string): T {
  let size = a.length * 2;
  while (size < atLeast) size *= 2;
  reserve(size * a.BYTES_PER_ELEMENT, what);
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  dropped(a.byteLength);
  return b;
}
