// The named variants of impl/ (the implementation's side of the bug catalogue in
// protocol/catalogue.ts): each bug the implementation has as replaced decision rules, or as
// storage behind a named fault (harness/faulty-storage.ts). A variant is chosen by name in tests
// and on the CLI; impl/ itself carries no bug switch. "correct" is Paxos Made Simple; variants
// marked `safe` are look-alikes that must pass every check, the others must be caught.
import { z } from "zod";
import { bugs, type Bug, type ImplVariantName, type StorageFault } from "../protocol/catalogue.ts";
import { correctRules, type Rules } from "../protocol/rules.ts";
import type { Storage } from "../impl/ports/storage.ts";
import { faultyStorage } from "./faulty-storage.ts";

type ImplVariant = { readonly summary: string; readonly safe?: boolean; readonly rules?: Partial<Rules>; readonly storage?: StorageFault };

function implVariant(bug: Bug): [string, ImplVariant][] {
  const base = { summary: bug.summary, ...(bug.safe ? { safe: true } : {}) };
  if (bug.impl.kind === "rules") return [[bug.name, { ...base, rules: bug.impl.rules }]];
  if (bug.impl.kind === "storage") return [[bug.name, { ...base, storage: bug.impl.fault }]];
  return [];
}

export type VariantName = "correct" | ImplVariantName;

export const variants: Readonly<Record<VariantName, ImplVariant>> = Object.fromEntries([
  ["correct", { summary: "Basic Paxos as in Paxos Made Simple.", safe: true }],
  ...bugs.flatMap(implVariant),
]) as Record<VariantName, ImplVariant>;

export const variantNames = Object.keys(variants) as VariantName[];
export const VariantName = z.enum(variantNames as [VariantName, ...VariantName[]], {
  error: () => `variant must be one of: ${variantNames.join(", ")}`,
});

/** Whether a variant is safe (correct Paxos, or a look-alike that only seems broken). */
export function isSafeVariant(name: VariantName): boolean {
  return variants[name].safe === true;
}

/** The decision rules a node of this variant runs with. */
export function rulesFor(name: VariantName = "correct"): Rules {
  return { ...correctRules, ...variants[name].rules };
}

/** The storage a node of this variant runs on: `inner`, or `inner` behind its fault. */
export function storageFor(name: VariantName, inner: Storage): Storage {
  const fault = variants[name].storage;
  return fault ? faultyStorage[fault](inner) : inner;
}
