// `synod replay TRACE` for a trace saved from a target run: the same commands on the same
// target (the module and arguments, or the command line, the trace names). Given --target or
// --target-cmd, they must name that same target: a trace replayed on another implementation
// would say nothing about either, so it is refused. Exit 1 reproduced, 0 clean, 2 bad usage,
// 4 a step is no longer possible (the target sent something else: it is not deterministic, or it changed).
import { UsageError } from "../args.ts";
import { loadTarget, wantsTarget } from "./flags.ts";
import { readTargetTrace, TargetTraceError, violationOfStep, type TargetTrace } from "../../target/trace.ts";
import { describeIdentity } from "../../target/identity.ts";
import { playCommands } from "../../target/schedule.ts";
import { formatTargetSteps } from "./report.ts";

export async function replayTargetTrace(file: string, flags: Record<string, string | boolean>, json: boolean): Promise<number> {
  let trace: TargetTrace;
  try {
    trace = readTargetTrace(file);
  } catch (err) {
    if (err instanceof TargetTraceError) throw new UsageError(err.message);
    throw err;
  }
  if (flags["target-config"] !== undefined) throw new UsageError("--target-config: a replay runs with the configuration its trace was saved with");
  const t = trace.target;
  const own: Record<string, string> = t.kind === "module" ? { target: t.module, "target-args": Object.entries(t.args).map(([k, v]) => `${k}=${v}`).join(",") } : { "target-cmd": t.command };
  const loaded = await loadTarget({ ...flags, ...(wantsTarget(flags) ? {} : own), "target-config": JSON.stringify(trace.config) });
  try {
    if (loaded.identity.hash !== t.hash) throw new UsageError(`${file} was saved on ${describeIdentity(t)}; it is not replayed on another target (${describeIdentity(loaded.identity)})`);
    const r = await playCommands(loaded.target, { config: trace.config, seed: trace.seed, callTimeoutMs: loaded.timeoutMs }, trace.steps.map((s) => s.command));
    const failed = r.failed;
    const now = failed ? violationOfStep(failed) : undefined;
    const notPossible = failed?.fault?.endsWith("is not possible here") ?? false;
    const same = now !== undefined && trace.violation !== undefined && now.property === trace.violation.property;
    if (json) {
      console.log(JSON.stringify({ target: t, steps: r.steps.map((s) => ({ step: s.step, description: s.description, sent: s.sent, broken: s.broken, fault: s.fault })), outcome: failed ? (notPossible ? "not-possible" : "violation") : "clean", violation: now ?? null, recorded: trace.violation ?? null, matchesRecorded: same }, null, 2));
    } else {
      console.log(`synod replay: target ${describeIdentity(t)}, ${trace.steps.length} steps, seed ${trace.seed}`);
      for (const line of formatTargetSteps(r.steps)) console.log(line);
      if (!failed) console.log(`the trace runs clean: ${r.steps.length} steps, every check held`);
      else if (notPossible) console.log(`step ${failed.step} is not possible on the target now: it sent other messages than when the trace was saved (a target must be deterministic for a seed)`);
      else console.log(`reproduced: ${now!.property} after step ${failed.step}: ${now!.message}`);
      if (trace.violation) console.log(same ? "the trace records the same property" : `the trace records ${trace.violation.property}: ${trace.violation.message}`);
    }
    return !failed ? 0 : notPossible ? 4 : 1;
  } finally {
    await loaded.target.dispose?.();
  }
}
