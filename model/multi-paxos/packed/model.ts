// Multi-Paxos on packed words: the PackedModel (checker/packed-model.ts) of createMultiPaxosModel
// for the correct rules, without reads or restarts that lose state. Successors are computed on
// words (successors.ts); invariants and witnesses are the object model's, run once per distinct
// view (checker/memo-checks.ts). A catalogue variant, or a run the layout cannot hold, throws
// PackOverflow, and the checker runs the object engine instead (checker/check.ts).
import { codecAndChecks } from "../../../checker/memo-checks.ts";
import { PackOverflow, type PackedModel } from "../../../checker/packed-model.ts";
import type { MultiPaxosAction } from "../actions.ts";
import type { MultiPaxosConfig } from "../config.ts";
import { createMultiPaxosModel } from "../model.ts";
import { correctMultiPaxosRules } from "../rules.ts";
import type { MultiPaxosState } from "../state.ts";
import { nodeIds } from "../config.ts";
import { MultiPaxosCodec } from "./codec.ts";
import { MultiPaxosLayout } from "./layout.ts";
import { createSuccessors } from "./successors.ts";

export type PackedMultiPaxos = PackedModel<MultiPaxosState, MultiPaxosAction> & { readonly layout: MultiPaxosLayout; readonly codec: MultiPaxosCodec };

export function createPackedMultiPaxos(config: MultiPaxosConfig, variant?: string): PackedMultiPaxos {
  if (variant !== undefined) throw new PackOverflow(`the packed encoding models correct Multi-Paxos only, not the variant ${variant}`);
  const model = createMultiPaxosModel(config);
  const rules = correctMultiPaxosRules;
  const L = new MultiPaxosLayout(config, rules.quorum(nodeIds(config).length));
  const codec = new MultiPaxosCodec(L, { config, rules, quorum: L.quorum });
  return {
    ...codecAndChecks(model, codec),
    layout: L,
    codec,
    successors: createSuccessors(L),
  };
}
