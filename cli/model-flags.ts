// The flags that name a Basic Paxos configuration, shared by `synod check` and friends:
// parsed from argv, merged over a --config file and the variant's own config, validated
// with zod (errors name the flag or field).
import { readFileSync } from "node:fs";
import type { ModelConfig } from "../model/basic-paxos/config.ts";
import type { Variant } from "../model/basic-paxos/variant.ts";
import { parseModelConfig } from "../model/basic-paxos/config.ts";
import { findVariant } from "../model/basic-paxos/catalogue.ts";
import { UsageError } from "./args.ts";



/** Flag name -> config field, with how to read its value. */
export const CONFIG_FLAGS = {
  acceptors: { field: "acceptors", kind: "int", help: "number of acceptors a1..aN (1-5, default 3)" },
  proposers: { field: "proposers", kind: "int", help: "number of proposers p1..pM, proposing A, B, C, D (1-4, default 2)" },
  retries: { field: "retries", kind: "int", help: "timeouts in a run, each retrying with a higher ballot (0-4, default 1)" },
  losses: { field: "losses", kind: "int", help: "messages the network may lose in a run (0-6, default 1)" },
  "proposer-crashes": { field: "proposerCrashes", kind: "int", help: "proposer crashes in a run (0-3, default 0)" },
  "acceptor-crashes": { field: "acceptorCrashes", kind: "int", help: "acceptor crashes in a run (0-3, default 0)" },
  "no-loss": { field: "loss", kind: "false", help: "the network never loses a message" },
  "no-duplication": { field: "duplication", kind: "false", help: "each message is delivered at most once (default: any number of times)" },
  "acceptor-state-loss": { field: "acceptorStateLoss", kind: "true", help: "negative test: acceptors may restart with their state lost" },
  nacks: { field: "nacks", kind: "true", help: "acceptors answer refused requests with a Nack" },
} as const;

export type ConfigFlagValues = Partial<Record<keyof typeof CONFIG_FLAGS, string | boolean | undefined>>;


export function readJsonFile(path: string, flag: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new UsageError(`${flag} ${path}: not a readable JSON file (${(err as Error).message})`);
  }
}

/** Variant config, then the file, then the flags: later wins. */
export function configFromFlags(values: ConfigFlagValues, configFile: string | undefined, variant: Variant | undefined): ModelConfig {
  const merged: Record<string, unknown> = { ...(variant?.config ?? {}) };
  if (configFile !== undefined) {
    const file = readJsonFile(configFile, "--config");
    if (file === null || typeof file !== "object" || Array.isArray(file)) throw new UsageError(`--config ${configFile}: must hold a JSON object`);
    Object.assign(merged, file);
  }
  for (const [flag, spec] of Object.entries(CONFIG_FLAGS)) {
    const v = values[flag as keyof typeof CONFIG_FLAGS];
    if (v === undefined || v === false) continue;
    if (spec.kind === "int") {
      if (typeof v !== "string" || !/^-?\d+$/.test(v)) throw new UsageError(`--${flag}: must be a whole number, got '${String(v)}'`);
      merged[spec.field] = Number(v);
    } else merged[spec.field] = spec.kind === "true";
  }
  try {
    return parseModelConfig(merged);
  } catch (err) {
    throw new UsageError(`config: ${(err as Error).message}`);
  }
}

export function variantByName(name: string | undefined): Variant | undefined {
  if (name === undefined) return undefined;
  const v = findVariant(name);
  if (!v) throw new UsageError(`--mutant ${name}: no such variant (synod check --list-mutants lists them)`);
  return v;
}

export function configFlagOptions(): Record<string, { type: "string" | "boolean" }> {
  return Object.fromEntries(Object.entries(CONFIG_FLAGS).map(([flag, spec]) => [flag, { type: spec.kind === "int" ? "string" : "boolean" }]));
}
