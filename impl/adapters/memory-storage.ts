// Storage in memory, for tests. It outlives the node that uses it, so a simulated crash and
// restart recovers exactly what was appended.
import type { WalRecord } from "../core/effects.ts";
import type { Storage } from "../ports/storage.ts";

export class MemoryStorage implements Storage {
  readonly records: WalRecord[] = [];
  async load(): Promise<readonly WalRecord[]> {
    return [...this.records];
  }
  async append(records: readonly WalRecord[]): Promise<void> {
    this.records.push(...records);
  }
  async close(): Promise<void> {}
}
