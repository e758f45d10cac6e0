// Storage that breaks a durability promise on purpose, for the implementation's bug catalogue.
// The production node always waits for storage.append before it sends; these wrappers make that
// wait a lie in the two ways real systems get wrong, so that no bug switch lives in impl/.
import type { WalRecord } from "../impl/core/effects.ts";
import type { Storage } from "../impl/ports/storage.ts";

/** What a crash does to a storage wrapper: writes it only pretended to have made are gone. */
export interface CrashableStorage extends Storage {
  crash(): void;
}

/**
 * "Reply before sync": append resolves at once and the records are written only when the next
 * append comes, so the node replies before its promise or vote is durable, and a crash in
 * between loses it.
 */
export class ReplyBeforeSyncStorage implements CrashableStorage {
  private pending: readonly WalRecord[] = [];

  constructor(private readonly inner: Storage) {}

  load(): Promise<readonly WalRecord[]> {
    return this.inner.load();
  }

  async append(records: readonly WalRecord[]): Promise<void> {
    const earlier = this.pending;
    this.pending = records;
    if (earlier.length > 0) await this.inner.append(earlier);
  }

  crash(): void {
    this.pending = [];
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/**
 * "Ballot reused after restart": the proposer's round records are written but never read back,
 * so after a restart a proposer starts again from round 1 and reuses its ballots.
 */
export class ForgetRoundsStorage implements Storage {
  constructor(private readonly inner: Storage) {}

  async load(): Promise<readonly WalRecord[]> {
    return (await this.inner.load()).filter((r) => r.t !== "round");
  }

  append(records: readonly WalRecord[]): Promise<void> {
    return this.inner.append(records);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

export function isCrashable(s: Storage): s is CrashableStorage {
  return typeof (s as Partial<CrashableStorage>).crash === "function";
}
