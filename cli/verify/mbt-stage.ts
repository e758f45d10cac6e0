// The model-based stage of `synod verify`: the lockstep property on the correct implementation
// (fixed seed and budget, in memory and on the durable file storage), then the implementation
// bug catalogue under lockstep: each unsafe variant caught, each safe look-alike passing, with
// runs, seconds and shrunk schedule length per variant (docs/mbt.md). About 20-30 s here.
import { checkLockstep, type LockstepResult, type PropertyBudget } from "../../mbt/property.ts";
import { DEFAULT_BUDGET, LOCKSTEP_CONFIG, caughtBy, lockstepConfig, type FocusName, formatCatalogueLine, implCatalogue, runCatalogueEntry, type CatalogueResult } from "../../mbt/catalogue.ts";
import type { StorageKind } from "../../mbt/schedule.ts";
import { stage, type CheckResult } from "./stage.ts";
import type { ScheduleOptions } from "../../mbt/schedule.ts";
import { violationOf } from "../../mbt/trace.ts";
import { lockstepView } from "../../report/lockstep-view.ts";
import type { CounterexampleView } from "../../report/html/document.ts";

/**
 * The correct implementation under the broad config in memory and on file (slower per schedule:
 * a WAL per node in a temp directory, so fewer schedules), then under each focused config of the
 * envelope, each on its own seed so that one CI run covers more schedules.
 */
export const correctRuns: readonly { readonly name: string; readonly storage: StorageKind; readonly focus?: FocusName; readonly budget: PropertyBudget }[] = [
  { name: "memory", storage: "memory", budget: DEFAULT_BUDGET },
  { name: "file", storage: "file", budget: { ...DEFAULT_BUDGET, runs: 200 } },
  { name: "three proposers", storage: "memory", focus: "three-proposers", budget: { ...DEFAULT_BUDGET, seed: 2 } },
  { name: "acceptor crash", storage: "memory", focus: "acceptor-crash", budget: { ...DEFAULT_BUDGET, seed: 3 } },
];

export type ModelBasedResults = {
  readonly checks: readonly CheckResult[];
  readonly correct: readonly { readonly storage: StorageKind; readonly result: LockstepResult }[];
  readonly catalogue: readonly CatalogueResult[];
};

/** Everything the stage runs, with the results in full (the stage keeps the checks; tests read the rest). */
export async function runModelBased(log: (line: string) => void): Promise<ModelBasedResults> {
  const checks: CheckResult[] = [];
  const correct: ModelBasedResults["correct"][number][] = [];
  log(`model config ${JSON.stringify(LOCKSTEP_CONFIG)}`);
  for (const { name, storage, focus, budget } of correctRuns) {
    const config = lockstepConfig("correct", focus);
    const r = await checkLockstep({ config, storage }, budget);
    const rate = `${r.stepsRun.toLocaleString("en-US")} steps, ${Math.round(r.stepsRun / r.seconds).toLocaleString("en-US")} steps/s`;
    const detail = r.passed
      ? `agreed on ${r.runs} schedules (seed ${r.seed}, ${rate}; ${r.coverage.states.toLocaleString("en-US")} model states, ${r.coverage.transitions.toLocaleString("en-US")} transitions visited)`
      : `FAILED after ${r.runs} schedules: ${caughtBy(r.failure!.run.failed!)} at step ${r.failure!.run.failed!.step}; replay: npx synod mbt${focus ? ` --focus ${focus}` : ""} --storage ${storage} --seed ${r.seed} --path ${r.failure!.path}`;
    const title = focus ? `correct, ${name}` : `correct, ${storage} storage`;
    log(`${r.passed ? "ok  " : "FAIL"} ${title.padEnd(30)} ${detail}, ${r.seconds.toFixed(1)} s${focus ? ` ${JSON.stringify(config)}` : ""}`);
    const view = r.failure ? { counterexample: await failureView({ config, storage }, r, title, false, focus) } : {};
    checks.push({ name: `lockstep correct (${name})`, passed: r.passed, detail, seconds: r.seconds, figures: { runs: r.runs }, ...view });
    correct.push({ storage, result: r });
  }
  const catalogue: CatalogueResult[] = [];
  for (const entry of implCatalogue) {
    const r = await runCatalogueEntry(entry);
    const line = formatCatalogueLine(r);
    log(line);
    const figures = { runs: r.result.runs, catalogue: { safe: entry.safe, caught: r.caughtBy !== null, caughtBy: r.caughtBy, effort: r.result.runs, effortUnit: "runs" as const, steps: r.shrunkSteps } };
    const options = { config: entry.config, variant: entry.variant, storage: "memory" as const, ...entry.options };
    const view = r.result.failure ? { counterexample: await failureView(options, r.result, entry.name, !entry.safe) } : {};
    checks.push({ name: `impl ${entry.name}`, passed: r.asExpected, detail: line.slice(5).trim(), seconds: r.result.seconds, figures, ...view });
    catalogue.push(r);
  }
  return { checks, correct, catalogue };
}

export const mbtStage = stage("model-based", "the implementation in lockstep with the model; the implementation bug catalogue", [], async (log) => [...(await runModelBased(log)).checks]);

/** A lockstep failure, re-run step by step for the HTML report. */
function failureView(options: ScheduleOptions, r: LockstepResult, title: string, expected: boolean, focus?: FocusName): Promise<CounterexampleView> {
  const run = r.failure!.run;
  const storage = options.storage ?? "memory";
  return lockstepView(options, run.actions, {
    title,
    source: `model-based: implementation variant ${options.variant ?? "correct"}, ${storage} storage`,
    expected,
    violation: violationOf(run.failed!),
    replay: `npx synod mbt --variant ${options.variant ?? "correct"}${focus ? ` --focus ${focus}` : ""} --storage ${storage}${options.shortcuts ? " --shortcuts" : ""} --seed ${r.seed} --path ${r.failure!.path}`,
  });
}
