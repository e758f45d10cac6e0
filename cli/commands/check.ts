// synod check: exhaustive breadth-first exploration of a model under the given bounds and
// faults. Exit 0 verified, 1 violation, 2 bad usage or config, 3 incomplete (a budget ended
// the run: nothing is verified).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { UsageError } from "../args.ts";
import type { Command } from "../main.ts";
import type { Model } from "../../checker/model.ts";
import type { ExploreResult } from "../../checker/result.ts";
import { runCheck, type CheckResult, type Engine } from "../../checker/run.ts";
import { traceFromCounterexample, writeTrace } from "../../checker/trace.ts";
import { catalogue } from "../../model/basic-paxos/catalogue.ts";
import { createPaxosModel } from "../../model/basic-paxos/paxos-model.ts";
import { createPackedPaxos } from "../../model/basic-paxos/packed/paxos.ts";
import { CONFIG_FLAGS, type ConfigFlagValues, configFlagOptions, configFromFlags, variantByName } from "../model-flags.ts";
import { counterexampleLines, progressLine, summary } from "../report.ts";
import { junitReport } from "../junit.ts";
import { prepareReportPaths } from "../report-paths.ts";
import { boundedWorkers } from "../workers.ts";
import { writeHtmlReport } from "../html-report.ts";
import { checkDocument } from "../check-document.ts";

const HELP = `usage: synod check [options]

Explores every reachable state of the model under the bounds and faults below, checks every
invariant on every state, every step property on every transition, that every reachability
witness is reached, and (Basic Paxos) that progress stays possible. On a violation it prints
the shortest run that breaks it and saves it as a JSON trace for \`synod replay\`.

model:
  --model NAME          basic (Basic Paxos, default) | lamport (Lamport's Paxos.tla)
  --config FILE         JSON file with Basic Paxos bounds and faults (flags override it)
${Object.entries(CONFIG_FLAGS).map(([f, s]) => `  --${(f + (s.kind === "int" ? " N" : "")).padEnd(20)}${s.help}`).join("\n")}
  --mutant NAME         check a broken variant from the bug catalogue instead of correct Paxos
  --list-mutants        list the catalogue's variants and exit
  --ballots N           lamport: ballots 0..N (default 2)
  --values N            lamport: number of values (default 2)

engine and budgets:
  --engine NAME         packed (states as 32-bit words, ~20x faster; the default for Basic Paxos
                        and lamport) | object (states as objects); the result does not depend on
                        it. Without --engine, a run the packed encoding cannot hold (some broken
                        variants) or one with --workers above 1 runs on the object engine, and
                        the report says so
  --workers N           worker threads (default 1; at most the cores, and 512 MiB of memory
                        each); the verdict and counts do not depend on it
  --symmetry            explore one state per class of states equal up to renaming acceptors
  --max-states N        stop with "incomplete" after N distinct states
  --max-seconds S       stop with "incomplete" after S seconds
  --max-memory MB       stop with "incomplete" before the visited set exceeds MB megabytes

output:
  --json                print the report as JSON on stdout
  --junit FILE          also write a JUnit XML report
  --html FILE           also write an HTML report: the figures, the counterexample to step through
  --trace-out FILE      where to save a counterexample (default .synod/counterexample-MODEL-PROPERTY.json)
  -h, --help            this help

exit codes: 0 verified, 1 violation, 2 bad usage or config, 3 incomplete.`;

type Parsed = ReturnType<typeof parse>;

function parse(argv: readonly string[]) {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      ...configFlagOptions(),
      model: { type: "string" }, config: { type: "string" }, mutant: { type: "string" }, "list-mutants": { type: "boolean" },
      ballots: { type: "string" }, values: { type: "string" }, workers: { type: "string" }, symmetry: { type: "boolean" }, engine: { type: "string" },
      "max-states": { type: "string" }, "max-seconds": { type: "string" }, "max-memory": { type: "string" },
      json: { type: "boolean" }, junit: { type: "string" }, html: { type: "string" }, "trace-out": { type: "string" }, help: { type: "boolean", short: "h" },
    },
  });
  return values;
}

function positive(flag: string, text: string | undefined, integer = true): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new UsageError(`--${flag}: must be a positive ${integer ? "whole " : ""}number, got '${text}'`);
  return n;
}

type Job = { model: Model<unknown, unknown>; mutant?: string; run: (opts: object) => Promise<ExploreResult<unknown, unknown> & { engine?: Engine; engineNote?: string }> };

function engineFlag(text: string | undefined): Engine | undefined {
  if (text === undefined || text === "object" || text === "packed") return text;
  throw new UsageError(`--engine: must be object or packed, got '${text}'`);
}

async function buildJob(f: Parsed): Promise<Job> {
  const which = f.model ?? "basic";
  if (which === "lamport") {
    const { createLamportModel } = await import("../../model/lamport/model.ts");
    const { checkLamport } = await import("../../model/lamport/check.ts");
    const config = { acceptors: positive("acceptors", (f as ConfigFlagValues).acceptors as string | undefined) ?? 3, values: positive("values", f.values) ?? 2, ballots: f.ballots === undefined ? 2 : Number(f.ballots) };
    if (!Number.isInteger(config.ballots) || config.ballots < 0 || config.ballots > 6) throw new UsageError(`--ballots: must be a whole number from 0 to 6, got '${f.ballots}'`);
    const model = createLamportModel(config) as unknown as Model<unknown, unknown>;
    if (engineFlag(f.engine) === "object") throw new UsageError("--engine object: the lamport model runs on the packed engine only");
    return { model, run: async (opts) => ({ ...((await checkLamport(config, opts)) as ExploreResult<unknown, unknown>), engine: "packed" as const }) };
  }
  if (which !== "basic") throw new UsageError(`--model: must be basic or lamport, got '${which}'`);
  const variant = variantByName(f.mutant);
  const config = configFromFlags(f as ConfigFlagValues, f.config, variant);
  const model = createPaxosModel(config, variant) as Model<unknown, unknown>;
  const engine = engineFlag(f.engine);
  const spec = variant ? undefined : { module: new URL("../../model/basic-paxos/paxos-model.ts", import.meta.url).href, factory: "createPaxosModel", config };
  const packed = () => createPackedPaxos({ config, ...(variant ? { variant: variant.name } : {}) }) as never;
  return {
    model,
    ...(variant ? { mutant: variant.name } : {}),
    run: (opts) => runCheck(model, { ...opts, ...(engine ? { engine } : {}) }, spec, packed) as Promise<CheckResult<unknown, unknown>>,
  };
}

function listMutants(): void {
  for (const v of catalogue) console.log(`${v.name.padEnd(30)}${v.safe ? "safe  " : "unsafe"}  ${v.breaks ? `breaks ${v.breaks}; ` : ""}${v.summary}`);
}

export const command: Command = {
  summary: "explore the model exhaustively and check every invariant",
  async run(argv) {
    let f: Parsed;
    let job: Job;
    let budgets: object;
    try {
      f = parse(argv);
      if (f.help) return console.log(HELP), 0;
      if (f["list-mutants"]) return listMutants(), 0;
      job = await buildJob(f);
      prepareReportPaths({ junit: f.junit, html: f.html, "trace-out": f["trace-out"] });
      const memory = positive("max-memory", f["max-memory"], false);
      budgets = {
        ...(f["max-states"] ? { maxStates: positive("max-states", f["max-states"]) } : {}),
        ...(f["max-seconds"] ? { maxSeconds: positive("max-seconds", f["max-seconds"], false) } : {}),
        ...(memory ? { maxMemoryBytes: memory * 1024 * 1024 } : {}),
        ...(f.workers ? { workers: boundedWorkers(positive("workers", f.workers)!) } : {}),
        ...(f.symmetry ? { symmetry: true } : {}),
      };
    } catch (err) {
      console.error(`synod check: ${(err as Error).message}\n(see synod check --help)`);
      return 2;
    }
    const progress = progressLine();
    if (!f.json) console.log(`synod check: ${job.model.name}${job.mutant ? ` (mutant ${job.mutant})` : ""} ${JSON.stringify(job.model.config)}`);
    let result: Awaited<ReturnType<Job["run"]>>;
    try {
      result = await job.run({ ...budgets, ...(progress.onProgress ? { onProgress: progress.onProgress } : {}) });
    } catch (err) {
      progress.done();
      console.error(`synod check: ${(err as Error).message}`);
      return 2;
    }
    progress.done();
    let tracePath: string | undefined;
    if (result.violation && result.violation.steps.length > 0) {
      tracePath = f["trace-out"] ?? `.synod/counterexample-${job.model.name}-${result.violation.property}.json`;
      mkdirSync(dirname(tracePath), { recursive: true });
      writeTrace(tracePath, traceFromCounterexample(job.model, result.violation, job.mutant));
    }
    if (f.junit) writeFileSync(f.junit, junitReport("synod check", [{ name: `${job.model.name}${job.mutant ? ` ${job.mutant}` : ""}`, result }]));
    if (f.html) writeHtmlReport(f.html, checkDocument(["synod check", ...argv].join(" "), job, result, tracePath));
    if (f.json) {
      const { violation, ...rest } = result;
      console.log(JSON.stringify({ model: job.model.name, mutant: job.mutant, config: job.model.config, ...rest, violation: violation && { kind: violation.kind, property: violation.property, message: violation.message, length: violation.steps.length }, trace: tracePath }, null, 2));
    } else {
      for (const line of [...counterexampleLines(job.model, result), ...summary(result)]) console.log(line);
      if (result.engine) console.log(`engine: ${result.engine}${result.engineNote ? ` (${result.engineNote})` : ""}`);
      if (tracePath) console.log(`trace saved to ${tracePath}; replay it with: npx synod replay ${tracePath}`);
    }
    return result.verdict === "verified" ? 0 : result.verdict === "violation" ? 1 : 3;
  },
};
