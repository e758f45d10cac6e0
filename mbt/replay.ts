// The implementation side of `synod replay`: a trace's actions replayed in lockstep on the model
// (its config, and the mutant's rules if it names one) and on a SimCluster of the named
// implementation variant, stopping at the first step where the two part.
import type { Action } from "../model/basic-paxos/actions.ts";
import type { Rules } from "../protocol/rules.ts";
import { parseModelConfig } from "../model/basic-paxos/config.ts";
import { VariantName } from "../harness/impl-variants.ts";
import { replayOnImpl, type LockstepReplay } from "./lockstep.ts";
import { withStorage, type StorageKind } from "./schedule.ts";
import { shortcutsEntry } from "./catalogue.ts";

export type ImplSide = { readonly variant: string; readonly storage: StorageKind; readonly shortcuts?: boolean };

/** Throws an Error naming the field when the variant is unknown or the config is bad. */
export function replayOnImplementation(config: unknown, actions: readonly Action[], impl: ImplSide, modelRules?: Partial<Rules>): Promise<LockstepReplay> {
  const variant = VariantName.safeParse(impl.variant);
  if (!variant.success) throw new Error(`impl.variant: ${variant.error.issues[0]!.message}`);
  const modelConfig = parseModelConfig(config);
  // With the shortcuts, the model mirrors phase 2a to all acceptors and the run is judged by invariants (as shortcutsEntry).
  const shortcuts = impl.shortcuts ? { ...shortcutsEntry.options, modelRules: { ...shortcutsEntry.options?.modelRules, ...modelRules } } : modelRules ? { modelRules } : {};
  return withStorage(impl.storage, (storage) => replayOnImpl({ config: modelConfig, variant: variant.data, storage, ...shortcuts }, actions));
}
