// synod mbt: model-based testing of the implementation. fast-check generates schedules of the
// model's own actions; each step runs on the model and on impl/ (SimCluster) in lockstep, and
// after every step the observables are compared and every invariant checked on both. A failure
// prints the shrunk schedule, the seed and path with a one-line replay command, and saves it as
// a trace for `synod replay`. Exit 0 pass, 1 failure found, 2 bad usage.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import type { Command } from "../main.ts";
import { writeTrace } from "../../checker/trace.ts";
import { VariantName, variantNames } from "../../harness/impl-variants.ts";
import { catalogueEntry, caughtBy, DEFAULT_BUDGET, focusConfigs, lockstepConfig, shortcutsEntry, type FocusName } from "../../mbt/catalogue.ts";
import { checkLockstep, type LockstepResult } from "../../mbt/property.ts";
import { formatSchedule } from "../../mbt/report.ts";
import { lockstepTrace } from "../../mbt/trace.ts";
import { UsageError, parseArgs } from "../args.ts";
import { namesTarget, runTargetMode } from "../target/delegate.ts";
import { prepareReportPaths } from "../report-paths.ts";
import { writeHtmlReport } from "../html-report.ts";
import { mbtDocument } from "../mbt-document.ts";

const HELP = `usage: synod mbt [options]

Model-based testing: fast-check generates schedules of model actions (propose, deliver,
redeliver, lose, timeout, crash and restart of proposers and acceptors); each step runs on the
model and on the implementation in lockstep. After every step promises, votes, up/down, the
messages in flight and the learned values are compared, and every invariant is checked on
both. The model config is the one the implementation catalogue uses for the variant
(docs/mbt.md).

  --variant NAME      implementation variant (default correct): ${variantNames.join(", ")}
  --storage KIND      memory (default) or file (the durable WAL in a temp directory)
  --runs N            schedules to generate (default ${DEFAULT_BUDGET.runs})
  --seed N            fast-check seed (default ${DEFAULT_BUDGET.seed})
  --path P            fast-check path of a failure: replays it without searching again
  --steps N           choices per schedule, at most (default ${DEFAULT_BUDGET.maxSteps})
  --focus NAME        run under a focused model config instead of the variant's:
                      ${Object.keys(focusConfigs).join(", ")} (the envelope, docs/ci.md)
  --shortcuts         the proposer as the TCP store runs it (phase 2a to all acceptors, learning
                      from promises); judged by the invariants on both sides (docs/mbt.md)
  --trace-out FILE    where to save a failure (default .synod/mbt-VARIANT-STORAGE-SEED.json)
  --html FILE         also write an HTML report: the failing schedule to step through, model
                      and implementation side by side
  --json              print the result as JSON
  -h, --help          this help

Your own implementation instead of impl/ (docs/targets.md): --target MODULE or --target-cmd
"COMMAND"; \`synod mbt --target X --help\` lists the flags of that mode.

exit codes: 0 every schedule agreed, 1 a failure was found, 2 bad usage.`;

const Flags = z.strictObject({
  variant: VariantName.default("correct"),
  storage: z.enum(["memory", "file"], { error: "storage must be memory or file" }).default("memory"),
  runs: z.coerce.number({ error: "runs must be a number" }).int().min(1, "runs must be at least 1").default(DEFAULT_BUDGET.runs),
  seed: z.coerce.number({ error: "seed must be a number" }).int().default(DEFAULT_BUDGET.seed),
  path: z.string().regex(/^\d+(:\d+)*$/, "path must look like 12:0:3 (as fast-check prints it)").optional(),
  steps: z.coerce.number({ error: "steps must be a number" }).int().min(1, "steps must be at least 1").max(1000, "steps must be at most 1000").default(DEFAULT_BUDGET.maxSteps),
  "trace-out": z.string().min(1).optional(),
  html: z.string().min(1).optional(),
  focus: z.enum(Object.keys(focusConfigs) as [FocusName, ...FocusName[]], { error: `focus must be one of ${Object.keys(focusConfigs).join(", ")}` }).optional(),
  shortcuts: z.boolean().default(false),
  json: z.boolean().default(false),
  help: z.boolean().default(false),
});

function parse(argv: readonly string[]) {
  const { flags: values, positionals } = parseArgs(argv, {
    variant: { value: "NAME", help: "" }, storage: { value: "KIND", help: "" }, runs: { value: "N", help: "" }, seed: { value: "N", help: "" }, path: { value: "PATH", help: "" },
    steps: { value: "N", help: "" }, "trace-out": { value: "FILE", help: "" }, html: { value: "FILE", help: "" }, focus: { value: "NAME", help: "" }, shortcuts: { boolean: true, help: "" }, json: { boolean: true, help: "" },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const parsed = Flags.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`--${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}

/** The one command that replays a failure: the same variant, storage, seed and path. */
export function replayInvocation(f: { variant: string; storage: string; seed: number; steps: number; shortcuts: boolean; focus?: string | undefined }, path: string): string {
  const steps = f.steps === DEFAULT_BUDGET.maxSteps ? "" : ` --steps ${f.steps}`;
  return `npx synod mbt --variant ${f.variant}${f.focus ? ` --focus ${f.focus}` : ""} --storage ${f.storage}${f.shortcuts ? " --shortcuts" : ""} --seed ${f.seed} --path ${path}${steps}`;
}


export const command: Command = {
  summary: "model-based tests: the implementation in lockstep with the model, schedules from fast-check",
  async run(argv) {
    if (namesTarget(argv)) return runTargetMode("mbt", argv, async () => (await import("../target/mbt.ts")).runTargetMbt);
    let f: ReturnType<typeof parse>;
    try {
      f = parse(argv);
      if (!f.help) prepareReportPaths({ html: f.html, "trace-out": f["trace-out"] });
    } catch (err) {
      console.error(`synod mbt: ${(err as Error).message}\n(see synod mbt --help)`);
      return 2;
    }
    if (f.help) return console.log(HELP), 0;
    const budget = { ...DEFAULT_BUDGET, runs: f.runs, seed: f.seed, maxSteps: f.steps, ...(f.path ? { path: f.path } : {}) };
    const options = { config: lockstepConfig(f.variant, f.focus), variant: f.variant, storage: f.storage, ...catalogueEntry(f.variant).options, ...(f.shortcuts ? shortcutsEntry.options : {}) };
    const r = await checkLockstep(options, budget);
    const tracePath = r.failure ? saveTrace(f, r) : undefined;
    if (f.html) writeHtmlReport(f.html, await mbtDocument(["synod mbt", ...argv].join(" "), options, r, tracePath && replayInvocation(f, r.failure!.path)));
    if (f.json) printJson(f, r, tracePath);
    else printHuman(f, r, tracePath);
    return r.passed ? 0 : 1;
  },
};

function saveTrace(f: ReturnType<typeof parse>, r: LockstepResult): string {
  // Storage and shortcuts in the name: the memory and the file run of one variant keep a trace each.
  const path = f["trace-out"] ?? `.synod/mbt-${f.variant}${f.focus ? `-${f.focus}` : ""}${f.shortcuts ? "-shortcuts" : ""}-${f.storage}-${r.seed}.json`;
  mkdirSync(dirname(path), { recursive: true });
  const meta = { config: lockstepConfig(f.variant, f.focus), variant: f.variant, storage: f.storage, seed: r.seed, path: r.failure!.path, shortcuts: f.shortcuts };
  writeTrace(path, lockstepTrace(meta, r.failure!.run.steps));
  return path;
}

function printHuman(f: ReturnType<typeof parse>, r: LockstepResult, tracePath: string | undefined): void {
  const config = lockstepConfig(f.variant, f.focus);
  console.log(`synod mbt: implementation variant ${f.variant}${f.shortcuts ? " with the TCP store's proposer shortcuts (judged by invariants)" : ""}, ${f.storage} storage, seed ${r.seed}`);
  console.log(`   model config ${JSON.stringify(config)}`);
  const rate = `${r.stepsRun.toLocaleString("en-US")} lockstep steps in ${r.seconds.toFixed(1)} s (${Math.round(r.stepsRun / r.seconds).toLocaleString("en-US")} steps/s)`;
  console.log(`   coverage: ${r.coverage.states.toLocaleString("en-US")} distinct model states, ${r.coverage.transitions.toLocaleString("en-US")} transitions visited by the generated schedules`);
  if (r.passed || !r.failure) return console.log(`PASS: ${r.runs} schedules, model and implementation agreed at every step; ${rate}`);
  const failed = r.failure.run.failed!;
  console.log(`FAIL after ${r.runs} schedules: ${caughtBy(failed)} at step ${failed.step} of the shrunk schedule (${r.failure.shrinks} shrinks); ${rate}`);
  for (const line of formatSchedule(r.failure.run.steps)) console.log(line);
  console.log(`seed ${r.seed}, path ${r.failure.path}`);
  console.log(`replay it: ${replayInvocation(f, r.failure.path)}`);
  console.log(`trace saved to ${tracePath}; replay it on model and implementation with: npx synod replay ${tracePath}`);
}

function printJson(f: ReturnType<typeof parse>, r: LockstepResult, tracePath: string | undefined): void {
  const failure = r.failure && {
    caughtBy: caughtBy(r.failure.run.failed!),
    path: r.failure.path,
    shrinks: r.failure.shrinks,
    steps: r.failure.run.steps.map((s) => ({ step: s.step, description: s.description, ok: s.ok, differences: s.differences, broken: s.broken })),
    replay: replayInvocation(f, r.failure.path),
    trace: tracePath,
  };
  console.log(JSON.stringify({ variant: f.variant, storage: f.storage, shortcuts: f.shortcuts, passed: r.passed, runs: r.runs, seed: r.seed, coverage: r.coverage, stepsRun: r.stepsRun, seconds: r.seconds, ...(failure ? { failure } : {}) }, null, 2));
}
