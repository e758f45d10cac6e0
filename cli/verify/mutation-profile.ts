// The checks of `synod verify` that run fast enough to judge one mutant (npm run mutation,
// stryker.config.json): the same stage code on smaller configurations and budgets, fastest
// first, so that a mutant most checks kill is killed in seconds. Every check is one verify
// would run (encodings compared, the correct model checked with its witnesses, the model's
// catalogue, conformance tours, lockstep runs, the implementation's catalogue); none is new.
import { catalogue } from "../../model/basic-paxos/catalogue.ts";
import { runCheckJob, type CheckJob, type CheckSummary } from "./check-job.ts";
import { catalogueJob, compareEncodings, encodingJob, judgeVariant } from "./stages.ts";
import { encodingPairs, envelopeJobs } from "./envelope.ts";
import { comparePinned } from "./pinned-graphs.ts";
import { judgeChoices } from "./choice-agreement.ts";
import { checkExpectation, expectations } from "./derivation-stage.ts";
import { checkRun, conformanceRuns, type ConformanceRun } from "./conformance-stage.ts";
import { correctRuns, handMadeChecks, ownTimerRuns } from "./mbt-stage.ts";
import { checkOwnTimers } from "../../mbt/own-timers.ts";
import { checkLockstep, type PropertyBudget } from "../../mbt/property.ts";
import { caughtBy, DEFAULT_BUDGET, implCatalogue, lockstepConfig, runCatalogueEntry } from "../../mbt/catalogue.ts";

export type ProfileCheck = {
  readonly name: string;
  /** Seconds or more on an idle machine: `SYNOD_MUTATION_CHECKS=fast` leaves it out (a first pass, docs/mutation.md). */
  readonly slow?: boolean;
  /** Whether the check passed, and why not. */
  run(): Promise<{ readonly passed: boolean; readonly detail: string }>;
};

/**
 * Both encodings of each of verify's encoding pairs (envelope.ts): between them every step kind
 * runs (duplicates, a loss, a retry, crashes of both roles, Nacks). They must agree, the correct
 * model must be verified with its witnesses, and the graph must be the one pinned.
 */
async function bothEncodings(id: string): Promise<{ passed: boolean; detail: string }> {
  const [object, packed] = await Promise.all((["object", "packed"] as const).map((engine) => runCheckJob(encodingJob(id, engine))));
  const { same, detail } = compareEncodings(object!, packed!);
  if (!same) return { passed: false, detail };
  // Both may agree on a wrong verdict: the correct model must also be verified, witnesses reached.
  if (packed!.verdict !== "verified") return { passed: false, detail: `${packed!.verdict}: ${detail}` };
  return pinned(encodingJob(id, "packed"), packed!);
}

const pinned = (job: CheckJob, r: CheckSummary) => {
  const { same, detail } = comparePinned(job, r);
  return { passed: same, detail };
};

const verified = (job: CheckJob, r: CheckSummary) => (r.verdict === "verified" ? pinned(job, r) : { passed: false, detail: r.violation ? `${r.verdict}: ${r.violation.property}: ${r.violation.message}` : r.verdict });

/**
 * Lockstep budgets: a fraction of the stage's schedules where every schedule is run (the correct
 * implementation, safe look-alikes), on the stage's seeds; an unsafe entry keeps the stage's budget,
 * since it stops at its catch. No shrinking: a mutant needs a verdict, not a short schedule.
 */
const FRACTION = 8;
const budgetOf = (b: PropertyBudget, all = false): PropertyBudget => ({ ...b, runs: all ? b.runs : Math.ceil(b.runs / FRACTION), maxShrinkRuns: 0 });

/** Conformance runs small enough to tour (their whole graph), skipping the depth walk of the slow one. */
const toured = conformanceRuns.filter((r) => r.tour);

/** Conformance runs whose depth walk takes seconds. */
const slowTour = (run: ConformanceRun) => run.depth < 8 ? run.stutters : run.config.proposers === 1 && run.config.acceptors === 3;

const checks: readonly ProfileCheck[] = [
  // Every pair in the first pass, though two take seconds: between them they take every step of the model, and kill most of its mutants.
  ...encodingPairs.map((p): ProfileCheck => ({ name: `encodings agree: ${p.title}`, run: () => bothEncodings(p.id) })),
  { name: "encodings agree: the proposer's choice of value", run: async () => judgeChoices() },
  ...correctRuns.map(({ name, storage, focus, budget }): ProfileCheck => ({
    name: `model-based: correct (${name})`,
    slow: storage === "file",
    run: async () => {
      const r = await checkLockstep({ config: lockstepConfig("correct", focus), storage }, budgetOf(budget));
      return { passed: r.passed, detail: r.passed ? `${r.runs} schedules` : `${caughtBy(r.failure!.run.failed!)} at step ${r.failure!.run.failed!.step}` };
    },
  })),
  ...ownTimerRuns.map((run): ProfileCheck => ({
    name: `model-based: correct (${run.name})`,
    run: async () => {
      const r = await checkOwnTimers(run);
      return { passed: r.passed, detail: r.passed ? `${r.runs} runs` : r.failure!.reason };
    },
  })),
  ...handMadeChecks.map((c): ProfileCheck => ({ name: `model-based: correct (${c.what})`, run: c.check })),
  ...toured.map((run): ProfileCheck => ({ name: `conformance: ${run.name}`, slow: slowTour(run), run: () => checkRun(run, () => {}) })),
  ...envelopeJobs.filter((j) => j.id === "three-proposers").map((j): ProfileCheck => ({ name: `model-check: ${j.title}`, slow: true, run: async () => verified(j, await runCheckJob(j)) })),
  // The derivation stage's Basic Paxos entries: the only checks of the model's liveness paths (duelling proposers, a distinguished one).
  ...expectations.filter((e) => e.model === "basic-paxos").map((e): ProfileCheck => ({ name: `derivation: ${e.name}`, slow: true, run: () => checkExpectation(e) })),
  ...catalogue.map((v): ProfileCheck => ({
    name: `catalogue: ${v.name}`,
    slow: true,
    run: async () => {
      const job = catalogueJob(v.name);
      const r = await runCheckJob(job);
      const judged = judgeVariant(v, r);
      return judged.passed ? pinned(job, r) : judged;
    },
  })),
  ...implCatalogue.map((entry): ProfileCheck => ({
    name: `model-based: impl ${entry.name}`,
    slow: true,
    run: async () => {
      const r = await runCatalogueEntry(entry, budgetOf(DEFAULT_BUDGET, !entry.safe));
      return { passed: r.asExpected, detail: r.caughtBy ?? (r.asExpected ? "passed" : "not caught") };
    },
  })),
];

/** Fastest killers first: a mutant stops at the first check that fails. */
export const mutationChecks: readonly ProfileCheck[] = [...checks.filter((c) => !c.slow), ...checks.filter((c) => c.slow)];
