// The stages of `synod verify`. Each runs its checks and says, per check, whether it passed
// and why not; a stage passes when all its checks do. Exhaustive checks are declared as jobs,
// so that verify runs the jobs of every selected stage on one pool of workers (both cores)
// and each stage only awaits and judges its own.
import { catalogue, variantConfigInput } from "../../model/basic-paxos/catalogue.ts";
import { DEFAULT_CONFIG } from "../../model/basic-paxos/config.ts";
import { statsLine } from "../report.ts";
import { check } from "../../checker/check.ts";
import type { CheckJob, CheckSummary } from "./check-job.ts";
import { mbtStage } from "./mbt-stage.ts";
import { conformanceStage } from "./conformance-stage.ts";
import { traceValidationStage } from "./validate-trace-stage.ts";
import { derivationStage } from "./derivation-stage.ts";
import { stage, type CheckFigures, type CheckResult, type JobResults, type Stage } from "./stage.ts";
import { modelRunView } from "../../report/model-run-view.ts";
import type { VariantInfo } from "../../checker/definition.ts";
import { encodingPairs, envelope, envelopeJobs } from "./envelope.ts";

const job = (jobs: JobResults, id: string): Promise<CheckSummary> => {
  const found = jobs.get(id);
  if (!found) throw new Error(`verify: job ${id} was not started`);
  return found;
};

// Under symmetry: one state per class of states equal up to renaming acceptors, 2.9 million
// classes instead of 17.5 million states for the same verdict (docs/model.md says why it is sound).
const modelJobs = [{ id: "default", title: "default configuration", config: DEFAULT_CONFIG, symmetry: true }, ...envelopeJobs];
const encodingJobs: CheckJob[] = encodingPairs.flatMap((p) => (["object", "packed"] as const).map((engine) => ({ id: `encodings:${p.id}:${engine}`, config: p.config, engine })));

const modelCheck = stage("model-check", "the default Basic Paxos configuration and the envelope's, exhaustively", [...modelJobs, ...encodingJobs], async (log, jobs) => {
  const checks: CheckResult[] = [];
  for (const j of modelJobs) {
    const result = await job(jobs, j.id);
    const unreached = result.witnesses.filter((w) => !w.reached).map((w) => w.id);
    const detail = result.violation ? `${result.verdict}: ${result.violation.property}: ${result.violation.message}` : `${result.verdict}: ${statsLine(result.stats)}`;
    log(`${j.title}: ${JSON.stringify(j.id === "default" ? DEFAULT_CONFIG : j.config)}`);
    log(`  ${detail} (${result.engine} engine, acceptor symmetry: states counted up to renaming acceptors)`);
    if (result.verdict === "verified") log(`  witnesses reached: ${result.witnesses.map((w) => w.id).join(", ")}`);
    else if (unreached.length > 0) log(`  witnesses NOT reached: ${unreached.join(", ")}`);
    checks.push({ name: j.title, passed: result.verdict === "verified", detail, seconds: result.stats.seconds, figures: explored(result), ...withView(result) });
  }
  log("the object and the packed encoding explore the same graph:");
  for (const p of encodingPairs) {
    const [object, packed] = await Promise.all([job(jobs, `encodings:${p.id}:object`), job(jobs, `encodings:${p.id}:packed`)]);
    const { same, detail } = compareEncodings(object, packed);
    log(`  ${same ? "ok  " : "FAIL"} ${p.title} ${JSON.stringify(p.config)}: ${detail}`);
    checks.push({ name: `encodings agree: ${p.title}`, passed: same, detail, seconds: object.stats.seconds + packed.stats.seconds, figures: explored(packed) });
  }
  log("envelope (docs/ci.md): each item explored by a check that must reach its witness");
  for (const e of envelope) log(`  ${e.item}: ${e.check}${e.witness ? `, witness ${e.witness}` : ""}; implementation: ${e.implementation}`);
  return checks;
});

/**
 * Whether two explorations of one configuration, one per encoding, saw the same graph: the same
 * verdict, counts, depth and witnesses, and the same transitions per branch, so that a step of one
 * encoding that reaches the same states by another branch (a Nack named a refusal) differs too.
 */
export function compareEncodings(object: CheckSummary, packed: CheckSummary): { same: boolean; detail: string } {
  const summary = (r: CheckSummary) => JSON.stringify({ verdict: r.verdict, states: r.stats.distinctStates, transitions: r.stats.transitions, depth: r.stats.depth, witnesses: r.witnesses, branches: r.branches ?? [] });
  const same = summary(object) === summary(packed);
  return { same, detail: same ? `agree: ${statsLine(packed.stats)}` : `DIFFER: object ${summary(object)}, packed ${summary(packed)}` };
}

/** The figures an exhaustive check reports, as data. */
function explored(r: Pick<CheckSummary, "verdict" | "stats" | "witnesses">): CheckFigures {
  return { verdict: r.verdict, distinctStates: r.stats.distinctStates, transitions: r.stats.transitions, depth: r.stats.depth, witnesses: r.witnesses };
}

const withView = (r: CheckSummary) => (r.counterexample ? { counterexample: r.counterexample } : {});

const catalogueJobs: CheckJob[] = catalogue.map((v) => ({ id: `variant:${v.name}`, variant: v.name, config: variantConfigInput(v) }));

const catalogueStage = stage("catalogue", "each unsafe variant caught, each safe look-alike verified", catalogueJobs, async (log, jobs) => {
  const checks: CheckResult[] = [];
  for (const variant of catalogue) {
    const result = await job(jobs, `variant:${variant.name}`);
    const caughtBy = result.violation?.property;
    const { passed, detail } = judgeVariant(variant, result);
    log(`${passed ? "ok  " : "FAIL"} ${variant.name.padEnd(30)} ${detail}`);
    const caught = result.verdict === "violation";
    const entry = { safe: variant.safe, caught, caughtBy: caughtBy ?? null, effort: result.stats.distinctStates, effortUnit: "states" as const, steps: result.violation?.length ?? null };
    checks.push({ name: variant.name, passed, detail, seconds: result.stats.seconds, figures: { ...explored(result), catalogue: entry }, ...withView(result) });
  }
  return checks;
});

/** A model variant's check as the catalogue judges it: unsafe caught by the property it breaks, safe verified. */
export function judgeVariant(variant: VariantInfo, result: CheckSummary): { passed: boolean; detail: string } {
  const caughtBy = result.violation?.property;
  const passed = variant.safe ? result.verdict === "verified" : result.verdict === "violation" && caughtBy === variant.breaks;
  const detail = variant.safe
    ? `safe look-alike: ${result.verdict}${caughtBy ? ` (${caughtBy}: ${result.violation!.message})` : ""}`
    : `unsafe: ${result.verdict === "violation" ? `caught by ${caughtBy} in ${result.violation!.length} steps` : result.verdict}${caughtBy !== variant.breaks ? ` (expected ${variant.breaks})` : ""}`;
  return { passed, detail };
}

/** TLC's distinct-state count and depth for Paxos.tla with 3 acceptors, {v1, v2}, ballots 0..2. */
const TLC_BALLOTS_0_2 = { distinctStates: 185_369, depth: 25 };

const reference = stage("reference", "Lamport's Paxos.tla, ballots 0..2, against TLC", [], async (log) => {
  const { definition } = await import("../../model/lamport/definition.ts");
  const config = definition.parseConfig({ acceptors: 3, values: 2, ballots: 2 });
  const result = await check({ definition, config });
  const same = result.stats.distinctStates === TLC_BALLOTS_0_2.distinctStates && result.stats.depth === TLC_BALLOTS_0_2.depth;
  const passed = result.verdict === "verified" && same;
  const detail = `${result.verdict}: ${statsLine(result.stats)} (TLC: ${TLC_BALLOTS_0_2.distinctStates.toLocaleString("en-US")} states, depth ${TLC_BALLOTS_0_2.depth})`;
  log(detail);
  // A violation of Paxos.tla (none expected) as a view to step through.
  const v = result.violation;
  const view = v && v.steps.length > 0 ? { counterexample: modelRunView(definition.create(config), v, { title: "Paxos.tla", source: "reference", expected: false, replay: `npx synod check --model lamport-paxos --ballots ${config.ballots}` }) } : {};
  return [{ name: "Paxos.tla ballots 0..2", passed, detail, seconds: result.stats.seconds, figures: explored(result), ...view }];
});

// Model first (is the protocol safe?), then the implementation against it (is the code Paxos?).
export const verifyStages: readonly Stage[] = [modelCheck, catalogueStage, reference, derivationStage, mbtStage, conformanceStage, traceValidationStage];

/**
 * Longest first, so that two workers finish together: a rough size from the bounds that grow
 * the state space (more proposers, retries, crashes, losses); ties keep the given order.
 */
export function scheduleJobs(jobs: readonly CheckJob[]): CheckJob[] {
  const size = (j: CheckJob) => {
    const c = { ...DEFAULT_CONFIG, ...j.config };
    return c.proposers + c.retries + c.proposerCrashes + c.acceptorCrashes + (c.loss ? c.losses : 0);
  };
  return [...jobs].sort((a, b) => size(b) - size(a));
}
