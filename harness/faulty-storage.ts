// Storage that breaks a durability promise on purpose, for the implementation's bug catalogue.
// The production node always waits for storage.append before it sends; these wrappers make that
// wait a lie, or forget on restart what was written, in the ways real systems get wrong, so that
// no bug switch lives in impl/. Each is known by its fault's name in protocol/catalogue.ts.
import type { StorageFault } from "../protocol/catalogue.ts";
import type { WalRecord } from "../impl/core/effects.ts";
import type { Storage } from "../impl/ports/storage.ts";

/** What a crash does to a storage wrapper: writes it only pretended to have made are gone. */
export interface CrashableStorage extends Storage {
  crash(): void;
}

/**
 * Writes that the node is told are durable before they are: append resolves at once for the
 * records `defers` picks, which are written only when the next append comes, so the node
 * replies before they are durable and a crash in between loses them. "Reply before sync"
 * defers every write (promises and votes); "vote after reply" only those that hold a vote
 * (the promise is synced before its reply, the vote after the Accepted has left).
 */
export class DeferredSyncStorage implements CrashableStorage {
  private pending: readonly WalRecord[] = [];

  constructor(
    private readonly inner: Storage,
    private readonly defers: (records: readonly WalRecord[]) => boolean,
  ) {}

  load(): Promise<readonly WalRecord[]> {
    return this.inner.load();
  }

  async append(records: readonly WalRecord[]): Promise<void> {
    const earlier = this.pending;
    this.pending = [];
    if (earlier.length > 0) await this.inner.append(earlier);
    if (this.defers(records)) this.pending = records;
    else await this.inner.append(records);
  }

  crash(): void {
    this.pending = [];
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/**
 * Records written but never read back (a log on a disk that a restart wipes): after a restart
 * the node has forgotten them. Forgetting the round records is "ballot reused after restart" (a
 * proposer starts again from round 1); forgetting the promise and vote records is "acceptor
 * state lost" (an acceptor has promised nothing and voted for nothing).
 */
export class ForgetOnRestartStorage implements Storage {
  constructor(
    private readonly inner: Storage,
    private readonly forgets: (r: WalRecord) => boolean,
  ) {}

  async load(): Promise<readonly WalRecord[]> {
    return (await this.inner.load()).filter((r) => !this.forgets(r));
  }

  append(records: readonly WalRecord[]): Promise<void> {
    return this.inner.append(records);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Each storage fault of the catalogue, by name: `inner` behind it. */
export const faultyStorage: Record<StorageFault, (inner: Storage) => Storage> = {
  "reply-before-sync": (inner) => new DeferredSyncStorage(inner, () => true),
  "vote-after-reply": (inner) => new DeferredSyncStorage(inner, (records) => records.some((r) => r.t === "vote")),
  "forget-rounds": (inner) => new ForgetOnRestartStorage(inner, (r) => r.t === "round"),
  "forget-acceptor-state": (inner) => new ForgetOnRestartStorage(inner, (r) => r.t !== "round"),
};

export function isCrashable(s: Storage): s is CrashableStorage {
  return typeof (s as Partial<CrashableStorage>).crash === "function";
}
