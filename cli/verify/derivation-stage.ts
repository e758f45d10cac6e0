// The derivation stage of `synod verify`: seed 004's three schemes (model/derivation/), Basic
// Paxos's duelling proposers and its distinguished proposer, each checked for safety and for
// liveness under weak fairness, each verdict and shortest lasso asserted as docs/derivation.md
// explains them, each check a task of verify's pool.
import type { ModelDefinition } from "../../checker/definition.ts";
import type { CheckResult as Checked } from "../../checker/result.ts";
import { check } from "../../checker/check.ts";
import { registry } from "../../model/registry.ts";
import { collectTasks, stage, type CheckResult } from "./stage.ts";
import type { TaskJob, TaskOutcome } from "./job.ts";
import { distinguishedProposer, duellingProposers } from "../../model/basic-paxos/liveness.ts";
import { comparePinned, type PinnedJob } from "./pinned-graphs.ts";

type Expected = {
  readonly name: string;
  readonly model: string;
  readonly config: object;
  /** A variant of the model (a liveness variant: the check must catch what it breaks). */
  readonly variant?: string;
  /** The safety check's verdict and, for a violation, the kind of check that finds it. */
  readonly safety: readonly [string, string?];
  /** Each liveness property's verdict ("holds", "violated", "bounded"). */
  readonly liveness: string;
  /** The shortest lasso's length in steps, where liveness is violated. */
  readonly lasso?: number;
};

export const expectations: readonly Expected[] = [
  { name: "scheme 1: deadlock when the lock holder crashes", model: "derivation-lock", config: {}, safety: ["verified"], liveness: "violated", lasso: 7 },
  { name: "scheme 2: no decision when its acceptor crashes", model: "derivation-epochs", config: {}, safety: ["verified"], liveness: "violated", lasso: 5 },
  { name: "scheme 3: invariants hold, progress can be lost", model: "derivation-majority", config: {}, safety: ["violation", "progress"], liveness: "violated", lasso: 54 },
  { name: "Basic Paxos: duelling proposers never decide", model: "basic-paxos", config: duellingProposers, safety: ["verified"], liveness: "violated", lasso: 12 },
  { name: "Basic Paxos: a distinguished proposer decides", model: "basic-paxos", config: distinguishedProposer, safety: ["verified"], liveness: "holds" },
  // Liveness variants (model/basic-paxos/liveness-variants.ts), on configurations small enough for
  // every run: the liveness check must catch each, where no invariant can.
  { name: "Basic Paxos variant: gives up after a Nack", model: "basic-paxos", variant: "gives-up-after-nack", config: { acceptors: 1, proposers: 2, nacks: true, retries: 1, losses: 0, duplication: false }, safety: ["verified"], liveness: "violated", lasso: 9 },
  { name: "Basic Paxos variant: no retry in phase 2", model: "basic-paxos", variant: "no-retry-in-phase-2", config: { proposers: 2, distinguished: true, stuckTimeouts: true, losses: 1, retries: 1 }, safety: ["violation", "witness-unreached"], liveness: "violated", lasso: 9 },
];

const summary = (r: Checked<unknown, unknown>) => (r.violation ? `${r.verdict} (${r.violation.kind} ${r.violation.property}, ${r.violation.steps.length} steps)` : r.verdict);

/**
 * The Basic Paxos entries' graphs are pinned with the model's (model/basic-paxos/pinned-graphs.json):
 * a liveness variant's code runs nowhere else, and a change to it that keeps the variant caught
 * still changes the states it reaches.
 */
export const derivationPinnedJobs: readonly PinnedJob[] = expectations
  .filter((e) => e.model === "basic-paxos")
  .map((e) => ({ id: `derivation:${e.name}`, config: e.config, ...(e.variant !== undefined ? { variant: e.variant } : {}) }));

/** One expectation by name, as a task of verify's pool. */
export async function derivationTask(name: string): Promise<TaskOutcome> {
  const e = expectations.find((x) => x.name === name);
  if (!e) throw new Error(`derivation: no check named ${name}`);
  const judged = await checkExpectation(e);
  return { check: judged, lines: [`${judged.passed ? "ok  " : "FAIL"} ${e.name.padEnd(50)} ${judged.detail}`] };
}

/**
 * One model checked for safety and for liveness, its verdicts compared with the expected ones,
 * and its graph with the pinned one where it has one (`pinned: false` leaves the pin out).
 */
export async function checkExpectation(e: Expected, { pinned = true }: { readonly pinned?: boolean } = {}): Promise<CheckResult> {
  const d = registry.definitions.find((x) => x.name === e.model) as ModelDefinition<unknown, unknown, unknown>;
  const config = d.parseConfig(e.config);
  const target = { definition: d, config, ...(e.variant !== undefined ? { variant: e.variant } : {}) };
  const safety = await check(target, {});
  const live = await check(target, { liveness: true });
  const verdicts = (live.liveness ?? []).map((l) => l.verdict);
  const lasso = live.liveness?.find((l) => l.run)?.run;
  const job = pinned ? derivationPinnedJobs.find((j) => j.id === `derivation:${e.name}`) : undefined;
  const pin = job ? comparePinned(job, safety) : { same: true, detail: "" };
  const passed = safety.verdict === e.safety[0] && safety.violation?.kind === e.safety[1] && verdicts.length > 0 && verdicts.every((v) => v === e.liveness) && lasso?.steps.length === e.lasso && pin.same;
  const detail = `safety ${summary(safety)}, ${safety.stats.distinctStates.toLocaleString("en-US")} states; liveness ${verdicts.join("/")}${lasso ? ` (${lasso.steps.length} steps)` : ""}${pin.same ? "" : `; graph ${pin.detail}`}`;
  return { name: e.name, passed, detail, seconds: safety.stats.seconds + live.stats.seconds, figures: { verdict: safety.verdict, distinctStates: safety.stats.distinctStates, depth: safety.stats.depth } };
}

const jobs: readonly TaskJob[] = expectations.map((e) => ({ id: `derivation:${e.name}`, task: "derivation", arg: e.name, cost: 2 }));

export const derivationStage = stage("derivation", "seed 004's derivation, duelling proposers and a distinguished one: safety and liveness verdicts", jobs, (log, results) => collectTasks(jobs, results, log));
