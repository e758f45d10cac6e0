// synod verify, what `npm start` runs in CI: named stages, one summary, one exit code.
//   model-check   the default Basic Paxos configuration, exhaustively, witnesses and progress
//   catalogue     every unsafe variant caught by the property it breaks, every safe one verified
//   reference     Lamport's Paxos.tla at ballots 0..2, whose state count must equal TLC's
//   model-based, conformance, trace-validation   the implementation judged by the model
import { writeFileSync } from "node:fs";
import { parseArgs } from "../args.ts";
import type { Command } from "../main.ts";
import type { JunitCase } from "../junit.ts";
import { junitReport } from "../junit.ts";
import { verifyStages } from "../verify/stages.ts";
import type { Stage, StageResult } from "../verify/stage.ts";
import { scheduleJobs, type JobResults } from "../verify/job.ts";
import { runJobPool } from "../verify/job-pool.ts";
import { prepareReportPaths } from "../report-paths.ts";
import { verifyDocument, writeHtmlReport, type StageRun } from "../html-report.ts";
import { loadTarget, targetFlags, wantsTarget, type LoadedTarget } from "../target/flags.ts";
import { targetStages } from "../verify/target-stages.ts";
import { describeIdentity } from "../../target/identity.ts";

const HELP = `usage: synod verify [--json] [--junit FILE] [--html FILE] [--only STAGE[,STAGE]]

The CI job: runs every stage and exits non-zero if any fails.
  model-check   the default Basic Paxos configuration and the envelope's (docs/ci.md), explored
                exhaustively; the object and packed encodings compared
  catalogue     the bug catalogue: each unsafe variant caught, each safe look-alike verified
  reference     Lamport's Paxos.tla (3 acceptors, 2 values, ballots 0..2) against TLC's counts
  derivation    seed 004's three schemes, Basic Paxos's duelling proposers and a distinguished one:
                safety and liveness verdicts
  multi-paxos   seed 002's Multi-Paxos: one stable leader decides every request; the catalogue
                entries caught in under a thousand states
  model-based   the implementation in lockstep with the model (fast-check schedules, memory and
                file storage); the implementation's bug catalogue caught, its safe variants pass
  conformance   the implementation replayed on every model path up to a depth and on every
                transition of the small configurations, with coverage
  trace-validation  a real TCP run's protocol event logs checked against the model

  --json         print the report as JSON on stdout
  --junit FILE   write a JUnit XML report (one test case per check)
  --html FILE    write an HTML report: the stages' figures, every counterexample to step through
  --only LIST    run only these stages (comma-separated)
  --target MODULE [--target-args K=V,...] | --target-cmd "COMMAND"
                 verify your own Paxos instead (docs/targets.md): the stages model-based and
                 conformance run on that target, judged by the invariants and trace validation
  -h, --help     this help

exit codes: 0 every stage passed, 1 a stage failed, 2 bad usage.`;

export const command: Command = {
  summary: "the CI job: the model checked, then the implementation judged by the model",
  async run(argv) {
    let values: { json?: boolean; junit?: string; html?: string; only?: string; help?: boolean };
    let stages: readonly Stage[] = verifyStages;
    let target: LoadedTarget | undefined;
    try {
      const { flags, positionals } = parseArgs(argv, { json: { boolean: true, help: "" }, junit: { value: "FILE", help: "" }, html: { value: "FILE", help: "" }, only: { value: "LIST", help: "" }, ...targetFlags });
      if (positionals.length > 0) throw new Error(`unexpected argument '${positionals[0]}'`);
      values = flags;
      if (values.help) return console.log(HELP), 0;
      prepareReportPaths({ junit: values.junit, html: values.html });
      if (wantsTarget(flags)) {
        target = await loadTarget(flags);
        stages = targetStages(target);
      }
    } catch (err) {
      console.error(`synod verify: ${(err as Error).message}\n(see synod verify --help)`);
      return 2;
    }
    try {
      return await verify(argv, values, stages, target);
    } finally {
      await target?.target.dispose?.();
    }
  },
};

async function verify(argv: readonly string[], values: { json?: boolean; junit?: string; html?: string; only?: string }, verifyStages: readonly Stage[], target: LoadedTarget | undefined): Promise<number> {
    const only = values.only?.split(",").map((s) => s.trim());
    const unknown = only?.filter((name) => !verifyStages.some((s) => s.name === name));
    if (unknown && unknown.length > 0) {
      console.error(`synod verify: --only: unknown stage ${unknown.join(", ")} (stages: ${verifyStages.map((s) => s.name).join(", ")})`);
      return 2;
    }
    if (target && !values.json) console.log(`synod verify: target ${describeIdentity(target.identity)}`);
    const results: StageRun[] = [];
    const started = performance.now();
    const selected = verifyStages.filter((s) => !only || only.includes(s.name));
    // Every job of every selected stage (checks, and the implementation stages' runs) starts
    // now on both cores, the longest first; the few stages without jobs run on the main
    // thread meanwhile. Reports still print in stage order.
    const jobs = runJobPool(scheduleJobs(selected.flatMap((s) => s.jobs)));
    const progress = process.stderr.isTTY ? showProgress(jobs, started) : { clear: () => {}, stop: () => {} };
    const running = startStages(selected, jobs);
    for (const [i, stage] of selected.entries()) {
      if (!values.json) console.log(`== ${stage.name}: ${stage.title}`);
      const { result, lines } = await running[i]!;
      progress.clear();
      if (!values.json) for (const line of lines) console.log(`   ${line}`);
      if (!values.json) for (const c of result.checks) if (c.name === "stage error") console.log(`   error: ${c.detail}`);
      results.push({ ...result, title: stage.title, lines });
      if (!values.json) console.log(`   ${result.passed ? "PASS" : "FAIL"} ${stage.name} (${result.seconds.toFixed(1)} s of checks, reported at ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
    progress.stop();
    const passed = results.every((r) => r.passed);
    const seconds = (performance.now() - started) / 1000;
    if (values.junit) {
      const cases: JunitCase[] = results.flatMap((r) => r.checks.map((c) => ({ name: `${r.name}: ${c.name}`, seconds: c.seconds, ...(c.passed ? {} : { failure: c.detail }) })));
      writeFileSync(values.junit, junitReport(target ? `synod verify ${describeIdentity(target.identity)}` : "synod verify", cases));
    }
    if (values.html) {
      const bytes = writeHtmlReport(values.html, verifyDocument(["synod verify", ...argv].join(" "), results, seconds));
      if (!values.json) console.log(`HTML report written to ${values.html} (${(bytes / 1024).toFixed(0)} KiB)`);
    }
    if (values.json) console.log(JSON.stringify({ ...(target ? { target: target.identity } : {}), passed, seconds, stages: results }, null, 2));
    else console.log(`synod verify: ${passed ? "PASS" : "FAIL"}, ${results.filter((r) => r.passed).length}/${results.length} stages passed in ${seconds.toFixed(1)} s`);
    return passed ? 0 : 1;
}

/**
 * On a terminal, one line on stderr that counts the pool's jobs as they finish: stages print
 * in order, so the first one may wait for the slowest job, and a long run should not look hung.
 */
function showProgress(jobs: JobResults, started: number): { clear: () => void; stop: () => void } {
  let done = 0;
  const total = jobs.size;
  const clear = () => void process.stderr.write("\r\x1b[K");
  const draw = () => process.stderr.write(`\r\x1b[Ksynod verify: ${done} of ${total} jobs done, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  for (const p of jobs.values()) void p.then(() => void done++, () => void done++);
  const timer = setInterval(draw, 1000);
  // The line is erased before a stage prints, and drawn again at the next tick.
  return { clear, stop: () => (clearInterval(timer), clear()) };
}

type Finished = { readonly result: StageResult; readonly lines: readonly string[] };

/**
 * Starts every stage: those whose checks are pool jobs at once (they only await them), the
 * others in sequence, since they share the main thread. Each stage's log is kept for printing.
 */
function startStages(stages: readonly Stage[], jobs: JobResults): Promise<Finished>[] {
  let mainThread: Promise<unknown> = Promise.resolve();
  return stages.map((stage) => {
    const lines: string[] = [];
    const run = () => stage.run((line) => void lines.push(line), jobs).catch((err: Error): StageResult => failedStage(stage, err));
    const result = stage.jobs.length > 0 ? run() : mainThread.then(run);
    if (stage.jobs.length === 0) mainThread = result;
    return result.then((r) => ({ result: r, lines }));
  });
}

function failedStage(stage: Stage, err: Error): StageResult {
  return { name: stage.name, passed: false, seconds: 0, checks: [{ name: "stage error", passed: false, detail: err.message, seconds: 0 }] };
}
