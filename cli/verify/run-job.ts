// One job of the verify pool, in whichever thread runs it: a check, or a stage's task by name.
import { runCheckJob, type CheckSummary } from "./check-job.ts";
import { isTask, type Job, type TaskOutcome } from "./job.ts";
import { runTask } from "./tasks.ts";

export function runJob(job: Job): Promise<CheckSummary | TaskOutcome> {
  return isTask(job) ? runTask(job) : runCheckJob(job);
}
