// The typed errors of the register store's API.
export class NoQuorumError extends Error {
  constructor(readonly key: string, readonly deadlineMs: number) {
    super(`no quorum of acceptors answered for key '${key}' within ${deadlineMs} ms; nothing is known to be chosen yet (retrying is safe)`);
    this.name = "NoQuorumError";
  }
}

export class InvalidInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidInputError";
  }
}
