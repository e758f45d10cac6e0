// A worker thread of the verify pool: runs each job it is sent and posts the result back.
import { parentPort } from "node:worker_threads";
import type { Job } from "./job.ts";
import { runJob } from "./run-job.ts";

parentPort!.on("message", async (job: Job) => {
  try {
    parentPort!.postMessage({ ok: true, id: job.id, result: await runJob(job) });
  } catch (err) {
    parentPort!.postMessage({ ok: false, id: job.id, error: (err as Error).message });
  }
});
