// How many worker threads a run may start: no more than the machine has cores, and no more
// than its memory holds at a floor per worker (a V8 isolate, the model, its share of the
// visited set). Asked for 1000, a run would start 1000 isolates and die out of memory.
import { availableParallelism, totalmem } from "node:os";
import { UsageError } from "./args.ts";

/** Memory a worker needs at least. */
export const BYTES_PER_WORKER = 512 * 1024 * 1024;

export function maxWorkers(cores = availableParallelism(), memory = totalmem()): number {
  return Math.max(1, Math.min(cores, Math.floor(memory / BYTES_PER_WORKER)));
}

/** The worker count asked for, or a UsageError naming the bound and why. */
export function boundedWorkers(asked: number, cores = availableParallelism(), memory = totalmem()): number {
  const max = maxWorkers(cores, memory);
  if (asked > max) {
    const gib = (memory / 1024 ** 3).toFixed(1);
    throw new UsageError(`--workers ${asked}: at most ${max} on this machine (${cores} cores; ${gib} GiB of memory at ${BYTES_PER_WORKER / 1024 ** 2} MiB per worker)`);
  }
  return asked;
}

/**
 * The worker count argv asks for, read before the command parses its flags (`--workers N` or
 * `--workers=N`), within maxWorkers; 1 when absent or not a whole number. The command's own
 * parse still validates the flag: this only lets the threads start early.
 */
export function workersAsked(argv: readonly string[], cores = availableParallelism(), memory = totalmem()): number {
  const at = argv.findIndex((a) => a === "--workers" || a.startsWith("--workers="));
  if (at < 0) return 1;
  const value = argv[at]!.includes("=") ? argv[at]!.slice("--workers=".length) : argv[at + 1];
  const n = Number(value);
  return Number.isInteger(n) && n > 1 ? Math.min(n, maxWorkers(cores, memory)) : 1;
}
