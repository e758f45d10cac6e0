// What verify's worker pool runs: exhaustive checks (CheckJob) and tasks, the independent
// units of the implementation's stages (one model-based run, one conformance run), so that
// every stage's work is spread over both cores rather than queued on the main thread.
import type { CheckJob, CheckSummary } from "./check-job.ts";
import type { CheckResult } from "./stage.ts";

/** A unit of a stage, run by name (tasks.ts): plain data in, plain data out. */
export type TaskJob = {
  readonly id: string;
  readonly task: string;
  readonly arg: string;
  /** Rough CPU seconds on a CI machine, only to start the longest first. */
  readonly cost: number;
};

export type Job = CheckJob | TaskJob;

/** A task's result: its check, and the lines it logs under its stage. */
export type TaskOutcome = { readonly check: CheckResult; readonly lines: readonly string[] };

export const isTask = (job: Job): job is TaskJob => "task" in job;

/** The running jobs of every selected stage, by job id. */
export type JobResults = ReadonlyMap<string, Promise<CheckSummary | TaskOutcome>>;

function started(jobs: JobResults, id: string): Promise<CheckSummary | TaskOutcome> {
  const found = jobs.get(id);
  if (!found) throw new Error(`verify: job ${id} was not started`);
  return found;
}

export const checkOf = (jobs: JobResults, id: string) => started(jobs, id) as Promise<CheckSummary>;
export const taskOf = (jobs: JobResults, id: string) => started(jobs, id) as Promise<TaskOutcome>;

/** Longest first, so that two workers finish together; ties keep the given order. */
export function scheduleJobs<J extends Job>(jobs: readonly J[]): J[] {
  return [...jobs].sort((a, b) => (b.cost ?? 1) - (a.cost ?? 1));
}
