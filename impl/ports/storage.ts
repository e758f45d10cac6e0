// Where an acceptor's promises and votes and a proposer's rounds live across restarts.
import type { WalRecord } from "../core/effects.ts";

export interface Storage {
  /** Every record that survived, in the order it was appended (recovery applies them). */
  load(): Promise<readonly WalRecord[]>;
  /** Resolves only once the records are durable (for a file: written and fsynced). */
  append(records: readonly WalRecord[]): Promise<void>;
  close(): Promise<void>;
}
