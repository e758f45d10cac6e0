// Seed 004's scheme 1 as a registered model: one acceptor, a lock for concurrent proposers.
// Its default run: two proposers, one of which may crash.
import type { ModelDefinition } from "../../../checker/definition.ts";
import { configFields, parseDerivationConfig, type DerivationConfig, type SchemeConfig } from "../config.ts";
import { derivationModel, type DerivationState } from "../model.ts";
import type { DerivationAction } from "../actions.ts";
import { LockMessage } from "./messages.ts";
import { lockScheme, type LockAcceptor, type LockProposer } from "./scheme.ts";

const shape: SchemeConfig = { acceptors: false, epochs: false, defaults: { proposerCrashes: 1 } };

export const definition: ModelDefinition<DerivationConfig, DerivationState<LockAcceptor, LockProposer, LockMessage>, DerivationAction<LockMessage>> = {
  name: lockScheme.name,
  summary: "seed 004, scheme 1: one acceptor and a lock (prepare = tryLock); a proposer that dies holding the lock blocks everyone",
  module: import.meta.url,
  parseConfig: (input) => parseDerivationConfig(shape, input),
  configFields: configFields(shape),
  variants: [],
  create: (config) => derivationModel(lockScheme, config, LockMessage),
};
