// What an operator sees when a node cannot start: one line that says what and why, never a
// stack trace (the CLI prints the message and exits 1).
export class ServerStartError extends Error {
  override readonly name = "ServerStartError";
  /** An operation never settled and may still hold the process (the CLI exits regardless). */
  constructor(message: string, readonly stuck = false) {
    super(message);
  }
}

/** A listen error in an operator's words. */
export function describeListenError(address: string, e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case "EADDRINUSE":
      return `cannot listen on ${address}: the address is in use (another synod serve, or another program, holds the port)`;
    case "EADDRNOTAVAIL":
      return `cannot listen on ${address}: no network interface of this machine has that address`;
    case "EACCES":
      return `cannot listen on ${address}: permission denied (ports below 1024 need privileges)`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `cannot listen on ${address}: the host name does not resolve`;
    default:
      return `cannot listen on ${address}: ${e.code ?? e.message}`;
  }
}

/** `p`, or a ServerStartError after `ms` (a data directory on a hung mount never answers). */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ServerStartError(`${what} did not finish within ${ms} ms (a hung or unreachable file system?)`, true)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
