// Entering every state again into a doubled table, batch by batch in the order of their home
// slots. Entered in the order the states are stored, each entry lands on a random slot: a cache
// miss, or a page miss, per state, and that was most of a doubling's time. Sorted first (a
// counting sort on the slot's high bits), a batch writes the table from one end to the other,
// many entries in each stretch of it. Linear probing finds every entry whatever order they were
// entered in, so the order changes nothing but the speed.

/** Slots in one stretch of the table the counting sort orders by. */
const REGION_BITS = 12;

/** Entries a batch holds for a table of `slots`: enough that each stretch gets many. */
function batchSize(slots: number): number {
  return Math.min(1 << 22, Math.max(1 << 12, slots >>> 5));
}

/** Bytes a RehashBatch for a table of `slots` allocates. */
export function rehashBatchBytes(slots: number): number {
  return batchSize(slots) * 16 + ((slots >>> REGION_BITS) + 2) * 4;
}

export class RehashBatch {
  private readonly slots: Int32Array;
  private readonly entries: Int32Array;
  private readonly sortedSlots: Int32Array;
  private readonly sortedEntries: Int32Array;
  private readonly counts: Int32Array;
  private readonly mask: number;
  private length = 0;

  /** For an empty `table` (its length a power of two); `atomic` when other threads write it too. */
  constructor(private readonly table: Int32Array, private readonly atomic: boolean) {
    const size = batchSize(table.length);
    this.slots = new Int32Array(size);
    this.entries = new Int32Array(size);
    this.sortedSlots = new Int32Array(size);
    this.sortedEntries = new Int32Array(size);
    this.counts = new Int32Array((table.length >>> REGION_BITS) + 2);
    this.mask = table.length - 1;
  }

  /** Enters `entry` at its home slot `slot` or after it, now or at the next flush. */
  add(slot: number, entry: number): void {
    this.slots[this.length] = slot;
    this.entries[this.length++] = entry;
    if (this.length === this.slots.length) this.flush();
  }

  /** Enters what the batch holds. */
  flush(): void {
    const { slots, entries, sortedSlots, sortedEntries, counts, table, mask } = this;
    const n = this.length;
    counts.fill(0);
    for (let k = 0; k < n; k++) counts[(slots[k]! >>> REGION_BITS) + 1]!++;
    for (let r = 1; r < counts.length; r++) counts[r]! += counts[r - 1]!;
    for (let k = 0; k < n; k++) {
      const at = counts[slots[k]! >>> REGION_BITS]!++;
      sortedSlots[at] = slots[k]!;
      sortedEntries[at] = entries[k]!;
    }
    if (this.atomic) {
      for (let k = 0; k < n; k++) {
        let slot = sortedSlots[k]!;
        while (Atomics.compareExchange(table, slot, 0, sortedEntries[k]!) !== 0) slot = (slot + 1) & mask;
      }
    } else {
      for (let k = 0; k < n; k++) {
        let slot = sortedSlots[k]!;
        while (table[slot] !== 0) slot = (slot + 1) & mask;
        table[slot] = sortedEntries[k]!;
      }
    }
    this.length = 0;
  }
}
