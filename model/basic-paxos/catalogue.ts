// The model's bug catalogue: every bug of protocol/catalogue.ts that the model has, as a variant
// of correct Paxos (rules replaced, config merged). Every unsafe variant must be caught
// (test/catalogue) and every safe one verified.
import type { Variant } from "./variant.ts";
import { parseModelConfig, type ModelConfig, type ModelConfigInput } from "./config.ts";
import { bugs, type Bug, type ModelConfigFields } from "../../protocol/catalogue.ts";

/**
 * The small configuration the catalogue is checked under (each variant's own `config` is
 * merged over it): no retries and no losses keep each run to seconds; the variants that need
 * a third ballot or a crash ask for it.
 */
export const catalogueBase = { losses: 0, retries: 0 } as const;

/**
 * The catalogue is explored under acceptor symmetry (docs/model.md): every variant has the
 * verdict, the property and the shortest length it has without, in a fraction of the states.
 */
export const catalogueSymmetry = true;

/**
 * A bug's config fields (protocol/ cannot know the model's schema), checked against it: a
 * misspelt field or a bad value fails at load. Only the bug's own fields are kept, so that the
 * catalogue's base still applies to the rest.
 */
function checkedConfig(name: string, fields: ModelConfigFields): ModelConfigInput {
  let full: ModelConfig;
  try {
    full = parseModelConfig(fields);
  } catch (e) {
    throw new Error(`catalogue bug ${name}: ${(e as Error).message}`);
  }
  return Object.fromEntries(Object.keys(fields).map((k) => [k, full[k as keyof ModelConfig]])) as Partial<ModelConfig>;
}

/**
 * The length of each unsafe variant's shortest counterexample under its bounds, as breadth-first
 * search finds it: verify's catalogue stage requires it, so an edit that turns one bug into
 * another (a variant's rule made to do something else) fails even when the same property still
 * catches it.
 */
const shortestLength: Readonly<Record<string, number>> = {
  "promise-off-by-one": 7,
  "accept-off-by-one": 0,
  "ignore-reported-votes": 12,
  "lowest-reported-vote": 18,
  "first-reported-vote": 18,
  "quorum-n-over-2": 5,
  "duplicates-counted-twice": 7,
  "accept-without-promise-check": 8,
  "acceptor-state-lost": 4,
  "vote-after-reply": 10,
  "recovery-promise-from-vote": 10,
  "accept-keeps-promise": 6,
  "ballot-reused-after-restart": 17,
  "learner-mixes-ballots": 14,
};

function variantOf(bug: Bug): Variant | [] {
  if (bug.model.kind === "absent") return [];
  const { rules, config } = bug.model;
  return {
    name: bug.name,
    summary: bug.summary,
    safe: bug.safe,
    ...(bug.breaks ? { breaks: bug.breaks } : {}),
    ...(shortestLength[bug.name] !== undefined ? { shortest: shortestLength[bug.name] } : {}),
    ...(config ? { config: checkedConfig(bug.name, config) } : {}),
    rules,
  };
}

export const catalogue: readonly Variant[] = bugs.flatMap(variantOf);

/** The bounds a variant is checked under: the catalogue's base with the variant's own on top. */
export function variantConfigInput(variant: Variant): ModelConfigInput {
  return { ...catalogueBase, ...variant.config };
}

export function variantConfig(variant: Variant): ModelConfig {
  return parseModelConfig(variantConfigInput(variant));
}

export function findVariant(name: string): Variant | undefined {
  return catalogue.find((v) => v.name === name);
}
