// The conformance stage of `synod verify`: the correct implementation replayed in lockstep on
// every model path of six small configurations, each to the depth that fits the stage's
// budget (docs/conformance.md has the measurements), each run a task of verify's pool. A run fails
// on a divergence, or when it no longer drives a branch its depth is known to reach: coverage
// lost silently would make a passing stage mean less.
import type { ModelConfigInput } from "../../model/basic-paxos/config.ts";
import { parseModelConfig } from "../../model/basic-paxos/config.ts";
import type { VariantName } from "../../harness/impl-variants.ts";
import { branchIds, type BranchId } from "../../model/basic-paxos/steps/branches.ts";
import { coverageLines, emptyCoverage, neverDriven, type Coverage } from "../../conformance/coverage.ts";
import { lockstepOptions, runConformance, type Sides } from "../../conformance/run.ts";
import { findVariant } from "../../model/basic-paxos/catalogue.ts";
import { divergenceLines, figuresLine } from "../../conformance/report.ts";
import { collectTasks, stage, type CheckResult } from "./stage.ts";
import type { TaskJob, TaskOutcome } from "./job.ts";
import type { Divergence } from "../../conformance/run.ts";
import { runTour } from "../../conformance/tour.ts";
import { violationOf } from "../../mbt/trace.ts";
import { lockstepView } from "../../report/lockstep-view.ts";

export type ConformanceRun = {
  readonly name: string;
  readonly config: ModelConfigInput;
  readonly depth: number;
  readonly stutters: boolean;
  /** The branches this run exists to drive. */
  readonly drives: readonly BranchId[];
  /** The configuration's whole state space is small: also replay every transition of it once (conformance/tour.ts). */
  readonly tour?: boolean;
  /** Rough CPU seconds on a CI machine, only to start the longest first. */
  readonly cost: number;
  /** A safe look-alike of the bug catalogue, run on both sides: the implementation held to the model's variant. */
  readonly lookAlike?: VariantName;
};

export const conformanceRuns: readonly ConformanceRun[] = [
  {
    name: "a lone proposer, until its value is learned",
    // A duplicate Accept re-sends an Accepted already in flight: a stutter, driven below where stutters are walked.
    config: { acceptors: 3, proposers: 1, retries: 0, loss: false },
    depth: 9,
    stutters: false,
    drives: ["propose", "deliver prepare: promised", "deliver promise: counted", "deliver promise: quorum -> accept sent", "deliver accept: voted", "deliver accepted: counted", "deliver accepted: learned"],
    tour: true,
    cost: 2,
  },
  {
    name: "retries, crashes and restarts, nacks, stutters",
    config: { acceptors: 3, proposers: 1, loss: false, nacks: true, retries: 1, proposerCrashes: 1, acceptorCrashes: 1 },
    depth: 6,
    stutters: true,
    drives: ["timeout: new ballot", "deliver prepare: nack", "deliver prepare: duplicate", "deliver promise: stale", "deliver promise: duplicate", "deliver nack: ignored", "crash acceptor", "crash proposer", "restart acceptor", "restart proposer"],
    cost: 30,
  },
  {
    name: "one acceptor, two proposers, nacks, stutters",
    config: { acceptors: 1, proposers: 2, retries: 0, loss: false, nacks: true },
    depth: 7,
    stutters: true,
    drives: ["deliver accept: nack", "deliver accept: duplicate", "deliver accepted: duplicate"],
    tour: true,
    cost: 4,
  },
  {
    name: "one acceptor, two proposers, no duplication, a loss",
    config: { acceptors: 1, proposers: 2, retries: 0, duplication: false, losses: 1 },
    depth: 7,
    stutters: false,
    drives: ["deliver prepare: refused", "deliver accept: refused", "lose"],
    tour: true,
    cost: 1,
  },
  {
    name: "Accept to every acceptor, as the TCP store sends it",
    // The lone proposer's run with phase 2a to all: an acceptor votes without having promised.
    config: { acceptors: 3, proposers: 1, retries: 0, loss: false },
    depth: 7,
    stutters: false,
    drives: ["deliver accept: voted", "deliver accepted: counted"],
    tour: true,
    cost: 3,
    lookAlike: "accept-to-all-acceptors",
  },
  {
    name: "one acceptor, a retry, no duplication: an old Accepted after learning",
    config: { acceptors: 1, proposers: 1, duplication: false, loss: false, retries: 1 },
    depth: 11,
    stutters: false,
    drives: ["deliver accepted: after learning"],
    tour: true,
    cost: 1,
  },
];

/** One run, judged: it must conform and still drive every branch it lists. */
export async function checkRun(run: ConformanceRun, log: (line: string) => void, variant?: VariantName): Promise<CheckResult & { coverage: Coverage }> {
  const config = parseModelConfig(run.config);
  const implVariant = variant ?? run.lookAlike;
  const modelVariant = run.lookAlike ? findVariant(run.lookAlike) : undefined;
  const sides: Sides = { config, ...(implVariant ? { variant: implVariant } : {}), ...(modelVariant ? { modelVariant } : {}) };
  const r = await runConformance({ ...sides, depth: run.depth, stutters: run.stutters });
  const lost = run.drives.filter((b) => r.coverage[b] === 0);
  const detail = r.divergence ? `divergence at step ${r.divergence.steps.length} of a path` : lost.length > 0 ? `branches no longer driven: ${lost.join("; ")}` : `conforms: ${figuresLine(r, run.depth)}`;
  log(`${run.name}: ${JSON.stringify(config)}${run.stutters ? ", stutters walked" : ""}${run.lookAlike ? `, look-alike ${run.lookAlike} on both sides` : ""}`);
  log(`  ${r.conforms ? "conforms" : "DIVERGES"}: ${figuresLine(r, run.depth)}`);
  // Coverage is summed over the runs at the end of the stage; a divergence is shown in full.
  if (r.divergence) for (const line of divergenceLines(r.divergence)) log(`  ${line}`);
  else log(`  ${branchIds.length - neverDriven(r.coverage).length} of ${branchIds.length} branches driven`);
  if (lost.length > 0) log(`  FAIL: branches this depth reaches but the run did not drive: ${lost.join("; ")}`);
  const view = r.divergence
    ? { counterexample: await lockstepView(lockstepOptions(sides), r.divergence.steps.map((s) => s.action), { title: run.name, source: "conformance: a model path the implementation parts from", expected: false, violation: divergenceViolation(r.divergence) }) }
    : {};
  const depthCheck = { name: run.name, passed: r.conforms && lost.length === 0, detail, seconds: r.seconds, coverage: r.coverage, figures: { coverage: { ...r.coverage }, paths: r.paths, depth: run.depth }, ...view };
  if (!run.tour || !r.conforms) return depthCheck;
  const t = await runTour({ ...sides, stutters: run.stutters });
  const tourLine = `${t.replayed.toLocaleString("en-US")} of the ${t.transitions.toLocaleString("en-US")} transitions of its ${t.states.toLocaleString("en-US")} states replayed once each, ${t.stepsReplayed.toLocaleString("en-US")} steps, ${t.seconds.toFixed(1)} s`;
  log(`  tour: ${t.conforms ? "conforms" : "DIVERGES"}: ${tourLine}`);
  if (t.divergence) for (const line of divergenceLines(t.divergence)) log(`  ${line}`);
  const coverage = { ...r.coverage };
  for (const b of branchIds) coverage[b] += t.coverage[b];
  const passed = depthCheck.passed && t.conforms;
  const figures = { ...depthCheck.figures, coverage: { ...coverage } };
  return { ...depthCheck, passed, detail: t.conforms ? `${detail}; tour: ${tourLine}` : `tour: divergence at step ${t.divergence!.steps.length} of a path`, seconds: r.seconds + t.seconds, coverage, figures };
}

/** One of the stage's runs, by name, as a task of verify's pool. */
export async function conformanceTask(name: string): Promise<TaskOutcome> {
  const run = conformanceRuns.find((r) => r.name === name);
  if (!run) throw new Error(`conformance: no run named ${name}`);
  const lines: string[] = [];
  const { coverage: _summed, ...check } = await checkRun(run, (l) => void lines.push(l));
  return { check, lines };
}

const jobs: readonly TaskJob[] = conformanceRuns.map((r) => ({ id: `conformance:${r.name}`, task: "conformance", arg: r.name, cost: r.cost }));

export const conformanceStage = stage("conformance", "the implementation replayed on every model path up to a depth, and on every transition of the small configurations", jobs, async (log, results) => {
  const checks = await collectTasks(jobs, results, log);
  // Each run's figures hold the branches it drove, its tour included.
  const total = emptyCoverage();
  for (const c of checks) for (const b of branchIds) total[b] += c.figures?.coverage?.[b] ?? 0;
  const never = neverDriven(total);
  log(`all runs: ${branchIds.length - never.length} of ${branchIds.length} branches driven; never: ${never.join("; ") || "none"}`);
  for (const line of coverageLines(total)) log(`  ${line}`);
  return checks;
});

function divergenceViolation(d: Divergence) {
  const last = d.steps.at(-1);
  if (d.notPossible || !last || last.ok) return { kind: "divergence", property: "model-and-implementation-agree", message: d.notPossible ?? "the implementation cannot take the path's next step" };
  return violationOf(last);
}
