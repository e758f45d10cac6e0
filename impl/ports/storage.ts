// Where an acceptor's promises and votes and a proposer's rounds live across restarts.
import type { WalRecord } from "../core/effects.ts";

export interface Storage {
  /** Records that, applied in order, give the state of every record that survived: as appended, or compacted (impl/core/live-state.ts). */
  load(): Promise<readonly WalRecord[]>;
  /** Resolves only once the records are durable (for a file: written and fsynced). */
  append(records: readonly WalRecord[]): Promise<void>;
  close(): Promise<void>;
}
