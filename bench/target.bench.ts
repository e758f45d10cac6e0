// npm run bench:target: what checking an implementation through the target interface costs, side
// by side in one run (docs/targets.md):
// - impl/ in lockstep with the model (mbt/, which reaches impl/ through the target interface
//   too: there is no direct path left), against impl/ as a target (harness/impl-target.ts) judged
//   by the invariants, with trace validation, and with lockstep for targets (compared with the
//   model's handlers step by step): steps per second and the ratio to mbt/'s lockstep;
// - a target over the process protocol (examples/stdio-paxos, a separate Node process): steps per
//   second (the bar: at least 1,000), against the same Paxos's steps in-process where there is one.
import { checkLockstep } from "../mbt/property.ts";
import { DEFAULT_BUDGET, LOCKSTEP_CONFIG } from "../mbt/catalogue.ts";
import { implTarget } from "../harness/impl-target.ts";
import { checkTarget } from "../target/property.ts";
import { parseTargetConfig } from "../target/config.ts";
import { processTarget } from "../target/process.ts";
import { validateRun } from "../tracecheck/target-log.ts";
import { compareWithModel } from "../tracecheck/target-lockstep.ts";
import { measureSteps, type StepRate } from "./step-rate.ts";

const RUNS = Number(process.env.SYNOD_BENCH_TARGET_RUNS ?? 1000);
type Row = StepRate;
const measure = measureSteps;

function print(r: Row, base?: Row): void {
  const ratio = base ? `${(r.steps / r.wall / (base.steps / base.wall)).toFixed(2)}x`.padStart(12) : "";
  console.log(`${r.name.padEnd(56)}${r.steps.toLocaleString("en-US").padStart(9)}${r.wall.toFixed(2).padStart(8)}${Math.round(r.steps / r.wall).toLocaleString("en-US").padStart(11)}${ratio}`);
}

const budget = { runs: RUNS, seed: 1, maxSteps: DEFAULT_BUDGET.maxSteps, maxShrinkRuns: 0 };
const config = parseTargetConfig({});
console.log(`synod bench:target: ${RUNS} schedules of up to ${budget.maxSteps} steps each row`);
console.log(`${"".padEnd(56)}${"steps".padStart(9)}${"wall s".padStart(8)}${"steps/s".padStart(11)}${"vs mbt/".padStart(12)}`);

const lockstep = await measure("impl/ in lockstep with the model (mbt/)", async () => (await checkLockstep({ config: LOCKSTEP_CONFIG, storage: "memory" }, budget)).stepsRun);
print(lockstep);
const viaTarget = await measure("impl/ through the target interface, invariants", async () => (await checkTarget(implTarget(), { config, seed: 1 }, budget)).stepsRun);
print(viaTarget, lockstep);
const validated = await measure("impl/ through the target interface, + trace validation", async () => (await checkTarget(implTarget(), { config, seed: 1, judgeRun: validateRun }, budget)).stepsRun);
print(validated, lockstep);
const compared = await measure("impl/ as a target, + lockstep with the model's handlers", async () => (await checkTarget(implTarget(), { config, seed: 1, judgeRun: validateRun, compareWith: compareWithModel }, budget)).stepsRun);
print(compared, lockstep);
const cost = 1 - viaTarget.steps / viaTarget.wall / (lockstep.steps / lockstep.wall);
console.log(`impl/ as a target, invariants only, against mbt/'s lockstep: ${cost >= 0 ? `${(cost * 100).toFixed(0)}% slower` : `${(-cost * 100).toFixed(0)}% faster`} (both through the interface; the direct path of earlier releases is gone, bench:mbt compares releases)`);

const stdio = await processTarget({ command: "node examples/stdio-paxos/main.mjs --mode correct" });
try {
  const overStdio = await measure("examples/stdio-paxos over the process protocol", async () => (await checkTarget(stdio, { config, seed: 1, judgeRun: validateRun }, budget)).stepsRun);
  print(overStdio);
  console.log(`bar: >= 1,000 steps/s over the process protocol: ${overStdio.steps / overStdio.wall >= 1000 ? "met" : "NOT met"} (${Math.round(overStdio.steps / overStdio.wall).toLocaleString("en-US")} steps/s wall-clock)`);
} finally {
  stdio.dispose?.();
}
