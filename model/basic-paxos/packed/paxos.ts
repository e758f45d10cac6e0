// Basic Paxos on packed words: the PackedModel (checker/packed-model.ts) of createPaxosModel,
// for the correct rules or any catalogue variant. Successors are computed on words with the
// variant's own rule functions (rule-tables.ts); checks are the object model's, memoized per
// distinct view (checker/memo-checks.ts). A state the layout cannot hold throws PackOverflow; the
// caller then runs the object engine (checker/check.ts).
import type { PackedModel } from "../../../checker/packed-model.ts";
import type { Action } from "../actions.ts";
import type { ModelConfigInput } from "../config.ts";
import type { PaxosState } from "../state.ts";
import { parseModelConfig } from "../config.ts";
import { findModelVariant } from "../variants.ts";
import { correctRules, type Rules } from "../../../protocol/rules.ts";
import { createPaxosModel } from "../paxos-model.ts";
import { PaxosCodec } from "./codec.ts";
import { PaxosLayout } from "./layout.ts";
import { codecAndChecks } from "../../../checker/memo-checks.ts";
import { packedProgress } from "./progress.ts";
import { packedLiveness, packedUnsupported } from "./liveness.ts";
import { PackOverflow } from "./layout.ts";
import { RuleTables } from "./rule-tables.ts";
import { createSuccessors } from "./successors.ts";
import { acceptorCanonicalizer } from "./symmetry.ts";

/** What names a packed Basic Paxos model across threads: the config and the variant's name. */
export type PackedPaxosSpecConfig = { readonly config: ModelConfigInput; readonly variant?: string };

/** The parts a check of the encoding against the object model reads: the layout, codec, rules and their tables. */
export type PackedPaxosParts = { readonly layout: PaxosLayout; readonly codec: PaxosCodec; readonly rules: Rules; readonly tables: RuleTables };
export type PackedPaxos = PackedModel<PaxosState, Action> & PackedPaxosParts;

/** The encoding of a config and variant, without compiling its steps; PackOverflow for one it does not model. */
export function packedPaxosParts({ config: input, variant: name }: PackedPaxosSpecConfig): PackedPaxosParts & { readonly model: ReturnType<typeof createPaxosModel> } {
  const config = parseModelConfig(input);
  const variant = name === undefined ? undefined : findModelVariant(name);
  if (name !== undefined && !variant) throw new Error(`no model variant named ${name}`);
  const model = createPaxosModel(config, variant);
  const rules: Rules = { ...correctRules, ...variant?.rules };
  const unsupported = packedUnsupported(config, rules);
  if (unsupported) throw new PackOverflow(`the packed encoding does not model ${unsupported}`);
  const layout = new PaxosLayout(config, rules.quorum(config.acceptors), rules.countBySender);
  const codec = new PaxosCodec(layout);
  return { model, layout, codec, rules, tables: new RuleTables(layout, codec, rules) };
}

export function createPackedPaxos(spec: PackedPaxosSpecConfig): PackedPaxos {
  const { model, layout: L, codec, rules, tables } = packedPaxosParts(spec);
  const progress = packedProgress(L);
  const liveness = packedLiveness(L);
  return {
    ...codecAndChecks(model, codec),
    layout: L,
    codec,
    rules,
    tables,
    successors: createSuccessors(L, tables),
    progressGoal: progress.goal,
    progressExpected: progress.expected,
    livenessGoal: liveness.goal,
    fairStep: liveness.fairStep,
    canonicalize: acceptorCanonicalizer(L),
  };
}
