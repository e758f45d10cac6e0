// Lamport's Paxos.tla as a registered model (checker/definition.ts): the reference whose state
// counts must equal TLC's. It has no variants of its own.
import type { ModelDefinition } from "../../checker/definition.ts";
import type { LamportAction } from "./actions.ts";
import { LamportConfig, DEFAULT_LAMPORT_CONFIG } from "./config.ts";
import { createLamportModel } from "./model.ts";
import { createPackedLamport } from "./packed.ts";
import type { LamportState } from "./state.ts";

function parseLamportConfig(input: unknown): LamportConfig {
  const parsed = LamportConfig.safeParse({ ...DEFAULT_LAMPORT_CONFIG, ...(input as object) });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new Error(`${issue.path.join(".") || "(config)"}: ${issue.message}`);
}

export const definition: ModelDefinition<LamportConfig, LamportState, LamportAction> = {
  name: "lamport-paxos",
  summary: "Lamport's Paxos.tla (maxBal, maxVBal, maxVal, the set of all messages sent): the reference, state for state as TLC",
  module: import.meta.url,
  parseConfig: parseLamportConfig,
  configFields: [
    { field: "acceptors", flag: "acceptors", kind: "int", help: "number of acceptors (1-5, default 3)" },
    { field: "values", flag: "values", kind: "int", help: "number of values v1..vN (1-4, default 2)" },
    { field: "ballots", flag: "ballots", kind: "int", help: "the highest ballot N: ballots 0..N (0-6, default 2)" },
  ],
  variants: [],
  create: (config) => createLamportModel(config),
  packed: (config) => createPackedLamport(config),
};
