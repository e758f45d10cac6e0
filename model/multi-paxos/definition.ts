// Seed 002's Multi-Paxos as a registered model (checker/definition.ts): its config, the CLI's
// view of the config's fields, its bug catalogue, the object model and its packed encoding
// (correct Multi-Paxos only: a variant runs on objects).
import type { ModelDefinition } from "../../checker/definition.ts";
import type { MultiPaxosAction } from "./actions.ts";
import { configFields, parseMultiPaxosConfig, type MultiPaxosConfig } from "./config.ts";
import { findMultiPaxosVariant, multiPaxosCatalogue } from "./catalogue.ts";
import { createMultiPaxosModel, MULTI_PAXOS_MODEL_NAME } from "./model.ts";
import type { MultiPaxosState } from "./state.ts";
import { createPackedMultiPaxos } from "./packed/model.ts";

function rulesOf(name: string | undefined) {
  if (name === undefined) return {};
  const v = findMultiPaxosVariant(name);
  if (!v) throw new Error(`${MULTI_PAXOS_MODEL_NAME} has no variant named '${name}' (synod check --model ${MULTI_PAXOS_MODEL_NAME} --list-mutants lists them)`);
  return v.rules;
}

export const definition: ModelDefinition<MultiPaxosConfig, MultiPaxosState, MultiPaxosAction> = {
  name: MULTI_PAXOS_MODEL_NAME,
  summary: "seed 002's Multi-Paxos: leaders elected by phase 1 over every slot, a replicated log of client commands, heartbeats, no-ops for gaps",
  module: import.meta.url,
  parseConfig: parseMultiPaxosConfig,
  configFields,
  variants: multiPaxosCatalogue.map(({ rules: _rules, states: _states, nearMisses: _nearMisses, ...info }) => info),
  create: (config, variant) => createMultiPaxosModel(config, rulesOf(variant)),
  packed: (config, variant) => createPackedMultiPaxos(config, variant),
};
