// What the write-ahead log reports to an operator: a log it must not trust (the node refuses
// to start), a data directory it must not use, and a write or sync that failed (the node stops).

/** The log is damaged in a way recovery cannot prove harmless: the node refuses to start. */
export class CorruptLogError extends Error {
  override readonly name = "CorruptLogError";
  constructor(readonly file: string, readonly offset: number, readonly reason: string) {
    super(
      `write-ahead log ${file} is damaged at byte ${offset}: ${reason}. Refusing to start: the damaged bytes may hold acknowledged promises or votes. ` +
        "Restore the data directory from a copy, or replace this node by a new one with a fresh directory only if the rest of the cluster still holds a quorum.",
    );
  }
}

/** The data directory is missing, foreign, or belongs to another node or cluster. */
export class DataDirError extends Error {
  override readonly name = "DataDirError";
}

/** A write or fsync failed: every pending and later append fails with this (fail-stop). */
export class StorageFailedError extends Error {
  override readonly name = "StorageFailedError";
  constructor(readonly what: string, readonly error: unknown) {
    super(`${what} failed: ${(error as Error)?.message ?? String(error)}; the node stops (no reply is sent for a write that is not durable)`);
  }
}
