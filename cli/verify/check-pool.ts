// Runs independent exhaustive checks on a pool of worker threads, one check per worker at a
// time, so that `synod verify` uses both cores of a CI machine. Jobs start in the order given
// (put the longest first); each job's result is its own promise, so stages can await theirs.
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { runCheckJob, type CheckJob, type CheckSummary } from "./check-job.ts";

type Reply = { ok: true; summary: CheckSummary } | { ok: false; id: string; error: string };

export function runCheckPool(jobs: readonly CheckJob[], workers = Math.min(2, availableParallelism())): Map<string, Promise<CheckSummary>> {
  const settle = new Map<string, { resolve: (s: CheckSummary) => void; reject: (e: Error) => void }>();
  const results = new Map(jobs.map((job) => [job.id, new Promise<CheckSummary>((resolve, reject) => settle.set(job.id, { resolve, reject }))] as const));
  // A job may fail before its stage awaits it: that is reported by the stage, not as an unhandled rejection.
  for (const p of results.values()) p.catch(() => {});
  if (workers <= 1) {
    // Inline, one after the other, still asynchronously so every promise exists first.
    void (async () => {
      for (const job of jobs) {
        await Promise.resolve();
        try {
          settle.get(job.id)!.resolve(await runCheckJob(job));
        } catch (err) {
          settle.get(job.id)!.reject(err as Error);
        }
      }
    })();
    return results;
  }
  const queue = [...jobs];
  const startWorker = () => {
    const worker = new Worker(new URL("./check-worker-entry.mjs", import.meta.url));
    let current: CheckJob | undefined;
    const next = () => {
      current = queue.shift();
      if (current) worker.postMessage(current);
      else void worker.terminate();
    };
    worker.on("message", (reply: Reply) => {
      if (reply.ok) settle.get(reply.summary.id)!.resolve(reply.summary);
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
