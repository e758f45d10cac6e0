// The live state of a log: per key, the last promise, the last vote and the last round.
// Applying the compacted records gives the same state as applying the whole log.
import type { WalRecord } from "../core/effects.ts";

export function compactRecords(records: readonly WalRecord[]): WalRecord[] {
  const last = new Map<string, WalRecord>();
  for (const r of records) last.set(`${r.t}\u0000${r.key}`, r);
  // Keep the survivors in their original order: a vote also sets the promise, so whichever
  // of the last promise and the last vote came later decides `promised`, as in the full log.
  const order = new Map<WalRecord, number>();
  records.forEach((r, i) => order.set(r, i));
  return [...last.values()].sort((a, b) => order.get(a)! - order.get(b)!);
}
