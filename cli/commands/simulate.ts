// synod simulate: seeded random walks over a model, for configurations too large to explore
// exhaustively. The seed is printed first; a failing walk prints its own seed, the command
// that replays exactly that walk, and saves its trace for `synod replay`.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import type { Command } from "../main.ts";
import type { Model } from "../../checker/model.ts";
import type { ModelDefinition } from "../../checker/definition.ts";
import { PRNG_VERSION } from "../../checker/prng.ts";
import { simulate, type SimulateResult } from "../../checker/simulate.ts";
import { traceFromCounterexample, writeTrace } from "../../checker/trace.ts";
import { registry } from "../../model/registry.ts";
import { helpRows, parseArgs, UsageError, validate, type FlagSpec } from "../args.ts";
import { configFromFlags, modelFlagSpec, modelNamed, variantFlag } from "../model-flags.ts";

const walkFlags: FlagSpec = {
  seed: { value: "N", help: "the run's seed, 0..4294967295 (default: random, printed first); walk k uses seed N + k, so one walk replays with --seed S --walks 1" },
  walks: { value: "N", help: "number of walks (default 1000)" },
  "max-steps": { value: "N", help: "steps per walk at most (default 100)" },
  "max-seconds": { value: "S", help: 'stop with "incomplete" after S seconds' },
  shard: { value: "I/N", help: "run only walks k with k mod N = I - 1 (I in 1..N), to spread a run over machines" },
  "trace-out": { value: "FILE", help: "where to save a failing walk's trace (default .synod/simulate-MODEL-SEED.json)" },
  json: { boolean: true, help: "print the result as JSON" },
};

function help(d: ModelDefinition): string {
  return `usage: synod simulate [--model NAME] [options]

Seeded random walks over a model, checking every invariant on every state and every step
property on every step. For configurations too large to explore exhaustively; a pass says
only that no walk failed, never that the model is verified.

models: ${registry.names.join(", ")}; the flags below are ${d.name}'s.

model:
${helpRows(modelFlagSpec(d)).join("\n")}

walks:
${helpRows(walkFlags).join("\n")}
  -h, --help              this help

exit codes: 0 no walk failed, 1 a walk broke a property, 2 bad usage or config.`;
}

const Count = z.coerce.number({ error: "must be a number" }).int("must be a whole number");

const Flags = z.object({
  seed: Count.min(0, "must be at least 0").max(0xffffffff, "must be at most 4294967295").optional(),
  walks: Count.min(1, "must be at least 1").default(1000),
  "max-steps": Count.min(1, "must be at least 1").default(100),
  "max-seconds": z.coerce.number({ error: "must be a number" }).positive("must be positive").optional(),
  shard: z.string().regex(/^\d+\/\d+$/, "must look like I/N, e.g. 2/4").optional(),
  "trace-out": z.string().min(1).optional(),
  json: z.boolean().default(false),
});
type Flags = z.infer<typeof Flags> & { readonly argv: readonly string[]; readonly mutant?: string };

function parseShard(text: string | undefined): { index: number; count: number } | undefined {
  if (text === undefined) return undefined;
  const [i, n] = text.split("/").map(Number) as [number, number];
  if (n < 1 || i < 1 || i > n) throw new UsageError(`--shard ${text}: I must be in 1..N`);
  return { index: i - 1, count: n };
}

/** The flags that rebuild the same model and walk: printed with every failure. */
function replayInvocation(f: Flags, seed: number): string {
  const keep: string[] = [];
  const skip = new Set(["--seed", "--walks", "--max-steps", "--max-seconds", "--shard", "--trace-out", "--json"]);
  for (let i = 0; i < f.argv.length; i++) {
    const arg = f.argv[i]!;
    const name = arg.split("=")[0]!;
    const takesValue = !arg.includes("=") && i + 1 < f.argv.length && !f.argv[i + 1]!.startsWith("--");
    if (skip.has(name)) {
      if (takesValue && name !== "--json") i++;
      continue;
    }
    keep.push(arg);
  }
  return `synod simulate ${[...keep, "--seed", String(seed), "--walks", "1", "--max-steps", String(f["max-steps"])].join(" ")}`;
}

type Parsed = { flags: Flags; model: Model<unknown, unknown>; shard?: { index: number; count: number } } | "help";

function parse(argv: readonly string[]): Parsed {
  const d = modelNamed(argv, registry, "basic-paxos");
  const { flags, positionals } = parseArgs(argv, { ...modelFlagSpec(d), ...walkFlags });
  if (flags.help) {
    console.log(help(d));
    return "help";
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const variant = variantFlag(d, flags.mutant as string | undefined);
  const config = configFromFlags(d, flags, variant);
  const f: Flags = { ...validate(Flags, Object.fromEntries(Object.entries(flags).filter(([k]) => k in walkFlags))), argv, ...(variant ? { mutant: variant.name } : {}) };
  const shard = parseShard(f.shard);
  return { flags: f, model: d.create(config, variant?.name) as Model<unknown, unknown>, ...(shard ? { shard } : {}) };
}

export const command: Command = {
  summary: "seeded random walks for configurations too large to exhaust",
  async run(argv) {
    let parsed: Parsed;
    try {
      parsed = parse(argv);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      console.error(`synod simulate: ${err.message}\n(see synod simulate --help)`);
      return 2;
    }
    if (parsed === "help") return 0;
    const { flags, model, shard } = parsed;
    const seed = flags.seed ?? (Math.random() * 0x100000000) >>> 0;
    const shardText = shard ? `, shard ${shard.index + 1}/${shard.count}` : "";
    if (!flags.json) console.log(`synod simulate: ${model.name} ${JSON.stringify(model.config)}, seed ${seed} (${PRNG_VERSION}), ${flags.walks} walks of at most ${flags["max-steps"]} steps${shardText}`);
    const options = { seed, walks: flags.walks, maxSteps: flags["max-steps"], ...(shard ? { shard } : {}), ...(flags["max-seconds"] !== undefined ? { maxSeconds: flags["max-seconds"] } : {}) };
    const result = simulate(model, options);
    return report(model, result, flags, seed);
  },
};

function report(model: Model<unknown, unknown>, r: SimulateResult<unknown, unknown>, flags: Flags, seed: number): number {
  const figures = `${r.walks} walks, ${r.steps} steps in ${r.seconds.toFixed(2)} s (${Math.round(r.walksPerSecond)} walks/s)`;
  if (!r.failure) {
    if (flags.json) console.log(JSON.stringify({ verdict: r.verdict, seed, walks: r.walks, steps: r.steps, seconds: r.seconds, witnesses: r.witnesses, incompleteReason: r.incompleteReason }));
    else {
      console.log(`${r.verdict === "ok" ? "ok: no walk broke a property" : `incomplete: ${r.incompleteReason}`}; ${figures}`);
      console.log(`witnesses: ${r.witnesses.map((w) => `${w.id} ${w.reached ? "reached" : "not reached"}`).join(", ") || "none"}`);
    }
    return 0;
  }
  const { walk, seed: walkSeed, violation } = r.failure;
  const tracePath = flags["trace-out"] ?? `.synod/simulate-${model.name}-${walkSeed}.json`;
  mkdirSync(dirname(tracePath), { recursive: true });
  writeTrace(tracePath, traceFromCounterexample(model, violation, flags.mutant));
  const replay = replayInvocation(flags, walkSeed);
  if (flags.json) {
    console.log(JSON.stringify({ verdict: "violation", seed, walk, walkSeed, property: violation.property, kind: violation.kind, message: violation.message, steps: violation.steps.length, trace: tracePath, replay }));
    return 1;
  }
  console.log(`VIOLATION of ${violation.property} in walk ${walk} (seed ${walkSeed}) after ${violation.steps.length} steps: ${violation.message}`);
  let before = violation.initial;
  violation.steps.forEach(({ action, state }, i) => {
    console.log(`  ${String(i + 1).padStart(3)}. ${model.describeAction(action)}`);
    for (const change of model.describeChange(before, state)) console.log(`       ${change}`);
    before = state;
  });
  console.log(`${figures}\ntrace saved to ${tracePath}\nreplay this walk: ${replay}`);
  return 1;
}
