// Entering every state again into a grown table, batch by batch in the order of their home
// slots. Entered in the order the states are stored, each entry lands on a random slot: a cache
// miss, or a page miss, per state, and that was most of a growth's time. Sorted first (a
// counting sort on the slot's high bits), a batch writes the table from one end to the other,
// many entries in each stretch of it. Linear probing finds every entry whatever order they were
// entered in, so the order changes nothing but the speed.
//
// Workers sharing one table enter it together, each a part of its slots (shared-store.ts). A part
// is written with plain loads and stores, which the processor overlaps, not with an atomic per
// entry, which waits for each cache miss in turn: that made a growth several times slower. No
// probe passes the end of the part, which another worker writes; an entry whose probe reaches it
// is set aside and entered with atomics once every worker is done with its part (enterSetAside).

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
  /** Where probes stop in a shared table: the end of the part being entered. */
  private end: number;
  /** In a shared table, per entry set aside: the slot its probe reached, and the entry. */
  private readonly setAside: number[] = [];

  /** For an empty `table` (its length a power of two); `shared` when other threads write parts of it too. */
  constructor(private readonly table: Int32Array, private readonly shared: boolean) {
    const size = batchSize(table.length);
    this.slots = new Int32Array(size);
    this.entries = new Int32Array(size);
    this.sortedSlots = new Int32Array(size);
    this.sortedEntries = new Int32Array(size);
    this.counts = new Int32Array((table.length >>> REGION_BITS) + 2);
    this.mask = table.length - 1;
    this.end = table.length;
  }

  /** In a shared table: the entries added from now on have home slots below `end`, and no probe passes it. */
  part(end: number): void {
    this.end = end;
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
    if (this.shared) {
      const end = this.end;
      for (let k = 0; k < n; k++) {
        let slot = sortedSlots[k]!;
        while (slot < end && table[slot] !== 0) slot++;
        if (slot < end) table[slot] = sortedEntries[k]!;
        else this.setAside.push(slot & mask, sortedEntries[k]!);
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

  /**
   * In a shared table, once every worker has entered its parts: the entries whose probes
   * reached a part's end, entered with atomics, since the workers' set-aside entries may meet.
   */
  enterSetAside(): void {
    const { table, mask, setAside } = this;
    for (let k = 0; k < setAside.length; k += 2) {
      let slot = setAside[k]!;
      while (Atomics.compareExchange(table, slot, 0, setAside[k + 1]!) !== 0) slot = (slot + 1) & mask;
    }
    setAside.length = 0;
  }
}
