// Seed 004's scheme 2 as a registered model: one acceptor that grants the newest epoch. Its
// default run: two proposers, and the acceptor may crash.
import type { ModelDefinition } from "../../../checker/definition.ts";
import { configFields, parseDerivationConfig, type DerivationConfig, type SchemeConfig } from "../config.ts";
import { derivationModel, type DerivationState } from "../model.ts";
import type { DerivationAction } from "../actions.ts";
import { EpochMessage } from "./messages.ts";
import { epochScheme, EPOCHS_MODEL_NAME, type EpochAcceptor, type EpochProposer } from "./scheme.ts";

const shape: SchemeConfig = { acceptors: false, epochs: true, retryChoice: true, defaults: { acceptorCrashes: 1 } };

export const definition: ModelDefinition<DerivationConfig, DerivationState<EpochAcceptor, EpochProposer, EpochMessage>, DerivationAction<EpochMessage>> = {
  name: EPOCHS_MODEL_NAME,
  summary: "seed 004, scheme 2: one acceptor that favours the newest epoch; a failed proposer only delays the others, the acceptor is a single point of failure",
  module: import.meta.url,
  parseConfig: (input) => parseDerivationConfig(shape, input),
  configFields: configFields(shape),
  variants: [],
  create: (config) => derivationModel(epochScheme(config.retryNextEpoch), config, EpochMessage),
};
