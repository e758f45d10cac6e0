// synod simulate: seeded random walks over a model, for configurations too large to explore
// exhaustively. The seed is printed first; a failing walk prints its own seed, the command
// that replays exactly that walk, and saves its trace for `synod replay`.
import { mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import type { Command } from "../main.ts";
import type { Model } from "../../checker/model.ts";
import { PRNG_VERSION } from "../../checker/prng.ts";
import { simulate, type SimulateResult } from "../../checker/simulate.ts";
import { traceFromCounterexample, writeTrace } from "../../checker/trace.ts";
import { createLamportModel } from "../../model/lamport/model.ts";

const SIMULATION_MODELS = ["lamport", "paxos"] as const;

const HELP = `usage: synod simulate [options]

Seeded random walks over a model, checking every invariant on every state and every step
property on every step. For configurations too large to explore exhaustively; a pass says
only that no walk failed, never that the model is verified.

options:
  --model NAME        the model to walk: ${SIMULATION_MODELS.join(" | ")} (default paxos, Basic Paxos)
  --acceptors N       lamport: number of acceptors (default 3)
  --values N          lamport: number of values (default 2)
  --ballots N         lamport: ballots 0..N (default 3)
  --config FILE       paxos: a JSON config file for the Basic Paxos model (default: its defaults)
  --mutant NAME       paxos: walk a broken variant from the bug catalogue instead of correct Paxos
  --seed N            the run's seed, 0..4294967295 (default: random, printed first);
                      walk k uses seed N + k, so one walk replays with --seed S --walks 1
  --walks N           number of walks (default 1000)
  --max-steps N       steps per walk at most (default 100)
  --max-seconds S     stop with "incomplete" after S seconds
  --shard I/N         run only walks k with k mod N = I - 1 (I in 1..N), to spread a run over machines
  --trace-out FILE    where to save a failing walk's trace (default .synod/simulate-MODEL-SEED.json)
  --json              print the result as JSON
  -h, --help          this help

exit codes: 0 no walk failed, 1 a walk broke a property, 2 bad usage or config.`;

const Count = (name: string) => z.coerce.number({ error: `--${name} must be a number` }).int(`--${name} must be an integer`);

const Flags = z.strictObject({
  model: z.enum(SIMULATION_MODELS, { error: `--model must be one of ${SIMULATION_MODELS.join(", ")}` }).default("paxos"),
  acceptors: Count("acceptors").min(1).max(5).default(3),
  values: Count("values").min(1).max(4).default(2),
  ballots: Count("ballots").min(0).max(6).default(3),
  config: z.string().min(1).optional(),
  mutant: z.string().min(1).optional(),
  seed: Count("seed").min(0, "--seed must be at least 0").max(0xffffffff, "--seed must be at most 4294967295").optional(),
  walks: Count("walks").min(1, "--walks must be at least 1").default(1000),
  "max-steps": Count("max-steps").min(1, "--max-steps must be at least 1").default(100),
  "max-seconds": z.coerce.number({ error: "--max-seconds must be a number" }).positive("--max-seconds must be positive").optional(),
  shard: z.string().regex(/^\d+\/\d+$/, "--shard must look like I/N, e.g. 2/4").optional(),
  "trace-out": z.string().min(1).optional(),
  json: z.boolean().default(false),
});
type Flags = z.infer<typeof Flags>;

/** Builds the model the flags name; Basic Paxos loads lazily, with its config file and variant. */
async function loadSimulationModel(f: Flags): Promise<Model<unknown, unknown>> {
  if (f.model === "lamport") {
    if (f.mutant) throw new Error("--mutant applies to --model paxos only");
    return createLamportModel({ acceptors: f.acceptors, values: f.values, ballots: f.ballots }) as Model<unknown, unknown>;
  }
  const [{ createPaxosModel }, { parseModelConfig }, { findVariant }] = await Promise.all([
    import("../../model/basic-paxos/paxos-model.ts"),
    import("../../model/basic-paxos/config.ts"),
    import("../../model/basic-paxos/catalogue.ts"),
  ]);
  const variant = f.mutant === undefined ? undefined : findVariant(f.mutant);
  if (f.mutant !== undefined && !variant) throw new Error(`--mutant ${f.mutant}: no such variant (synod check --list-mutants lists them)`);
  const fromFile = f.config === undefined ? {} : readJson(f.config);
  const config = parseModelConfig({ ...(variant?.config ?? {}), ...(fromFile as object) });
  return createPaxosModel(config, variant) as Model<unknown, unknown>;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new Error(`--config ${path}: not a readable JSON file (${(err as Error).message})`);
  }
}

function parseShard(text: string | undefined): { index: number; count: number } | undefined {
  if (text === undefined) return undefined;
  const [i, n] = text.split("/").map(Number) as [number, number];
  if (n < 1 || i < 1 || i > n) throw new Error(`--shard ${text}: I must be in 1..N`);
  return { index: i - 1, count: n };
}

function parseFlags(argv: readonly string[]): Flags | "help" {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      model: { type: "string" }, acceptors: { type: "string" }, values: { type: "string" }, ballots: { type: "string" },
      config: { type: "string" }, mutant: { type: "string" }, seed: { type: "string" }, walks: { type: "string" }, "max-steps": { type: "string" },
      "max-seconds": { type: "string" }, shard: { type: "string" }, "trace-out": { type: "string" },
      json: { type: "boolean" }, help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help";
  const { help: _help, ...rest } = values;
  const parsed = Flags.safeParse(rest);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join("; "));
  return parsed.data;
}

/** The flags that rebuild the same model and walk: printed with every failure. */
function replayCommand(f: Flags, seed: number): string {
  const model = f.model === "lamport"
    ? `--model lamport --acceptors ${f.acceptors} --values ${f.values} --ballots ${f.ballots}`
    : `--model ${f.model}${f.config ? ` --config ${f.config}` : ""}${f.mutant ? ` --mutant ${f.mutant}` : ""}`;
  return `synod simulate ${model} --seed ${seed} --walks 1 --max-steps ${f["max-steps"]}`;
}

export const command: Command = {
  summary: "seeded random walks for configurations too large to exhaust",
  async run(argv) {
    let flags: Flags | "help";
    let model: Model<unknown, unknown>;
    let shard: { index: number; count: number } | undefined;
    try {
      flags = parseFlags(argv);
      if (flags === "help") {
        console.log(HELP);
        return 0;
      }
      shard = parseShard(flags.shard);
      model = await loadSimulationModel(flags);
    } catch (err) {
      console.error(`synod simulate: ${(err as Error).message}\n(see synod simulate --help)`);
      return 2;
    }
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
  const replay = replayCommand(flags, walkSeed);
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
