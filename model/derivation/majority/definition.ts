// Seed 004's scheme 3 as a registered model: many acceptors and majorities, the seed's
// proposer as written. Its default run: three acceptors, two proposers, no fault.
// It also checks that progress stays possible while a majority is up, which is what its
// acceptors, keeping their first value for ever, can lose.
import type { ModelDefinition } from "../../../checker/definition.ts";
import { configFields, parseDerivationConfig, type DerivationConfig, type SchemeConfig } from "../config.ts";
import { derivationModel, type DerivationState } from "../model.ts";
import type { DerivationAction } from "../actions.ts";
import type { EpochAcceptor } from "../epochs/acceptor.ts";
import { EpochMessage } from "../epochs/messages.ts";
import { majorityScheme, type MajorityProposer } from "./scheme.ts";

const shape: SchemeConfig = { acceptors: true, epochs: true, defaults: { acceptors: 3 } };

export const definition: ModelDefinition<DerivationConfig, DerivationState<EpochAcceptor, MajorityProposer, EpochMessage>, DerivationAction<EpochMessage>> = {
  name: majorityScheme.name,
  summary: "seed 004, scheme 3: many acceptors and majorities, the seed's proposer as written (acceptors keep their first value for ever)",
  module: import.meta.url,
  parseConfig: (input) => parseDerivationConfig(shape, input),
  configFields: configFields(shape),
  variants: [],
  create: (config) => derivationModel(majorityScheme, config, EpochMessage, { progress: true }),
};
