// synod check: exhaustive breadth-first exploration of a registered model under the given
// bounds and faults. Exit 0 verified, 1 violation, 2 bad usage or config, 3 incomplete (a
// budget ended the run: nothing is verified).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import type { Command } from "../main.ts";
import type { ModelDefinition } from "../../checker/definition.ts";
import type { ModelRegistry } from "../../checker/registry.ts";
import { check, CheckRefused } from "../../checker/check.ts";
import { removeStaleSpillFolders } from "../../checker/spill-folder.ts";
import type { CheckOptions, CheckResult } from "../../checker/result.ts";
import { traceFromCounterexample, writeTrace } from "../../checker/trace.ts";
import { registry as builtins } from "../../model/registry.ts";
import { helpRows, parseArgs, UsageError, validate, type FlagSpec } from "../args.ts";
import { configFromFlags, modelFlagSpec, modelNamed, variantFlag } from "../model-flags.ts";
import { counterexampleLines, progressLine, summary } from "../report.ts";
import { junitReport } from "../junit.ts";
import { prepareReportPaths } from "../report-paths.ts";
import { boundedWorkers } from "../workers.ts";
import { writeHtmlReport } from "../html-report.ts";
import { checkDocument } from "../check-document.ts";
import { checkReportJson } from "../check-report.ts";

const DEFAULT_MODEL = "basic-paxos";

const runFlags: FlagSpec = {
  "list-models": { boolean: true, help: "list the registered models and exit" },
  "list-mutants": { boolean: true, help: "list the model's bug catalogue and exit" },
  engine: { value: "NAME", help: "packed (states as 32-bit words, the default where the model has it) | object; the result does not depend on it" },
  workers: { value: "N", help: "worker threads exploring together (default 1; at most the cores, and 512 MiB of memory each); the verdict and counts do not depend on it" },
  liveness: { boolean: true, help: "also judge the model's 'eventually' properties under weak fairness (one thread; not with --symmetry or --shard)" },
  symmetry: { boolean: true, help: "explore one state per class of states equal up to renaming (acceptors; Paxos.tla: and values)" },
  shard: { value: "I/N", help: "explore only shard I of N (1-based), to spread one run over machines; shards do not judge witnesses or progress" },
  "max-states": { value: "N", help: 'stop with "incomplete" after N distinct states' },
  "max-seconds": { value: "S", help: 'stop with "incomplete" after S seconds' },
  "max-memory": { value: "MB", help: 'stop with "incomplete" before the process holds more than MB megabytes (MiB): its visited set, queue and edges at their peaks while they grow, and all it holds resident (heap, code, workers)' },
  fingerprint: { boolean: true, help: "keep 64-bit fingerprints of visited states, not the states (packed engine; TLC's way): more states in memory, at a stated risk of a collision hiding one" },
  "queue-memory": { value: "MB", help: "with --fingerprint: megabytes of states to expand kept in memory, the rest spilled to disk (default a quarter of --max-memory, else 1024)" },
  "edge-memory": { value: "MB", help: "megabytes of the edges the progress check reads kept in memory, the rest spilled to disk (default a quarter of --max-memory, else all in memory; one worker or --fingerprint, not with --shard)" },
  json: { boolean: true, help: "print the report as JSON on stdout" },
  progress: { value: "S", help: "print a progress line to stderr every S seconds, terminal or not (the log of a long run)" },
  junit: { value: "FILE", help: "also write a JUnit XML report" },
  html: { value: "FILE", help: "also write an HTML report: the figures, the counterexample to step through" },
  "trace-out": { value: "FILE", help: "where to save a counterexample (default .synod/counterexample-MODEL-PROPERTY.json)" },
};

function help(d: ModelDefinition, registry: ModelRegistry): string {
  return `usage: synod check [--model NAME] [options]

Explores every reachable state of the model under its bounds and faults, checks every invariant
on every state, every step property on every transition, that every reachability witness is
reached, and (where the model has one) that progress stays possible. On a violation it prints
the shortest run that breaks it and saves it as a JSON trace for \`synod replay\`.

models: ${registry.names.join(", ")} (--list-models); the flags below are ${d.name}'s
(\`synod check --model NAME --help\` shows another model's).

model:
${helpRows(modelFlagSpec(d)).join("\n")}

engine, budgets and output:
${helpRows(runFlags).join("\n")}
  -h, --help              this help

With --liveness, each 'eventually' property is judged over the explored graph under weak fairness
(every delivery to a live node and every step of a live proposer happens if it stays enabled;
losses, crashes and restarts need not happen): it holds, it is violated (the counterexample is a
lasso: a run into a cycle, or into a state it never leaves, where the property stays false), or
it is bounded (a bound, such as retries or epochs, cut the only runs that do not reach it: neither
a pass nor a violation; raise the bound to learn more). Where the model says which states are the
same but for their ballots (Basic Paxos), a run that comes back to its state with every ballot
renamed is a lasso too: it repeats for ever without the bound (duelling proposers).

exit codes: 0 verified, 1 violation, 2 bad usage or config, 3 incomplete, 4 bounded (liveness only).`;
}

const Numbers = z.object({
  workers: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").optional(),
  "max-states": z.coerce.number().int("must be a whole number").positive("must be positive").optional(),
  "max-seconds": z.coerce.number().positive("must be positive").optional(),
  "max-memory": z.coerce.number().positive("must be positive").optional(),
  "queue-memory": z.coerce.number().positive("must be positive").optional(),
  "edge-memory": z.coerce.number().positive("must be positive").optional(),
  progress: z.coerce.number().positive("must be positive").optional(),
  engine: z.enum(["packed", "object"], { error: "must be packed or object" }).optional(),
  shard: z.string().regex(/^\d+\/\d+$/, "must look like I/N, e.g. 2/4").optional(),
});

function shardOf(text: string | undefined): { index: number; count: number } | undefined {
  if (text === undefined) return undefined;
  const [i, n] = text.split("/").map(Number) as [number, number];
  if (n < 1 || i < 1 || i > n) throw new UsageError(`--shard ${text}: I must be in 1..N`);
  return { index: i - 1, count: n };
}

function listModels(registry: ModelRegistry): void {
  for (const d of registry.definitions) console.log(`${d.name.padEnd(16)}${d.packed ? "packed+object" : "object       "}  ${d.variants.length} variants  ${d.summary}`);
}

function listMutants(d: ModelDefinition): void {
  if (d.variants.length === 0) console.log(`${d.name} has no variants`);
  for (const v of d.variants) console.log(`${v.name.padEnd(30)}${v.safe ? "safe  " : "unsafe"}  ${v.breaks ? `breaks ${v.breaks}; ` : ""}${v.summary}`);
}

type Job = { definition: ModelDefinition; config: unknown; mutant?: string; options: CheckOptions; flags: Record<string, string | boolean>; progressSeconds?: number };

function parse(argv: readonly string[], registry: ModelRegistry): Job | "done" {
  const definition = modelNamed(argv, registry, DEFAULT_MODEL);
  const { flags, positionals } = parseArgs(argv, { ...modelFlagSpec(definition), ...runFlags });
  if (flags.help) return console.log(help(definition, registry)), "done";
  if (flags["list-models"]) return listModels(registry), "done";
  if (flags["list-mutants"]) return listMutants(definition), "done";
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const variant = variantFlag(definition, flags.mutant as string | undefined);
  const config = configFromFlags(definition, flags, variant);
  const n = validate(Numbers, flags);
  if (n.workers !== undefined) boundedWorkers(n.workers);
  prepareReportPaths({ junit: flags.junit as string | undefined, html: flags.html as string | undefined, "trace-out": flags["trace-out"] as string | undefined });
  const shard = shardOf(n.shard);
  const options: CheckOptions = {
    ...(n["max-states"] !== undefined ? { maxStates: n["max-states"] } : {}),
    ...(n["max-seconds"] !== undefined ? { maxSeconds: n["max-seconds"] } : {}),
    ...(n["max-memory"] !== undefined ? { maxMemoryBytes: n["max-memory"] * 1024 * 1024 } : {}),
    ...(n.workers !== undefined ? { workers: n.workers } : {}),
    ...(n.engine ? { engine: n.engine } : {}),
    ...(flags.symmetry ? { symmetry: true } : {}),
    ...(flags.fingerprint ? { fingerprint: true } : {}),
    ...(n["queue-memory"] !== undefined ? { queueMemoryBytes: n["queue-memory"] * 1024 * 1024 } : {}),
    ...(n["edge-memory"] !== undefined ? { edgeMemoryBytes: n["edge-memory"] * 1024 * 1024 } : {}),
    ...(flags.liveness ? { liveness: true } : {}),
    ...(shard ? { shard } : {}),
  };
  return { definition, config, ...(variant ? { mutant: variant.name } : {}), options, flags, ...(n.progress !== undefined ? { progressSeconds: n.progress } : {}) };
}

/** `synod check` over a registry (the built-in one, or one with more models: tests, tools). */
export function checkCommand(registry: ModelRegistry): Command {
  return {
    summary: "explore the model exhaustively and check every invariant",
    async run(argv) {
      let job: Job | "done";
      try {
        job = parse(argv, registry);
      } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        console.error(`synod check: ${err.message}\n(see synod check --help)`);
        return 2;
      }
      if (job === "done") return 0;
      return runJob(job, argv);
    },
  };
}

async function runJob(job: Job, argv: readonly string[]): Promise<number> {
  const { definition: d, flags } = job;
  const model = d.create(job.config, job.mutant);
  const progress = progressLine(process.stderr, job.progressSeconds);
  if (!flags.json) console.log(`synod check: ${d.name}${job.mutant ? ` (mutant ${job.mutant})` : ""} ${JSON.stringify(job.config)}`);
  let result: CheckResult<unknown, unknown>;
  // What a run stopped by a signal (Ctrl-C, a CI job's timeout, the out-of-memory killer)
  // spilled to disk can be gigabytes: the next run removes it. A handler could not do it at
  // once: a level is expanded without returning to the event loop.
  removeStaleSpillFolders();
  try {
    result = await check({ definition: d, config: job.config, ...(job.mutant ? { variant: job.mutant } : {}) }, { ...job.options, ...(progress.onProgress ? { onProgress: progress.onProgress } : {}) });
  } catch (err) {
    progress.done();
    if (!(err instanceof CheckRefused)) throw err;
    console.error(`synod check: ${err.message}`);
    return 2;
  }
  progress.done();
  let tracePath: string | undefined;
  if (result.violation && result.violation.steps.length > 0) {
    tracePath = (flags["trace-out"] as string | undefined) ?? `.synod/counterexample-${d.name}-${result.violation.property}.json`;
    mkdirSync(dirname(tracePath), { recursive: true });
    writeTrace(tracePath, traceFromCounterexample(model, result.violation, job.mutant));
  }
  if (typeof flags.junit === "string") writeFileSync(flags.junit, junitReport("synod check", [{ name: `${d.name}${job.mutant ? ` ${job.mutant}` : ""}`, result }]));
  if (typeof flags.html === "string") writeHtmlReport(flags.html, checkDocument(["synod check", ...argv].join(" "), { model, ...(job.mutant ? { mutant: job.mutant } : {}) }, result, tracePath));
  if (flags.json) {
    const reportJob = { model: d.name, ...(job.mutant ? { mutant: job.mutant } : {}), config: job.config, symmetry: job.options.symmetry === true, ...(job.options.shard ? { shard: job.options.shard } : {}) };
    console.log(JSON.stringify(checkReportJson(reportJob, result, tracePath), null, 2));
  } else {
    for (const line of [...counterexampleLines(model, result), ...summary(result)]) console.log(line);
    console.log(`engine: ${result.engine}${result.fingerprint ? " (fingerprints)" : ""}${result.workers > 1 ? `, ${result.workers} workers` : ""}${result.engineNote ? ` (${result.engineNote})` : ""}`);
    if (tracePath) console.log(`trace saved to ${tracePath}; replay it with: npx synod replay ${tracePath}`);
  }
  return result.verdict === "verified" ? 0 : result.verdict === "violation" ? 1 : result.verdict === "bounded" ? 4 : 3;
}

export const command: Command = checkCommand(builtins);
