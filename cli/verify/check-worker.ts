// A worker thread of the verify pool: runs each CheckJob it is sent and posts the summary back.
import { parentPort } from "node:worker_threads";
import { runCheckJob, type CheckJob } from "./check-job.ts";

parentPort!.on("message", async (job: CheckJob) => {
  try {
    parentPort!.postMessage({ ok: true, summary: await runCheckJob(job) });
  } catch (err) {
    parentPort!.postMessage({ ok: false, id: job.id, error: (err as Error).message });
  }
});
