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
