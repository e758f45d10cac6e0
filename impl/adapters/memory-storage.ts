// Storage in memory, for simulation and for a client's store. It outlives the node that uses it,
// so a simulated crash and restart recovers what was appended. It gives that back as the file
// storage does after a compaction, as its live state's records, so every simulated restart also
// replays a snapshot; and it takes only records the file storage could hold.
import type { WalRecord } from "../core/effects.ts";
import { LiveState } from "../core/live-state.ts";
import type { Storage } from "../ports/storage.ts";
import { describeIssues } from "../codec.ts";
import { WalRecordSchema } from "../wal/records.ts";

export class MemoryStorage implements Storage {
  readonly records: WalRecord[] = [];
  async load(): Promise<readonly WalRecord[]> {
    return holdable([...LiveState.of(this.records).records()]);
  }
  async append(records: readonly WalRecord[]): Promise<void> {
    this.records.push(...holdable(records));
  }
  async close(): Promise<void> {}
}

/** The records, each one the file storage could hold (its schema), else an error naming the bad field. */
function holdable(records: readonly WalRecord[]): readonly WalRecord[] {
  for (const r of records) {
    const parsed = WalRecordSchema.safeParse(r);
    if (!parsed.success) throw new Error(`a record the log cannot hold: ${describeIssues(parsed.error)}`);
  }
  return records;
}
