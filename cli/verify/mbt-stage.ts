// The model-based stage of `synod verify`: the lockstep property on the correct implementation
// (fixed seed and budget, in memory and on the durable file storage), then the implementation
// bug catalogue under lockstep: each unsafe variant caught, each safe look-alike passing, with
// runs, seconds and shrunk schedule length per variant (docs/mbt.md); impl/ checked through the
// target interface as an outside implementation is; impl/ on its own timers, which lockstep
// never lets fire; its refusal of frames no correct peer sends; its proposer's handling of
// Nacks, backoff and stale replies; the store's shortcut of learning from promises; and its
// acceptor's Nacks. Each run is a task of verify's pool.
import { checkLockstep, type LockstepResult, type PropertyBudget } from "../../mbt/property.ts";
import { DEFAULT_BUDGET, LOCKSTEP_CONFIG, caughtBy, lockstepConfig, type FocusName, formatCatalogueLine, implCatalogue, runCatalogueEntry, type CatalogueResult } from "../../mbt/catalogue.ts";
import type { StorageKind } from "../../mbt/schedule.ts";
import { collectTasks, stage, type CheckResult } from "./stage.ts";
import type { TaskJob, TaskOutcome } from "./job.ts";
import type { ScheduleOptions } from "../../mbt/schedule.ts";
import { violationOf } from "../../mbt/trace.ts";
import { lockstepView } from "../../report/lockstep-view.ts";
import type { CounterexampleView } from "../../report/html/document.ts";
import { targetMbt } from "../../api/target.ts";
import { implTarget } from "../../harness/impl-target.ts";
import { checkOwnTimers, type OwnTimersOptions } from "../../mbt/own-timers.ts";
import { checkAdmission } from "../../mbt/admission-check.ts";
import { checkProposerReplies } from "../../mbt/proposer-replies-check.ts";
import { checkPromiseShortcut } from "../../mbt/promise-shortcut-check.ts";
import { checkAcceptorRefusals } from "../../mbt/acceptor-refusal-check.ts";
import { checkFailStop } from "../../mbt/fail-stop-check.ts";
import { checkRestart } from "../../mbt/restart-check.ts";

/**
 * The correct implementation under the broad config in memory and on file (slower per schedule:
 * a WAL per node in a temp directory, so fewer schedules), then under each focused config of the
 * envelope, each on its own seed so that one CI run covers more schedules.
 */
export const correctRuns: readonly { readonly name: string; readonly storage: StorageKind; readonly focus?: FocusName; readonly budget: PropertyBudget; readonly cost: number }[] = [
  { name: "memory", storage: "memory", budget: DEFAULT_BUDGET, cost: 10 },
  { name: "file", storage: "file", budget: { ...DEFAULT_BUDGET, runs: 200 }, cost: 12 },
  { name: "three proposers", storage: "memory", focus: "three-proposers", budget: { ...DEFAULT_BUDGET, seed: 2 }, cost: 6 },
  { name: "acceptor crash", storage: "memory", focus: "acceptor-crash", budget: { ...DEFAULT_BUDGET, seed: 3 }, cost: 7 },
];

/** impl/ on its own timers (mbt/own-timers.ts): nobody drives its timeouts; without and with Nacks, and as the TCP store runs it (Nacks and its shortcuts). */
export const ownTimerRuns: readonly (OwnTimersOptions & { readonly name: string })[] = [
  { name: "own timers", seed: 1, runs: 500, nack: false, losses: 2, maxSteps: 3000 },
  { name: "own timers, Nacks", seed: 1, runs: 500, nack: true, losses: 2, maxSteps: 3000 },
  { name: "own timers, shortcuts", seed: 1, runs: 500, nack: true, shortcuts: true, losses: 2, maxSteps: 3000 },
];

/** One run of ownTimerRuns, by name. */
export async function runOwnTimers(name: string): Promise<TaskOutcome> {
  const run = ownTimerRuns.find((r) => r.name === name);
  if (!run) throw new Error(`model-based: no own-timers run named ${name}`);
  const r = await checkOwnTimers(run);
  const detail = r.passed
    ? `writers answered with one proposed value, the read with it or none, in ${r.runs} runs (seed ${run.seed}, ${r.steps.toLocaleString("en-US")} steps, the slowest after ${Math.round(r.slowestMs).toLocaleString("en-US")} ms of virtual time)`
    : `FAILED in run ${r.failure!.run} of seed ${run.seed}: ${r.failure!.reason}`;
  const line = `${r.passed ? "ok  " : "FAIL"} ${`correct, ${name}`.padEnd(30)} ${detail}, ${r.seconds.toFixed(1)} s`;
  return { lines: [line], check: { name: `impl/ on its ${name}`, passed: r.passed, detail, seconds: r.seconds, figures: { runs: r.runs } } };
}

/**
 * impl/ on inputs made by hand, each one line of the stage (`correct, WHAT`) and one task of the
 * pool (`model-based:ID`): what it is about, the check's name in reports, and the check.
 */
export const handMadeChecks: readonly { readonly id: string; readonly what: string; readonly name: string; readonly check: () => Promise<{ readonly passed: boolean; readonly detail: string }> }[] = [
  { id: "admission", what: "frames refused", name: "impl/ refuses frames no correct peer sends", check: () => checkAdmission() },
  { id: "proposer-replies", what: "Nacks and backoff", name: "impl/'s proposer backs off and retries as specified, ignoring stale replies", check: () => checkProposerReplies() },
  { id: "promise-shortcut", what: "learned from promises", name: "impl/ learns from promises only what a quorum voted in one ballot", check: () => checkPromiseShortcut() },
  { id: "acceptor-refusals", what: "acceptor refusals", name: "impl/'s acceptor answers a refused Prepare or Accept with a Nack, or in silence", check: () => checkAcceptorRefusals() },
  { id: "fail-stop", what: "fail-stop", name: "impl/ stops at a failed write and acts on nothing after", check: () => checkFailStop() },
  { id: "restart", what: "restart from a snapshot", name: "impl/ keeps every promise, vote and round across restarts from a snapshot of one record per fact", check: () => checkRestart() },
];

/** One check of handMadeChecks, by id. */
export async function runHandMade(id: string): Promise<TaskOutcome> {
  const c = handMadeChecks.find((x) => x.id === id);
  if (!c) throw new Error(`model-based: no hand-made check named ${id}`);
  const started = performance.now();
  const r = await c.check();
  const seconds = (performance.now() - started) / 1000;
  const line = `${r.passed ? "ok  " : "FAIL"} ${`correct, ${c.what}`.padEnd(30)} ${r.detail}, ${seconds.toFixed(1)} s`;
  return { lines: [line], check: { name: c.name, passed: r.passed, detail: r.detail, seconds } };
}

export type ModelBasedResults = {
  readonly checks: readonly CheckResult[];
  readonly correct: readonly { readonly storage: StorageKind; readonly result: LockstepResult }[];
  readonly catalogue: readonly CatalogueResult[];
};

type Unit<R> = { readonly outcome: TaskOutcome; readonly result: R };

/** One lockstep run of the correct implementation, by its name in correctRuns. */
export async function runCorrect(name: string): Promise<Unit<LockstepResult>> {
  const run = correctRuns.find((r) => r.name === name);
  if (!run) throw new Error(`model-based: no correct run named ${name}`);
  const { storage, focus, budget } = run;
  const config = lockstepConfig("correct", focus);
  const r = await checkLockstep({ config, storage }, budget);
  const rate = `${r.stepsRun.toLocaleString("en-US")} steps, ${Math.round(r.stepsRun / r.seconds).toLocaleString("en-US")} steps/s`;
  const detail = r.passed
    ? `agreed on ${r.runs} schedules (seed ${r.seed}, ${rate}; ${r.coverage.states.toLocaleString("en-US")} model states, ${r.coverage.transitions.toLocaleString("en-US")} transitions visited)`
    : `FAILED after ${r.runs} schedules: ${caughtBy(r.failure!.run.failed!)} at step ${r.failure!.run.failed!.step}; replay: npx synod mbt${focus ? ` --focus ${focus}` : ""} --storage ${storage} --seed ${r.seed} --path ${r.failure!.path}`;
  const title = focus ? `correct, ${name}` : `correct, ${storage} storage`;
  const line = `${r.passed ? "ok  " : "FAIL"} ${title.padEnd(30)} ${detail}, ${r.seconds.toFixed(1)} s${focus ? ` ${JSON.stringify(config)}` : ""}`;
  const view = r.failure ? { counterexample: await failureView({ config, storage }, r, title, false, focus) } : {};
  return { outcome: { lines: [line], check: { name: `lockstep correct (${name})`, passed: r.passed, detail, seconds: r.seconds, figures: { runs: r.runs }, ...view } }, result: r };
}

/** One entry of the implementation bug catalogue, by name. */
export async function runImplEntry(name: string): Promise<Unit<CatalogueResult>> {
  const entry = implCatalogue.find((e) => e.name === name);
  if (!entry) throw new Error(`model-based: no implementation catalogue entry named ${name}`);
  const r = await runCatalogueEntry(entry);
  const line = formatCatalogueLine(r);
  const figures = { runs: r.result.runs, catalogue: { safe: entry.safe, caught: r.caughtBy !== null, caughtBy: r.caughtBy, effort: r.result.runs, effortUnit: "runs" as const, steps: r.shrunkSteps } };
  const options = { config: entry.config, variant: entry.variant, storage: "memory" as const, ...entry.options };
  const view = r.result.failure ? { counterexample: await failureView(options, r.result, entry.name, !entry.safe) } : {};
  return { outcome: { lines: [line], check: { name: `impl ${entry.name}`, passed: r.asExpected, detail: line.slice(5).trim(), seconds: r.result.seconds, figures, ...view } }, result: r };
}

/**
 * impl/ as a target (harness/impl-target.ts), as any team's implementation is checked: the
 * target's own random schedules (not the model's actions), judged by the invariants on what it
 * sends, by trace validation of every run and, since impl/ declares the model's behaviour, step
 * by step by the model's handlers (docs/targets.md).
 */
export async function runThroughInterface(): Promise<TaskOutcome> {
  const r = await targetMbt(implTarget());
  const failed = r.failure?.run.failed;
  const passed = r.passed && r.runsChoosing > 0;
  const detail = failed
    ? `FAILED: ${failed.fault ?? failed.broken.map((b) => b.property).join(", ")} at step ${failed.step}; replay: npx synod mbt --target harness/impl-target.ts --seed ${r.seed} --path ${r.failure!.path}`
    : `${r.runs} schedules, ${r.stepsRun.toLocaleString("en-US")} steps, a value chosen in ${r.runsChoosing}; no invariant broken, every step the model's, every run a behaviour of the model`;
  const line = `${passed ? "ok  " : "FAIL"} ${"correct, as a target".padEnd(30)} ${detail}, ${r.seconds.toFixed(1)} s`;
  return { lines: [line], check: { name: "impl/ through the target interface", passed, detail, seconds: r.seconds, figures: { runs: r.runs } } };
}

const configLine = `model config ${JSON.stringify(LOCKSTEP_CONFIG)}`;

/** Everything the stage runs, in this thread, with the results in full (tests read them). */
export async function runModelBased(log: (line: string) => void): Promise<ModelBasedResults> {
  log(configLine);
  const correct: ModelBasedResults["correct"][number][] = [];
  const catalogue: CatalogueResult[] = [];
  const checks: CheckResult[] = [];
  const keep = ({ outcome }: Unit<unknown>) => {
    for (const line of outcome.lines) log(line);
    checks.push(outcome.check);
  };
  for (const run of correctRuns) {
    const u = await runCorrect(run.name);
    keep(u);
    correct.push({ storage: run.storage, result: u.result });
  }
  for (const entry of implCatalogue) {
    const u = await runImplEntry(entry.name);
    keep(u);
    catalogue.push(u.result);
  }
  keep({ outcome: await runThroughInterface(), result: null });
  for (const run of ownTimerRuns) keep({ outcome: await runOwnTimers(run.name), result: null });
  for (const c of handMadeChecks) keep({ outcome: await runHandMade(c.id), result: null });
  return { checks, correct, catalogue };
}

// Safe look-alikes run their whole budget; an unsafe entry stops at its first failure.
const jobs: readonly TaskJob[] = [
  ...correctRuns.map((r) => ({ id: `model-based:correct:${r.name}`, task: "model-based:correct", arg: r.name, cost: r.cost })),
  ...implCatalogue.map((e) => ({ id: `model-based:impl:${e.name}`, task: "model-based:impl", arg: e.name, cost: e.safe ? 5 : 2 })),
  { id: "model-based:target", task: "model-based:target", arg: "impl", cost: 5 },
  ...ownTimerRuns.map((r) => ({ id: `model-based:own-timers:${r.name}`, task: "model-based:own-timers", arg: r.name, cost: 1 })),
  ...handMadeChecks.map((c) => ({ id: `model-based:${c.id}`, task: "model-based:hand-made", arg: c.id, cost: 1 })),
];

export const mbtStage = stage("model-based", "the implementation in lockstep with the model; the implementation bug catalogue", jobs, async (log, results) => {
  log(configLine);
  return collectTasks(jobs, results, log);
});

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
