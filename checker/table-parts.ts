// How a growth of the shared visited set's table (shared-store.ts) splits the grown table among
// the workers that enter the states again: each part is written by one worker, and a growth
// ends when its slowest part does. The slots the table grew by are fresh memory, whose first
// write faults its page in, and they all lie after the old slots; parts of equal slots gave the
// last parts most of the fresh pages, and the worker that took the last part worked the longest
// while the others waited for it. Parts hold equal cost instead, a fresh slot counted as
// FRESH_SLOT_COST slots whose page is present, and end on a page's first slot, so that each
// fresh page is faulted in by one worker.

/**
 * What a fresh slot costs a growth against one whose page is present: its share of a page fault
 * besides its share of the states entered. A page fault costs several times what entering the
 * states of the page's slots does, as profiles of growths on two workers show.
 */
export const FRESH_SLOT_COST = 4;
/** Slots (32-bit) in a page of memory (4 KiB). */
const PAGE_SLOTS = 1024;

/**
 * The bounds of `parts` parts of a table of `slots` slots whose first `before` slots were there
 * before it grew: part p is the slots bounds[p] .. bounds[p + 1] - 1. Parts may be empty when
 * the table has fewer pages than parts.
 */
export function tableParts(slots: number, before: number, parts: number): number[] {
  const total = slotsCost(before, slots);
  const bounds = [0];
  for (let p = 1; p < parts; p++) {
    const cost = (total * p) / parts;
    const at = cost <= before ? cost : before + (cost - before) / (1 + FRESH_SLOT_COST);
    bounds.push(Math.min(slots, Math.round(at / PAGE_SLOTS) * PAGE_SLOTS));
  }
  bounds.push(slots);
  return bounds;
}

/** The cost of the slots 0 .. end - 1 of a table whose first `before` slots are not fresh. */
export function slotsCost(before: number, end: number): number {
  return end + FRESH_SLOT_COST * Math.max(0, end - before);
}
