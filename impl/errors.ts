// The typed errors of the register store's API.
export class NoQuorumError extends Error {
  override readonly name = "NoQuorumError";
  constructor(readonly key: string, readonly deadlineMs: number, readonly hints: readonly string[] = []) {
    super(
      `no quorum of acceptors answered for key '${key}' within ${deadlineMs} ms; nothing is known to be chosen yet (retrying is safe)` +
        (hints.length ? `. What the client saw: ${hints.join("; ")}` : ""),
    );
  }
}

export class InvalidInputError extends Error {
  override readonly name = "InvalidInputError";
}

/** Acceptors refused the request (key limit, ballot out of reach): no quorum can take it. */
export class RefusedError extends Error {
  override readonly name = "RefusedError";
  constructor(readonly key: string | null, readonly reason: string, detail: string) {
    super(`${key === null ? "the cluster" : `key '${key}'`} refused (${reason}): ${detail}`);
  }
}

/** This client's cluster file does not describe the cluster it reached. */
export class ClusterMismatchError extends Error {
  override readonly name = "ClusterMismatchError";
}
