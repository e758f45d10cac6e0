// The lockstep property under fast-check: for every generated schedule (schedule.ts), the
// implementation agrees with the model at every step and no invariant or step property
// breaks on either side. The search itself (shrinking, seed and path) is checker/schedule-search.ts.
import { runSchedule, type ScheduleOptions, type ScheduleRun } from "./schedule.ts";
import { minimizeSchedule } from "./minimize.ts";
import { searchSchedules, type ScheduleBudget, type ScheduleSearch } from "../checker/schedule-search.ts";

export { scheduleArbitrary } from "../checker/schedule-search.ts";
export type PropertyBudget = ScheduleBudget;
export type LockstepResult = ScheduleSearch<ScheduleRun>;

export function checkLockstep(o: ScheduleOptions, budget: PropertyBudget): Promise<LockstepResult> {
  return searchSchedules(
    (choices, track) => runSchedule(o, choices, track),
    (run) => minimizeSchedule(o, run),
    budget,
  );
}
