// Runs verify's jobs on a pool of worker threads, one job per worker at a time, so that
// `synod verify` uses both cores of a CI machine. Jobs start in the order given (put the
// longest first); each job's result is its own promise, so stages can await theirs.
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import type { CheckSummary } from "./check-job.ts";
import type { Job, TaskOutcome } from "./job.ts";
import { runJob } from "./run-job.ts";

type Result = CheckSummary | TaskOutcome;
type Reply = { ok: true; id: string; result: Result } | { ok: false; id: string; error: string };

export function runJobPool(jobs: readonly Job[], workers = Math.min(2, availableParallelism())): Map<string, Promise<Result>> {
  const settle = new Map<string, { resolve: (r: Result) => void; reject: (e: Error) => void }>();
  const results = new Map(jobs.map((job) => [job.id, new Promise<Result>((resolve, reject) => settle.set(job.id, { resolve, reject }))] as const));
  // A job may fail before its stage awaits it: that is reported by the stage, not as an unhandled rejection.
  for (const p of results.values()) p.catch(() => {});
  if (workers <= 1) {
    // Inline, one after the other, still asynchronously so every promise exists first.
    void (async () => {
      for (const job of jobs) {
        await Promise.resolve();
        try {
          settle.get(job.id)!.resolve(await runJob(job));
        } catch (err) {
          settle.get(job.id)!.reject(err as Error);
        }
      }
    })();
    return results;
  }
  const queue = [...jobs];
  const startWorker = () => {
    const worker = new Worker(new URL("./job-worker-entry.mjs", import.meta.url));
    let current: Job | undefined;
    const next = () => {
      current = queue.shift();
      if (current) worker.postMessage(current);
      else void worker.terminate();
    };
    worker.on("message", (reply: Reply) => {
      if (reply.ok) settle.get(reply.id)!.resolve(reply.result);
      else settle.get(reply.id)!.reject(new Error(reply.error));
      next();
    });
    worker.on("error", (err) => {
      // The job that crashed the worker fails; the rest go on in a fresh worker.
      if (current) settle.get(current.id)!.reject(err);
      current = undefined;
      if (queue.length > 0) startWorker();
    });
    next();
  };
  for (let i = 0; i < Math.min(workers, jobs.length); i++) startWorker();
  return results;
}
