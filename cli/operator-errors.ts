// Errors that are the operator's to fix (a port in use, a damaged log, a foreign data
// directory, a wrong cluster file, a refused request): one line naming the problem, exit 1,
// no stack trace. Anything else is a bug and keeps its stack.
import { ClusterFileError } from "../impl/config.ts";
import { ClusterMismatchError, NoQuorumError, RefusedError } from "../impl/errors.ts";
import { ServerStartError } from "../impl/server-start-error.ts";
import { CorruptLogError, DataDirError, StorageFailedError } from "../impl/wal/errors.ts";
import { DirLockedError } from "../impl/adapters/dir-lock.ts";

const operatorErrors = [ClusterFileError, ClusterMismatchError, NoQuorumError, RefusedError, ServerStartError, CorruptLogError, DataDirError, StorageFailedError, DirLockedError];

export function isOperatorError(e: unknown): e is Error {
  if (operatorErrors.some((c) => e instanceof c)) return true;
  // File system errors while opening a data directory (EACCES, ENOTDIR, EROFS, ...).
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === "string" && typeof (e as NodeJS.ErrnoException).syscall === "string";
}

/** Run `body`; an operator's error prints `command: message` and exits 1. */
export async function reportOperatorErrors(command: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (!isOperatorError(e)) throw e;
    console.error(`${command}: ${e.message}`);
    return 1;
  }
}
