// synod replay TRACE: re-runs a saved trace on the model it names (config and mutant come
// from the trace), printing each step, and reports the violated property or the first step
// that is not possible. A trace naming an implementation (synod mbt), or --impl, replays it in
// lockstep on the model and impl/ and shows the step where they part. Exit 1 when a violation
// or a divergence is reproduced, 0 when the trace runs clean, 2 for a bad file or bad usage.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { parseArgs, UsageError } from "../args.ts";
import type { Command } from "../main.ts";
import type { Model } from "../../checker/model.ts";
import { parseTrace, replayLasso, replayTrace, type Trace } from "../../checker/trace.ts";
import { BASIC_MODEL_NAME } from "../../model/basic-paxos/paxos-model.ts";
import { registry as builtins } from "../../model/registry.ts";
import type { ModelRegistry } from "../../checker/registry.ts";
import { findVariant } from "../../model/basic-paxos/catalogue.ts";
import type { Action } from "../../model/basic-paxos/actions.ts";
import { VariantName, variantNames } from "../../harness/impl-variants.ts";
import { replayOnImplementation, type ImplSide } from "../../mbt/replay.ts";
import { formatSchedule } from "../../mbt/report.ts";
import { caughtBy } from "../../mbt/catalogue.ts";
import { violationOf } from "../../mbt/trace.ts";
import { targetFlags, wantsTarget } from "../target/flags.ts";
import { replayTargetTrace } from "../target/replay.ts";
import { TARGET_TRACE_FORMAT } from "../../target/trace.ts";
import { cycleBanner } from "../report.ts";

/** A trace saved from a target run (cli/target/replay.ts) rather than a model trace. */
function isTargetTrace(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, "utf8")) as { format?: unknown } | null)?.format === TARGET_TRACE_FORMAT;
  } catch {
    return false;
  }
}

const HELP = `usage: synod replay TRACE [--impl VARIANT] [--storage memory|file] [--json]

Re-runs a JSON trace (as saved by synod check, synod simulate or synod mbt) on the model it
was found on, with the same config and mutant, checking every invariant after every step.

A trace saved by synod mbt names an implementation ("impl": variant and storage): it is then
replayed in lockstep on the model and on the implementation (impl/sim), comparing promises,
votes, messages in flight and learned values after every step and checking every invariant on
both, and the output shows the step where they part. --impl runs any Basic Paxos trace that way.

  --impl VARIANT      replay on this implementation variant too (default: the trace's "impl")
  --storage KIND      memory or file (a temp directory) for --impl (default memory)
  --json              print the outcome as JSON
  --target MODULE, --target-cmd COMMAND
                      for a trace saved from a target run (synod mbt --target): the target it
                      names is used; naming one here must name that same target, or the
                      replay is refused (docs/targets.md)
  -h, --help          this help

exit codes: 0 the trace runs clean (and both sides agree), 1 it breaks a property or the
            implementation parts from the model (reproduced), 2 bad file or usage,
            4 a step of the trace is not possible on the model (or has no implementation counterpart).`;

/** Just what names the model; the whole trace is parsed once the model's action schema is known. */
const TraceHeader = z.looseObject({ model: z.string().min(1), config: z.unknown(), mutant: z.string().min(1).optional() });

async function modelFor(registry: ModelRegistry, trace: z.infer<typeof TraceHeader>): Promise<Model<unknown, unknown>> {
  const d = registry.find(trace.model);
  if (!d) throw new UsageError(`model: '${trace.model}' is not a model this build knows (its models: ${registry.names.join(", ")})`);
  let config: unknown;
  try {
    config = d.parseConfig(trace.config);
  } catch (err) {
    // The config's own errors start with the field ("acceptors: ..."): say where it is, config.acceptors.
    const m = (err as Error).message;
    throw new UsageError(/^[\w.]+: /.test(m) ? `config.${m}` : `config: ${m}`);
  }
  if (trace.mutant !== undefined && !d.variants.some((v) => v.name === trace.mutant)) throw new UsageError(`mutant: ${d.name} has no variant named '${trace.mutant}'`);
  return d.create(config, trace.mutant) as Model<unknown, unknown>;
}

/** Reads the file twice over: first loosely to learn the model, then strictly with its action schema. */
async function load(registry: ModelRegistry, path: string): Promise<{ model: Model<unknown, unknown>; trace: Trace<unknown> }> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new UsageError(`${path}: not a readable JSON file (${(err as Error).message})`);
  }
  const header = TraceHeader.safeParse(raw);
  if (!header.success) throw new UsageError(`${path}: ${header.error.issues[0]!.path.join(".") || "(root)"}: ${header.error.issues[0]!.message}`);
  // Errors name the file and the field: "FILE: config.acceptors: ...", "FILE: mutant: ...".
  const model = await modelFor(registry, header.data).catch((err: Error) => {
    throw new UsageError(`${path}: ${err.message}`);
  });
  return { model, trace: parseTrace(raw, model.actionSchema, path) as Trace<unknown> };
}

const Storage = z.enum(["memory", "file"], { error: "--storage must be memory or file" });

/** The implementation to replay on: --impl/--storage, else the trace's own "impl" field, else none. */
function implSide(values: { impl?: string | undefined; storage?: string | undefined }, trace: Trace<unknown>, model: Model<unknown, unknown>, file: string): ImplSide | undefined {
  if (values.storage !== undefined && values.impl === undefined) throw new UsageError("--storage needs --impl");
  const storage = values.storage === undefined ? undefined : Storage.safeParse(values.storage);
  if (storage && !storage.success) throw new UsageError(storage.error.issues[0]!.message);
  const side = values.impl !== undefined ? { variant: values.impl, storage: storage?.data ?? "memory" } : trace.impl;
  if (side && model.name !== BASIC_MODEL_NAME) throw new UsageError(`the implementation runs Basic Paxos; this trace is of model '${model.name}'`);
  if (side && !VariantName.safeParse(side.variant).success) throw new UsageError(`${values.impl !== undefined ? "--impl" : `${file}: impl.variant:`} ${side.variant}: no such implementation variant (one of ${variantNames.join(", ")})`);
  return side;
}

/** `synod replay` over a registry (the built-in one, or one with more models: tests, tools). */
export function replayCommand(registry: ModelRegistry): Command {
  return {
  summary: "re-run a saved trace on the model (and the implementation)",
  async run(argv) {
    let model: Model<unknown, unknown>;
    let trace: Trace<unknown>;
    let json = false;
    let impl: ImplSide | undefined;
    try {
      const { flags, positionals } = parseArgs(argv, { json: { boolean: true, help: "" }, impl: { value: "VARIANT", help: "" }, storage: { value: "KIND", help: "" }, ...targetFlags });
      const values = flags as { json?: boolean; impl?: string; storage?: string; help?: boolean };
      if (values.help) return console.log(HELP), 0;
      if (positionals.length !== 1) throw new UsageError("give exactly one trace file");
      json = values.json ?? false;
      if (isTargetTrace(positionals[0]!)) return await replayTargetTrace(positionals[0]!, flags, json);
      if (wantsTarget(flags)) throw new UsageError("--target and --target-cmd replay a trace saved from a target run; this one is a model trace");
      ({ model, trace } = await load(registry, positionals[0]!));
      impl = implSide(values, trace, model, positionals[0]!);
    } catch (err) {
      console.error(`synod replay: ${(err as Error).message}\n(see synod replay --help)`);
      return 2;
    }
    if (impl) return replayInLockstep(trace as Trace<Action>, impl, json);
    const outcome = replayTrace(model, trace);
    const reproduced = outcome.outcome === "violation" ? { kind: outcome.kind, property: outcome.property, message: outcome.message } : undefined;
    const recorded = recordedLine(trace.violation, reproduced);
    // A liveness lasso is reproduced by closing its cycle with the property false throughout.
    const lasso = outcome.outcome === "completed" ? replayLasso(model, trace) : undefined;
    if (json) {
      const { state: _state, ...rest } = outcome;
      console.log(JSON.stringify({ model: model.name, mutant: trace.mutant, ...rest, recorded: trace.violation ?? null, matchesRecorded: sameViolation(trace.violation, reproduced) || (lasso?.closes === true && lasso.goalNeverHolds), ...(lasso ? { lasso: { cycleStart: trace.cycleStart, ...lasso } } : {}) }, null, 2));
    } else {
      console.log(`synod replay: ${model.name}${trace.mutant ? ` (mutant ${trace.mutant})` : ""}, ${trace.steps.length} steps`);
      const shown = outcome.outcome === "completed" ? trace.steps.length : outcome.step;
      // The action is what runs: a hand-edited trace shows the edited action, not the stale description.
      const described = trace.steps.map((s) => model.describeAction(s.action));
      trace.steps.slice(0, shown).forEach((s, i) => {
        if (i === trace.cycleStart) console.log(cycleBanner(trace.cycleRenamed));
        console.log(`${String(i + 1).padStart(3)}. ${described[i]}${described[i] !== s.description ? ` (edited: the trace's description reads "${s.description}")` : ""}`);
      });
      if (lasso && trace.cycleStart! >= trace.steps.length) console.log("     ---- the run stays here for ever: nothing weakly fair leads out ----");
      if (outcome.outcome === "violation") console.log(`reproduced: ${outcome.property} (${outcome.kind}) broken after step ${outcome.step}: ${outcome.message}`);
      else if (outcome.outcome === "not-enabled") console.log(`step ${outcome.step} is not possible on the model here: ${described[outcome.step - 1]}`);
      else console.log(`the trace runs clean: ${outcome.steps} steps, every check held`);
      if (recorded && !lasso) console.log(recorded);
      if (lasso?.closes && lasso.goalNeverHolds) console.log(`reproduced: the lasso closes, and ${trace.violation!.property} holds in none of its states`);
      else if (lasso) console.log(`not reproduced: ${lasso.closes ? `${trace.violation!.property} holds in one of its states` : "the last state is not the state where the cycle starts"}`);

    }
    if (lasso?.closes && lasso.goalNeverHolds) return 1;
    return outcome.outcome === "violation" ? 1 : outcome.outcome === "not-enabled" ? 4 : 0;
  },
  };
}

export const command: Command = replayCommand(builtins);

/**
 * The implementation side: the trace in lockstep on the model and on impl/ (mbt/lockstep.ts).
 * The model side is judged there too (its invariants after every step), and stutter deliveries,
 * which lockstep traces may hold, are steps the model allows.
 */
async function replayInLockstep(trace: Trace<Action>, impl: ImplSide, json: boolean): Promise<number> {
  const r = await replayOnImplementation(trace.config, trace.steps.map((s) => s.action), impl, trace.mutant === undefined ? undefined : findVariant(trace.mutant)?.rules);
  const partedAt = r.outcome === "parted" ? r.failed.step : r.outcome === "not-possible" ? r.step : null;
  if (json) {
    const steps = r.steps.map((s) => ({ step: s.step, description: s.description, ok: s.ok, differences: s.differences, broken: s.broken }));
    console.log(JSON.stringify({ model: BASIC_MODEL_NAME, mutant: trace.mutant, impl, outcome: r.outcome, step: partedAt, ...(r.outcome === "not-possible" ? { message: r.message } : {}), steps }, null, 2));
  } else {
    console.log(`synod replay: ${BASIC_MODEL_NAME}${trace.mutant ? ` (mutant ${trace.mutant})` : ""} in lockstep with the implementation (variant ${impl.variant}${impl.shortcuts ? ", proposer shortcuts, judged by invariants" : ""}, ${impl.storage} storage), ${trace.steps.length} steps`);
    for (const line of formatSchedule(r.steps)) console.log(line);
    if (r.outcome === "parted") console.log(`reproduced at step ${r.failed.step} (${r.failed.description}): ${caughtBy(r.failed)}`);
    else if (r.outcome === "not-possible") console.log(`step ${r.step} is not possible here: ${r.message}`);
    else console.log(`the trace runs clean: ${r.steps.length} steps, model and implementation agree at every step, every check held on both`);
    const recorded = recordedLine(trace.violation, r.outcome === "parted" ? violationOf(r.failed) : undefined);
    if (recorded) console.log(recorded);
  }
  return r.outcome === "parted" ? 1 : r.outcome === "not-possible" ? 4 : 0;
}

type Violation = { readonly kind: string; readonly property: string; readonly message: string };

const sameViolation = (recorded: Violation | undefined, reproduced: Violation | undefined) =>
  recorded !== undefined && reproduced !== undefined && recorded.kind === reproduced.kind && recorded.property === reproduced.property && recorded.message === reproduced.message;

/** What the trace says it breaks, against what the replay broke: the same, another, or nothing. */
function recordedLine(recorded: Violation | undefined, reproduced: Violation | undefined): string | undefined {
  if (recorded === undefined) return undefined;
  const text = `${recorded.property} (${recorded.kind}): ${recorded.message}`;
  if (reproduced === undefined) return `the trace records ${text}; this replay does not reproduce it`;
  if (sameViolation(recorded, reproduced)) return "the trace records the same violation";
  return `the trace records another violation: ${text}`;
}
