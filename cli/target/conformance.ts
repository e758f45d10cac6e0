// `synod conformance --target MODULE | --target-cmd COMMAND`: bounded exhaustive exploration of
// an outside implementation (target/explore.ts): every schedule up to a depth, up to reordering
// of independent steps, each step judged by the invariants. By default the explorations of
// target/plan.ts; with --depth, one exploration of --target-config to that depth. Stops at the
// first failure, minimized, printed and saved for `synod replay`. Exit 0 pass, 1 failure (or no
// path chose a value), 2 bad usage.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { helpText, parseArgs, UsageError, type FlagSpec } from "../args.ts";
import { loadTarget, targetFlags, type LoadedTarget } from "./flags.ts";
import type { ExploreResult } from "../../target/explore.ts";
import { defaultPlan, type Exploration } from "../../target/plan.ts";
import { targetConformance, type ExplorationOutcome } from "../../api/target.ts";
import { targetTrace, violationOfStep, writeTargetTrace } from "../../target/trace.ts";
import { Capabilities } from "../../target/vocabulary.ts";
import { caughtByStep, formatTargetSteps, targetHeader } from "./report.ts";

const spec: FlagSpec = {
  ...targetFlags,
  depth: { value: "K", help: "one exploration to depth K of --target-config (default: the plan in docs/targets.md)" },
  "trace-out": { value: "FILE", help: "where to save a failure (default .synod/conformance-target-HASH.json)" },
  json: { boolean: true, help: "print the result as JSON" },
};

const usage = `usage: synod conformance (--target MODULE [--target-args K=V,...] | --target-cmd "COMMAND") [options]

Every schedule of Synod's commands up to a depth, run on your own Paxos (docs/targets.md), up to
reordering of steps about different nodes; after every step the invariants are judged on what
the target sent and learned. Without --depth: ${defaultPlan.map((e) => `"${e.name}" (depth ${e.depth})`).join("; ")}.`;

export const targetConformanceHelp = helpText(usage, spec);

export async function runTargetConformance(argv: readonly string[]): Promise<number> {
  const { flags, positionals } = parseArgs(argv, spec);
  if (flags.help) return console.log(targetConformanceHelp), 0;
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const depth = flags.depth === undefined ? undefined : Number(flags.depth);
  if (depth !== undefined && (!Number.isInteger(depth) || depth < 1 || depth > 30)) throw new UsageError(`--depth: a whole number from 1 to 30, got '${String(flags.depth)}'`);
  // The plan's explorations have configurations of their own: one given alone would be ignored.
  if (depth === undefined && flags["target-config"] !== undefined) throw new UsageError("--target-config: the default plan has its own configurations; give --depth K to explore this one");
  const loaded = await loadTarget(flags);
  const plan = depth === undefined ? defaultPlan : [{ name: "--target-config", config: loaded.config, depth }];
  const json = flags.json === true;
  try {
    const caps = Capabilities.parse(loaded.target.capabilities);
    if (!json) console.log(targetHeader("conformance", loaded.identity, caps, loaded.config, false)[0]);
    const outcomes = await targetConformance(loaded.target, { plan, callTimeoutMs: loaded.timeoutMs });
    if (!json) for (const o of outcomes) printOne(o.exploration, o.result);
    const failed = outcomes.find((o) => !o.result.passed);
    const trace = failed ? save(typeof flags["trace-out"] === "string" ? flags["trace-out"] : `.synod/conformance-target-${loaded.identity.hash}.json`, loaded, failed) : undefined;
    const vacuous = !failed && outcomes.every((o) => o.result.pathsChoosing === 0);
    if (json) console.log(JSON.stringify({ target: loaded.identity, passed: !failed && !vacuous, vacuous, explorations: outcomes.map(toJson), trace }, null, 2));
    else if (failed) {
      for (const line of formatTargetSteps(failed.result.failure!.steps)) console.log(line);
      console.log(`trace saved to ${trace}; replay it on the same target with: npx synod replay ${trace}`);
    } else if (vacuous) console.log("FAIL: no explored path chose a value, so no invariant was put to the test");
    return failed || vacuous ? 1 : 0;
  } finally {
    await loaded.target.dispose?.();
  }
}

function printOne(e: Exploration, r: ExploreResult): void {
  const figures = `depth ${e.depth}: ${r.transitions.toLocaleString("en-US")} transitions, ${r.paths.toLocaleString("en-US")} paths (${r.pathsChoosing.toLocaleString("en-US")} choosing a value), ${r.distinctStates.toLocaleString("en-US")} observable states, ${r.stepsPlayed.toLocaleString("en-US")} steps played, ${r.seconds.toFixed(1)} s`;
  if (r.passed) return console.log(`ok   ${e.name}; ${figures}`);
  const failed = r.failure!.failed!;
  console.log(`FAIL ${e.name}; ${caughtByStep(failed)} at step ${failed.step} of the minimized schedule; ${figures}`);
}

function save(file: string, loaded: LoadedTarget, o: ExplorationOutcome): string {
  mkdirSync(dirname(file), { recursive: true });
  writeTargetTrace(file, targetTrace(loaded.identity, o.exploration.config, 1, o.result.failure!.steps));
  return file;
}

function toJson(o: ExplorationOutcome) {
  const { failure, ...figures } = o.result;
  const failed = failure?.failed;
  return {
    name: o.exploration.name,
    config: o.exploration.config,
    depth: o.exploration.depth,
    ...figures,
    ...(failed ? { failure: { caughtBy: violationOfStep(failed)!.property, step: failed.step, steps: failure!.steps.map((s) => ({ step: s.step, description: s.description, sent: s.sent, broken: s.broken, fault: s.fault })) } } : {}),
  };
}
