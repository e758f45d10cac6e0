// `synod mbt --target MODULE | --target-cmd COMMAND`: model-based testing of an outside
// implementation (docs/targets.md). Random schedules of Synod's commands run on the target,
// every step judged by the invariants; a failure is shrunk, printed step by step with what each
// sent, and saved as a trace that `synod replay` runs on the same target. Exit 0 pass, 1 failure
// (or no run chose a value: a pass that tested nothing), 2 bad usage.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import { helpText, parseArgs, UsageError, validate, type FlagSpec } from "../args.ts";
import { loadTarget, targetFlags, type LoadedTarget } from "./flags.ts";
import { TARGET_MBT_BUDGET, targetMbt, type TargetMbtResult } from "../../api/target.ts";
import { targetTrace, violationOfStep, writeTargetTrace } from "../../target/trace.ts";
import { Capabilities } from "../../target/vocabulary.ts";
import { caughtByStep, formatTargetSteps, targetHeader } from "./report.ts";


const spec: FlagSpec = {
  ...targetFlags,
  runs: { value: "N", help: `schedules to generate (default ${TARGET_MBT_BUDGET.runs})` },
  seed: { value: "N", help: `fast-check seed (default ${TARGET_MBT_BUDGET.seed})` },
  path: { value: "P", help: "fast-check path of a failure: replays it without searching again" },
  steps: { value: "N", help: `commands per schedule, at most (default ${TARGET_MBT_BUDGET.maxSteps})` },
  "trace-out": { value: "FILE", help: "where to save a failure (default .synod/mbt-target-HASH-SEED.json)" },
  json: { boolean: true, help: "print the result as JSON" },
};

const usage = `usage: synod mbt (--target MODULE [--target-args K=V,...] | --target-cmd "COMMAND") [options]

Model-based testing of your own Paxos (docs/targets.md): Synod creates a cluster of the target
(acceptors a1.., proposers p1.. asked to propose A, B, ..), holds every message it sends, and
plays random schedules of proposals, timeouts, deliveries, duplicates, losses, crashes and
restarts. After every step the invariants are judged on what the target sent and learned.`;

const Flags = z.object({
  runs: z.coerce.number().int().min(1, "at least 1").default(TARGET_MBT_BUDGET.runs),
  seed: z.coerce.number().int().default(TARGET_MBT_BUDGET.seed),
  path: z.string().regex(/^\d+(:\d+)*$/, "a fast-check path looks like 12:0:3").optional(),
  steps: z.coerce.number().int().min(1).max(1000, "at most 1000").default(TARGET_MBT_BUDGET.maxSteps),
  "trace-out": z.string().min(1).optional(),
  json: z.boolean().default(false),
});

export const targetMbtHelp = helpText(usage, spec);

export async function runTargetMbt(argv: readonly string[]): Promise<number> {
  const { flags, positionals } = parseArgs(argv, spec);
  if (flags.help) return console.log(targetMbtHelp), 0;
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const { target: _t, "target-args": _a, "target-cmd": _c, "target-timeout": _m, "target-config": _g, ...rest } = flags;
  const f = validate(Flags, rest);
  const loaded = await loadTarget(flags);
  try {
    const r = await targetMbt(loaded.target, { config: loaded.config, runs: f.runs, seed: f.seed, maxSteps: f.steps, callTimeoutMs: loaded.timeoutMs, ...(f.path ? { path: f.path } : {}) });
    const replay = replayCommand(argv, r.seed, r.failure?.path);
    const trace = r.failure ? save(f["trace-out"] ?? `.synod/mbt-target-${loaded.identity.hash}-${r.seed}.json`, loaded, r) : undefined;
    const vacuous = r.passed && r.runsChoosing === 0;
    if (f.json) console.log(JSON.stringify(toJson(loaded, r, replay, trace, vacuous), null, 2));
    else print(loaded, r, replay, trace, vacuous);
    return r.passed && !vacuous ? 0 : 1;
  } finally {
    await loaded.target.dispose?.();
  }
}

/** The command line that replays a failure: the same flags, with the seed and path. */
function replayCommand(argv: readonly string[], seed: number, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (/^--(seed|path|runs|json|trace-out)(=|$)/.test(a)) {
      if (!a.includes("=") && a !== "--json") i++;
      continue;
    }
    kept.push(/\s/.test(a) ? JSON.stringify(a) : a);
  }
  return `npx synod mbt ${kept.join(" ")} --seed ${seed} --path ${path}`;
}

function save(file: string, loaded: LoadedTarget, r: TargetMbtResult): string {
  mkdirSync(dirname(file), { recursive: true });
  writeTargetTrace(file, targetTrace(loaded.identity, loaded.config, r.seed, r.failure!.run.steps, r.failure!.path));
  return file;
}

function print(loaded: LoadedTarget, r: TargetMbtResult, replay: string | undefined, trace: string | undefined, vacuous: boolean): void {
  for (const line of targetHeader("mbt", loaded.identity, Capabilities.parse(loaded.target.capabilities), loaded.config, r.whiteBox)) console.log(line);
  const rate = `${r.stepsRun.toLocaleString("en-US")} steps in ${r.seconds.toFixed(1)} s (${Math.round(r.stepsRun / Math.max(r.seconds, 1e-9)).toLocaleString("en-US")} steps/s)`;
  console.log(`   coverage: ${r.coverage.states.toLocaleString("en-US")} distinct observable states; a value was chosen in ${r.runsChoosing} of ${r.runs} runs`);
  if (r.passed) {
    if (vacuous) return console.log(`FAIL: no run chose a value in ${r.runs} schedules, so no invariant was put to the test; ${rate}`);
    return console.log(`PASS: ${r.runs} schedules, no invariant broken; ${rate}`);
  }
  const failed = r.failure!.run.failed!;
  console.log(`FAIL after ${r.runs} schedules: ${caughtByStep(failed)} at step ${failed.step} of the shrunk schedule (${r.failure!.shrinks} shrinks); ${rate}`);
  for (const line of formatTargetSteps(r.failure!.run.steps)) console.log(line);
  console.log(`seed ${r.seed}, path ${r.failure!.path}`);
  if (replay) console.log(`replay it: ${replay}`);
  if (trace) console.log(`trace saved to ${trace}; replay it on the same target with: npx synod replay ${trace}`);
}

function toJson(loaded: LoadedTarget, r: TargetMbtResult, replay: string | undefined, trace: string | undefined, vacuous: boolean) {
  const failed = r.failure?.run.failed;
  return {
    target: loaded.identity,
    config: loaded.config,
    passed: r.passed && !vacuous,
    vacuous,
    runs: r.runs,
    runsChoosing: r.runsChoosing,
    seed: r.seed,
    coverage: r.coverage,
    stepsRun: r.stepsRun,
    seconds: r.seconds,
    ...(failed
      ? {
          failure: {
            caughtBy: violationOfStep(failed)!.property,
            step: failed.step,
            path: r.failure!.path,
            shrinks: r.failure!.shrinks,
            steps: r.failure!.run.steps.map((s) => ({ step: s.step, description: s.description, sent: s.sent, learned: s.learned, broken: s.broken, fault: s.fault })),
            replay,
            trace,
          },
        }
      : {}),
  };
}
