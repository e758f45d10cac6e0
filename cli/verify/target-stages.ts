// `synod verify --target X`: the stages that judge an outside implementation (docs/targets.md),
// in place of those that judge impl/. Both run on the main thread, one after the other: the
// target is a module loaded here or one process, which the worker pool cannot share.
//   model-based   fast-check schedules (target/property.ts), 1,000 of them
//   conformance   the bounded explorations of target/plan.ts
// Both judge every step by the invariants and each run's log by trace validation, and both fail
// when no run chose a value (a pass that tested nothing).
import { stage, type CheckResult, type Stage } from "./stage.ts";
import type { LoadedTarget } from "../target/flags.ts";
import { targetConformance, targetMbt } from "../../api/target.ts";
import { caughtByStep } from "../target/report.ts";
import { violationOfStep } from "../../target/trace.ts";

export function targetStages(t: LoadedTarget): Stage[] {
  const mbt = stage("model-based", `random schedules on the target ${t.identity.name}, judged by the invariants and trace validation`, [], async (log) => {
    const r = await targetMbt(t.target, { config: t.config, callTimeoutMs: t.timeoutMs });
    const failed = r.failure?.run.failed;
    const passed = r.passed && r.runsChoosing > 0;
    const detail = failed
      ? `${caughtByStep(failed)} at step ${failed.step} of the shrunk schedule (seed ${r.seed}, path ${r.failure!.path}): ${violationOfStep(failed)!.message}`
      : `${r.runs} schedules, ${r.stepsRun.toLocaleString("en-US")} steps, a value chosen in ${r.runsChoosing}${r.runsChoosing === 0 ? ": no run chose a value, nothing was put to the test" : ""}`;
    log(`${passed ? "ok  " : "FAIL"} ${"schedules".padEnd(28)} ${detail}`);
    return [{ name: "schedules", passed, detail, seconds: r.seconds, figures: { runs: r.runs, distinctStates: r.coverage.states } } satisfies CheckResult];
  });
  const conformance = stage("conformance", `every schedule up to a depth on the target ${t.identity.name}`, [], async (log) => {
    const checks: CheckResult[] = [];
    let choosing = 0;
    for (const { exploration: e, result: r } of await targetConformance(t.target, { callTimeoutMs: t.timeoutMs })) {
      const failed = r.failure?.failed;
      const passed = r.passed;
      const detail = failed
        ? `${caughtByStep(failed)} at step ${failed.step}: ${violationOfStep(failed)!.message}`
        : `depth ${e.depth}: ${r.transitions.toLocaleString("en-US")} transitions, ${r.paths.toLocaleString("en-US")} paths, ${r.pathsChoosing.toLocaleString("en-US")} choosing a value`;
      log(`${passed ? "ok  " : "FAIL"} ${e.name}: ${detail}`);
      checks.push({ name: e.name, passed, detail, seconds: r.seconds, figures: { transitions: r.transitions, paths: r.paths, distinctStates: r.distinctStates } });
      choosing += r.pathsChoosing;
    }
    // Each exploration may stop short of a decision (the faults come first); all of them may not.
    if (checks.every((c) => c.passed) && choosing === 0) checks.push({ name: "a value chosen", passed: false, detail: "no explored path chose a value: nothing was put to the test", seconds: 0 });
    return checks;
  });
  return [mbt, conformance];
}
