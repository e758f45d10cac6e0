// Every variant of the Basic Paxos model by name: the bug catalogue's (safety) and the
// liveness-only ones, which `synod check --mutant NAME` runs and `--list-mutants` lists alike.
import type { Variant } from "./variant.ts";
import { catalogue } from "./catalogue.ts";
import { livenessVariants } from "./liveness-variants.ts";

export const modelVariants: readonly Variant[] = [...catalogue, ...livenessVariants];

export function findModelVariant(name: string): Variant | undefined {
  return modelVariants.find((v) => v.name === name);
}
