// The stages of `synod verify`. Each runs its checks and says, per check, whether it passed
// and why not; a stage passes when all its checks do. Exhaustive checks are declared as jobs,
// so that verify runs the jobs of every selected stage on one pool of workers (both cores)
// and each stage only awaits and judges its own.
import { catalogue, catalogueSymmetry, variantConfigInput } from "../../model/basic-paxos/catalogue.ts";
import { DEFAULT_CONFIG } from "../../model/basic-paxos/config.ts";
import { statsLine } from "../report.ts";
import { check } from "../../checker/check.ts";
import type { CheckJob, CheckSummary } from "./check-job.ts";
import { checkOf, type JobResults } from "./job.ts";
import { mbtStage } from "./mbt-stage.ts";
import { conformanceStage } from "./conformance-stage.ts";
import { traceValidationStage } from "./validate-trace-stage.ts";
import { derivationPinnedJobs, derivationStage } from "./derivation-stage.ts";
import { multiPaxosStage } from "./multi-paxos-stage.ts";
import { stage, type CheckFigures, type CheckResult, type Stage } from "./stage.ts";
import { modelRunView } from "../../report/model-run-view.ts";
import type { VariantInfo } from "../../checker/definition.ts";
import { encodingPairs, envelope, envelopeJobs } from "./envelope.ts";
import { comparePinned } from "./pinned-graphs.ts";
import { judgeChoices } from "./choice-agreement.ts";

// Under symmetry: one state per class of states equal up to renaming acceptors, 2.9 million
// classes instead of 17.5 million states for the same verdict (docs/model.md says why it is sound).
const modelJobs = [{ id: "default", title: "default configuration", config: DEFAULT_CONFIG, symmetry: true, cost: 30 }, ...envelopeJobs];
const encodingJobs: CheckJob[] = encodingPairs.flatMap((p) => (["object", "packed"] as const).map((engine) => ({ id: `encodings:${p.id}:${engine}`, config: p.config, engine })));
export const encodingJob = (id: string, engine: "object" | "packed") => encodingJobs.find((j) => j.id === `encodings:${id}:${engine}`)!;

const modelCheck = stage("model-check", "the default Basic Paxos configuration and the envelope's, exhaustively", [...modelJobs, ...encodingJobs], async (log, jobs) => {
  const checks: CheckResult[] = [];
  for (const j of modelJobs) {
    const result = await checkOf(jobs, j.id);
    const unreached = result.witnesses.filter((w) => !w.reached).map((w) => w.id);
    const detail = result.violation ? `${result.verdict}: ${result.violation.property}: ${result.violation.message}` : `${result.verdict}: ${statsLine(result.stats)}`;
    log(`${j.title}: ${JSON.stringify(j.id === "default" ? DEFAULT_CONFIG : j.config)}`);
    log(`  ${detail} (${result.engine} engine, acceptor symmetry: states counted up to renaming acceptors)`);
    if (result.verdict === "verified") log(`  witnesses reached: ${result.witnesses.map((w) => w.id).join(", ")}`);
    else if (unreached.length > 0) log(`  witnesses NOT reached: ${unreached.join(", ")}`);
    checks.push({ name: j.title, passed: result.verdict === "verified", detail, seconds: result.stats.seconds, figures: explored(result), ...withView(result) });
    checks.push(pinCheck(j, result, log));
  }
  log("the object and the packed encoding explore the same graph, the one pinned:");
  for (const p of encodingPairs) {
    const [object, packed] = await Promise.all([checkOf(jobs, `encodings:${p.id}:object`), checkOf(jobs, `encodings:${p.id}:packed`)]);
    const { same, detail } = compareEncodings(object, packed);
    log(`  ${same ? "ok  " : "FAIL"} ${p.title} ${JSON.stringify(p.config)}: ${detail}`);
    checks.push({ name: `encodings agree: ${p.title}`, passed: same, detail, seconds: object.stats.seconds + packed.stats.seconds, figures: explored(packed) });
    checks.push(pinCheck(encodingJob(p.id, "packed"), packed, log));
  }
  const choices = judgeChoices();
  log(`  ${choices.passed ? "ok  " : "FAIL"} the proposer's choice of value: ${choices.detail}`);
  checks.push({ name: "encodings agree: the proposer's choice of value", ...choices });
  log("envelope (docs/ci.md): each item explored by a check that must reach its witness or take its branches");
  for (const e of envelope) log(`  ${e.item}: ${e.check}${e.witness ? `, witness ${e.witness}` : ""}${e.branches ? `, branches ${e.branches.join("; ")}` : ""}; implementation: ${e.implementation}`);
  return [...checks, ...(await envelopeChecks("model-check", (title) => modelJobs.find((j) => j.title === title)?.id ?? title, jobs, log))];
});

/**
 * The envelope's items a stage explores, judged on its jobs' results: the witness reached (an
 * unreached one already fails the job itself) and every branch named taken at least once.
 */
async function envelopeChecks(stageName: string, jobId: (check: string) => string, jobs: JobResults, log: (line: string) => void): Promise<CheckResult[]> {
  const checks: CheckResult[] = [];
  for (const e of envelope.filter((x) => x.check.startsWith(`${stageName}: `))) {
    const r = await checkOf(jobs, jobId(e.check.slice(stageName.length + 2)));
    const witness = e.witness === "" || r.witnesses.some((w) => w.id === e.witness && w.reached);
    const untaken = (e.branches ?? []).filter((b) => !r.branches?.some((x) => x.id === b && x.transitions > 0));
    const passed = witness && untaken.length === 0;
    const detail = passed ? `reached by ${e.check}` : `${e.check} does not reach it: ${[...(witness ? [] : [`witness ${e.witness} unreached`]), ...untaken.map((b) => `branch ${b} never taken`)].join(", ")}`;
    if (!passed) log(`FAIL envelope: ${e.item}: ${detail}`);
    checks.push({ name: `envelope: ${e.item}`, passed, detail, seconds: 0 });
  }
  return checks;
}

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

/** A check of the model's graph against its pin (pinned-graphs.ts), logged when it moved. */
function pinCheck(job: CheckJob, result: CheckSummary, log: (line: string) => void): CheckResult {
  const { same, detail } = comparePinned(job, result);
  log(`  ${same ? "ok  " : "FAIL"} graph of ${job.id} ${detail}`);
  return { name: `graph as pinned: ${job.id}`, passed: same, detail, seconds: 0 };
}

/**
 * Every check whose graph is pinned: the model-check stage's, the catalogue's (a safe look-alike
 * explored in full, an unsafe variant up to its catch) and the derivation stage's Basic Paxos entries.
 */
export const pinnedJobs = (): readonly CheckJob[] => [...modelJobs, ...encodingJobs.filter((j) => j.engine === "packed"), ...catalogueJobs, ...derivationPinnedJobs];

/** The figures an exhaustive check reports, as data. */
function explored(r: Pick<CheckSummary, "verdict" | "stats" | "witnesses">): CheckFigures {
  return { verdict: r.verdict, distinctStates: r.stats.distinctStates, transitions: r.stats.transitions, depth: r.stats.depth, witnesses: r.witnesses };
}

const withView = (r: CheckSummary) => (r.counterexample ? { counterexample: r.counterexample } : {});

// The variants that explore for seconds (the first on the object engine, which the packed
// encoding cannot hold it in).
const catalogueCost: Readonly<Record<string, number>> = { "ballot-reused-after-restart": 12, "lowest-reported-vote": 3, "first-reported-vote": 3 };

const catalogueJobs: CheckJob[] = catalogue.map((v) => ({ id: `variant:${v.name}`, variant: v.name, config: variantConfigInput(v), symmetry: catalogueSymmetry, cost: catalogueCost[v.name] ?? 1 }));
export const catalogueJob = (name: string) => catalogueJobs.find((j) => j.variant === name)!;

const catalogueStage = stage("catalogue", "each unsafe variant caught, each safe look-alike verified", catalogueJobs, async (log, jobs) => {
  const checks: CheckResult[] = [];
  for (const variant of catalogue) {
    const result = await checkOf(jobs, `variant:${variant.name}`);
    const caughtBy = result.violation?.property;
    const { passed, detail } = judgeVariant(variant, result);
    log(`${passed ? "ok  " : "FAIL"} ${variant.name.padEnd(30)} ${detail}`);
    const caught = result.verdict === "violation";
    const entry = { safe: variant.safe, caught, caughtBy: caughtBy ?? null, effort: result.stats.distinctStates, effortUnit: "states" as const, steps: result.violation?.length ?? null };
    checks.push({ name: variant.name, passed, detail, seconds: result.stats.seconds, figures: { ...explored(result), catalogue: entry }, ...withView(result) });
    checks.push(pinCheck(catalogueJob(variant.name), result, log));
  }
  return [...checks, ...(await envelopeChecks("catalogue", (name) => `variant:${name}`, jobs, log))];
});

/** A model variant's check as the catalogue judges it: unsafe caught by the property it breaks, safe verified. */
export function judgeVariant(variant: VariantInfo, result: CheckSummary): { passed: boolean; detail: string } {
  const caughtBy = result.violation?.property;
  const length = result.violation?.length;
  const longer = variant.shortest !== undefined && length !== variant.shortest;
  const passed = variant.safe ? result.verdict === "verified" : result.verdict === "violation" && caughtBy === variant.breaks && !longer;
  const detail = variant.safe
    ? `safe look-alike: ${result.verdict}${caughtBy ? ` (${caughtBy}: ${result.violation!.message})` : ""}`
    : `unsafe: ${result.verdict === "violation" ? `caught by ${caughtBy} in ${length} steps` : result.verdict}${caughtBy !== variant.breaks ? ` (expected ${variant.breaks})` : ""}${result.verdict === "violation" && longer ? ` (expected ${variant.shortest} steps: the variant is not the bug it names)` : ""}`;
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
export const verifyStages: readonly Stage[] = [modelCheck, catalogueStage, reference, derivationStage, multiPaxosStage, mbtStage, conformanceStage, traceValidationStage];
