// npm run bench:target: what checking an implementation through the target interface costs, side
// by side in one run (docs/targets.md):
// - impl/ in lockstep with the model, today's direct path (mbt/), against impl/ through the
//   target interface (harness/impl-target.ts) judged by the invariants, and with trace validation
//   too: steps per second and the ratio to lockstep (the bar: the interface costs at most 20%);
// - a target over the process protocol (examples/stdio-paxos, a separate Node process): steps per
//   second (the bar: at least 1,000), against the same Paxos's steps in-process where there is one.
import { checkLockstep } from "../mbt/property.ts";
import { DEFAULT_BUDGET, LOCKSTEP_CONFIG } from "../mbt/catalogue.ts";
import { implTarget } from "../harness/impl-target.ts";
import { checkTarget } from "../target/property.ts";
import { parseTargetConfig } from "../target/config.ts";
import { processTarget } from "../target/process.ts";
import { validateRun } from "../tracecheck/target-log.ts";
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
console.log(`${"".padEnd(56)}${"steps".padStart(9)}${"wall s".padStart(8)}${"steps/s".padStart(11)}${"vs lockstep".padStart(12)}`);

const lockstep = await measure("impl/ in lockstep with the model (mbt/, direct)", async () => (await checkLockstep({ config: LOCKSTEP_CONFIG, storage: "memory" }, budget)).stepsRun);
print(lockstep);
const viaTarget = await measure("impl/ through the target interface, invariants", async () => (await checkTarget(implTarget(), { config, seed: 1 }, budget)).stepsRun);
print(viaTarget, lockstep);
const validated = await measure("impl/ through the target interface, + trace validation", async () => (await checkTarget(implTarget(), { config, seed: 1, judgeRun: validateRun }, budget)).stepsRun);
print(validated, lockstep);
const cost = 1 - viaTarget.steps / viaTarget.wall / (lockstep.steps / lockstep.wall);
console.log(`bar: the interface costs at most 20% against direct lockstep: ${cost <= 0.2 ? "met" : "NOT met"} (${cost >= 0 ? `${(cost * 100).toFixed(0)}% slower` : `${(-cost * 100).toFixed(0)}% faster`}, invariants only)`);

const stdio = await processTarget({ command: "node examples/stdio-paxos/main.mjs --mode correct" });
try {
  const overStdio = await measure("examples/stdio-paxos over the process protocol", async () => (await checkTarget(stdio, { config, seed: 1, judgeRun: validateRun }, budget)).stepsRun);
  print(overStdio);
  console.log(`bar: >= 1,000 steps/s over the process protocol: ${overStdio.steps / overStdio.wall >= 1000 ? "met" : "NOT met"} (${Math.round(overStdio.steps / overStdio.wall).toLocaleString("en-US")} steps/s wall-clock)`);
} finally {
  stdio.dispose?.();
}
