// Shared by the liveness-variant tests: a variant of model/basic-paxos/liveness-variants.ts,
// or correct Paxos under the same config, checked on objects without and with --liveness.
import { checkModel } from "../../checker/check.ts";
import { parseModelConfig } from "../../model/basic-paxos/config.ts";
import { createPaxosModel } from "../../model/basic-paxos/paxos-model.ts";
import { livenessVariants } from "../../model/basic-paxos/liveness-variants.ts";

export function livenessVariant(name: string) {
  const v = livenessVariants.find((x) => x.name === name)!;
  const config = parseModelConfig(v.config);
  const checkOf = (variant: typeof v | undefined, liveness: boolean) => checkModel(createPaxosModel(config, variant), { engine: "object", liveness });
  return { safety: () => checkOf(v, false), liveness: () => checkOf(v, true), correct: () => checkOf(undefined, true) };
}

/** Each liveness property's verdict with its run's length and cycle start. */
export const verdictsOf = (r: { readonly liveness?: readonly { id: string; verdict: string; run?: { steps: readonly unknown[]; cycleStart?: number } }[] }) =>
  r.liveness!.map((l) => [l.id, l.verdict, l.run?.steps.length, l.run?.cycleStart]);
