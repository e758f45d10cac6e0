// synod replay TRACE: re-runs a saved trace on the model it names (config and mutant come
// from the trace), printing each step, and reports the violated property or the first step
// that is not possible. Exit 1 when a violation is reproduced, 0 when the trace runs clean,
// 2 for a bad file or bad usage.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import type { Command } from "../main.ts";
import type { Model } from "../../checker/model.ts";
import { parseTrace, replayTrace, type Trace } from "../../checker/trace.ts";
import { createPaxosModel, BASIC_MODEL_NAME } from "../../model/paxos-model.ts";
import { parseModelConfig } from "../../model/config.ts";
import { UsageError, variantByName } from "../model-flags.ts";

const HELP = `usage: synod replay TRACE [--json]

Re-runs a JSON trace (as saved by synod check or synod simulate) on the model it was found
on, with the same config and mutant, checking every invariant after every step.

  --json       print the outcome as JSON
  -h, --help   this help

exit codes: 0 the trace runs clean, 1 it breaks a property (reproduced), 2 bad file or usage,
            4 a step of the trace is not possible on the model.`;

/** Just what names the model; the whole trace is parsed once the model's action schema is known. */
const TraceHeader = z.looseObject({ model: z.string().min(1), config: z.unknown(), mutant: z.string().min(1).optional() });

async function modelFor(trace: z.infer<typeof TraceHeader>): Promise<Model<unknown, unknown>> {
  if (trace.model === BASIC_MODEL_NAME) {
    return createPaxosModel(parseModelConfig(trace.config), variantByName(trace.mutant)) as Model<unknown, unknown>;
  }
  if (trace.model === "lamport-paxos") {
    const { createLamportModel } = await import("../../model/lamport/model.ts");
    const { LamportConfig } = await import("../../model/lamport/config.ts");
    return createLamportModel(LamportConfig.parse(trace.config)) as unknown as Model<unknown, unknown>;
  }
  throw new UsageError(`the trace names model '${trace.model}', which this build does not know`);
}

/** Reads the file twice over: first loosely to learn the model, then strictly with its action schema. */
async function load(path: string): Promise<{ model: Model<unknown, unknown>; trace: Trace<unknown> }> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new UsageError(`${path}: not a readable JSON file (${(err as Error).message})`);
  }
  const header = TraceHeader.safeParse(raw);
  if (!header.success) throw new UsageError(`${path}: ${header.error.issues[0]!.path.join(".") || "(root)"}: ${header.error.issues[0]!.message}`);
  const model = await modelFor(header.data);
  return { model, trace: parseTrace(raw, model.actionSchema, path) as Trace<unknown> };
}

export const command: Command = {
  summary: "re-run a saved trace on the model",
  async run(argv) {
    let model: Model<unknown, unknown>;
    let trace: Trace<unknown>;
    let json = false;
    try {
      const { values, positionals } = parseArgs({ args: [...argv], strict: true, allowPositionals: true, options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
      if (values.help) return console.log(HELP), 0;
      if (positionals.length !== 1) throw new UsageError("give exactly one trace file");
      json = values.json ?? false;
      ({ model, trace } = await load(positionals[0]!));
    } catch (err) {
      console.error(`synod replay: ${(err as Error).message}\n(see synod replay --help)`);
      return 2;
    }
    // Extension point (issue 4): the implementation side replays the same parsed `trace` on a
    // SimCluster of impl/ here, after the model, and reports the first step where they differ.
    const outcome = replayTrace(model, trace);
    if (json) {
      const { state: _state, ...rest } = outcome;
      console.log(JSON.stringify({ model: model.name, mutant: trace.mutant, ...rest }, null, 2));
    } else {
      console.log(`synod replay: ${model.name}${trace.mutant ? ` (mutant ${trace.mutant})` : ""}, ${trace.steps.length} steps`);
      const shown = outcome.outcome === "completed" ? trace.steps.length : outcome.step;
      trace.steps.slice(0, shown).forEach((s, i) => console.log(`${String(i + 1).padStart(3)}. ${s.description}`));
      if (outcome.outcome === "violation") console.log(`reproduced: ${outcome.property} (${outcome.kind}) broken after step ${outcome.step}: ${outcome.message}`);
      else if (outcome.outcome === "not-enabled") console.log(`step ${outcome.step} is not possible on the model here: ${outcome.description}`);
      else console.log(`the trace runs clean: ${outcome.steps} steps, every check held`);
    }
    return outcome.outcome === "violation" ? 1 : outcome.outcome === "not-enabled" ? 4 : 0;
  },
};
