// Basic Paxos as a registered model (checker/definition.ts): its config, the CLI's view of the
// config's fields, its bug catalogue, the object model and its packed encoding.
import type { ModelDefinition } from "../../checker/definition.ts";
import type { Action } from "./actions.ts";
import { findModelVariant, modelVariants } from "./variants.ts";
import { parseModelConfig, type ModelConfig } from "./config.ts";
import { createPackedPaxos } from "./packed/paxos.ts";
import { BASIC_MODEL_NAME, createPaxosModel } from "./paxos-model.ts";
import type { PaxosState } from "./state.ts";

function variantNamed(name: string | undefined) {
  if (name === undefined) return undefined;
  const v = findModelVariant(name);
  if (!v) throw new Error(`${BASIC_MODEL_NAME} has no variant named '${name}' (synod check --list-mutants lists them)`);
  return v;
}

export const definition: ModelDefinition<ModelConfig, PaxosState, Action> = {
  name: BASIC_MODEL_NAME,
  summary: "Basic (single-decree) Paxos: proposers, acceptors and learners over a lossy, duplicating network, with crashes and restarts",
  module: import.meta.url,
  parseConfig: parseModelConfig,
  configFields: [
    { field: "acceptors", flag: "acceptors", kind: "int", help: "number of acceptors a1..aN (1-5, default 3)" },
    { field: "proposers", flag: "proposers", kind: "int", help: "number of proposers p1..pM, proposing A, B, C, D (1-4, default 2)" },
    { field: "retries", flag: "retries", kind: "int", help: "timeouts in a run, each retrying with a higher ballot (0-4, default 1)" },
    { field: "losses", flag: "losses", kind: "int", help: "messages the network may lose in a run (0-6, default 1)" },
    { field: "proposerCrashes", flag: "proposer-crashes", kind: "int", help: "proposer crashes in a run (0-3, default 0)" },
    { field: "acceptorCrashes", flag: "acceptor-crashes", kind: "int", help: "acceptor crashes in a run (0-3, default 0)" },
    { field: "loss", flag: "no-loss", kind: "off", help: "the network never loses a message" },
    { field: "duplication", flag: "no-duplication", kind: "off", help: "each message is delivered at most once (default: any number of times)" },
    { field: "acceptorStateLoss", flag: "acceptor-state-loss", kind: "on", help: "negative test: acceptors may restart with their state lost" },
    { field: "nacks", flag: "nacks", kind: "on", help: "acceptors answer refused requests with a Nack" },
    { field: "distinguished", flag: "distinguished", kind: "on", help: "liveness: only p1 starts ballots (seed 002's distinguished proposer); the others only learn" },
    { field: "stuckTimeouts", flag: "stuck-timeouts", kind: "on", help: "liveness: a proposer times out only once nothing of its ballot can still be delivered" },
  ],
  variants: modelVariants.map((v) => ({ name: v.name, summary: v.summary, safe: v.safe, ...(v.breaks ? { breaks: v.breaks } : {}), ...(v.shortest !== undefined ? { shortest: v.shortest } : {}), ...(v.config ? { config: v.config } : {}) })),
  create: (config, variant) => createPaxosModel(config, variantNamed(variant)),
  packed: (config, variant) => createPackedPaxos({ config, ...(variantNamed(variant) ? { variant } : {}) }),
};
