// npm run bench:mbt: generated lockstep steps per second against the in-memory implementation
// (the bar: at least 5,000), and where a step's time goes: the same schedules on the model
// alone and on the implementation alone, printed as ratios. Wall-clock and CPU figures both,
// since the machine is shared (CPU time is what the step path itself costs).
import fc from "fast-check";
import type { Action } from "../model/basic-paxos/actions.ts";
import { correctRules } from "../protocol/rules.ts";
import { initialState } from "../model/basic-paxos/state.ts";
import { enabledActions, successor } from "../model/basic-paxos/next.ts";
import { checkLockstep, scheduleArbitrary } from "../mbt/property.ts";
import { runSchedule } from "../mbt/schedule.ts";
import { LOCKSTEP_CONFIG, DEFAULT_BUDGET } from "../mbt/catalogue.ts";
import { applyToImpl } from "../mbt/impl-commands.ts";
import { createLockstep } from "../mbt/lockstep.ts";
import { measureSteps, type StepRate } from "./step-rate.ts";

const RUNS = Number(process.env.SYNOD_BENCH_MBT_RUNS ?? 3000);
const config = LOCKSTEP_CONFIG;
const sem = { config, rules: correctRules };

type Row = StepRate;
const measure = measureSteps;

function print(r: Row, base?: Row): void {
  const ratio = base ? `${(r.steps / r.cpu / (base.steps / base.cpu)).toFixed(2)}x`.padStart(14) : "";
  console.log(`${r.name.padEnd(48)}${r.steps.toLocaleString("en-US").padStart(9)}${r.wall.toFixed(2).padStart(8)}${Math.round(r.steps / r.wall).toLocaleString("en-US").padStart(12)}${Math.round(r.steps / r.cpu).toLocaleString("en-US").padStart(12)}${ratio}`);
}

// The schedules the property generates, played once in lockstep to fix the actions of each.
const choiceLists = fc.sample(scheduleArbitrary(DEFAULT_BUDGET.maxSteps), { numRuns: RUNS, seed: DEFAULT_BUDGET.seed });
const schedules: Action[][] = [];
for (const choices of choiceLists.slice(0, Math.min(RUNS, 1000))) schedules.push([...(await runSchedule({ config }, choices)).actions]);

console.log(`synod bench:mbt: ${RUNS} schedules of up to ${DEFAULT_BUDGET.maxSteps} steps, model config ${JSON.stringify(config)}`);
console.log(`${"".padEnd(48)}${"steps".padStart(9)}${"wall s".padStart(8)}${"steps/s".padStart(12)}${"steps/cpu-s".padStart(12)}${"cpu vs model".padStart(14)}`);

const modelOnly = await measure(`model alone (${schedules.length} schedules)`, async () => {
  let n = 0;
  for (const actions of schedules) {
    let s = initialState(config);
    for (const a of actions) {
      enabledActions(s, sem);
      s = successor(s, a, sem);
      n++;
    }
  }
  return n;
});
print(modelOnly);

const implOnly = await measure(`implementation alone (${schedules.length} schedules)`, async () => {
  let n = 0;
  for (const actions of schedules) {
    // impl/ through the target interface, as lockstep drives it, without the comparison.
    const { run } = await createLockstep({ config });
    let s = initialState(config);
    for (const a of actions) {
      await applyToImpl(run, a, s, config.duplication);
      s = successor(s, a, sem); // the model state only to map timeouts; its cost is in the row above
      n++;
    }
    await run.close();
  }
  return n;
});
print(implOnly, modelOnly);

for (const storage of ["memory", "file"] as const) {
  const runs = storage === "memory" ? RUNS : Math.ceil(RUNS / 5);
  const r = await measure(`lockstep property, ${storage} storage (${runs} runs)`, async () => {
    const out = await checkLockstep({ config, storage }, { ...DEFAULT_BUDGET, runs });
    if (!out.passed) throw new Error(`the correct implementation failed lockstep: replay with npx synod mbt --storage ${storage} --seed ${out.seed} --path ${out.failure?.path}`);
    return out.stepsRun;
  });
  print(r, modelOnly);
  if (storage === "memory") console.log(`bar: >= 5,000 lockstep steps/s against the in-memory implementation: ${r.steps / r.wall >= 5000 ? "met" : "NOT met"} (${Math.round(r.steps / r.wall).toLocaleString("en-US")} steps/s wall-clock)`);
}
