// What a model must provide to be registered (model/registry.ts) and checked by every command:
// a name, how to parse its config, the CLI's view of its config fields, its variants (the bug
// catalogue, if it has one), the object model, optionally a packed encoding, and the module it
// is exported from, so that worker threads can build it too. docs/architecture.md says how to
// add one.
import type { Model } from "./model.ts";
import type { PackedModel } from "./packed-model.ts";

/** A config field as the CLI shows it: `--flag N` (int), `--flag` setting true (on) or false (off). */
export type ConfigField = {
  readonly field: string;
  readonly flag: string;
  readonly kind: "int" | "on" | "off";
  readonly help: string;
};

/** A variant of the model (a deliberately broken one, or a safe look-alike), as lists show it. */
export type VariantInfo = {
  readonly name: string;
  readonly summary: string;
  readonly safe: boolean;
  /** The property expected to catch an unsafe variant. */
  readonly breaks?: string;
  /** The length of the shortest counterexample that catches it under its config, where pinned. */
  readonly shortest?: number;
  /** Config the variant is checked under, merged under what the user gives. */
  readonly config?: Readonly<Record<string, unknown>>;
};

export interface ModelDefinition<C = unknown, S = unknown, A = unknown> {
  /** The one name of the model: in `--model`, traces and reports. */
  readonly name: string;
  readonly summary: string;
  /** file: URL of the module that exports this definition as `definition` (import.meta.url there). */
  readonly module: string;
  /** Parses a config, filling defaults; throws an Error naming the bad field. */
  parseConfig(input: unknown): C;
  readonly configFields: readonly ConfigField[];
  readonly variants: readonly VariantInfo[];
  create(config: C, variant?: string): Model<S, A>;
  /** The packed encoding, where the model has one (the faster engine). */
  packed?(config: C, variant?: string): PackedModel<S, A>;
}

/** One thing to check: a model, its config (parsed) and optionally a variant. */
export type Subject<C = unknown, S = unknown, A = unknown> = {
  readonly definition: ModelDefinition<C, S, A>;
  readonly config: C;
  readonly variant?: string;
};

export function findVariantInfo(definition: ModelDefinition, name: string): VariantInfo | undefined {
  return definition.variants.find((v) => v.name === name);
}

/** What a worker thread is told to rebuild a subject from: plain data only. */
export type SubjectRef = { readonly module: string; readonly config: unknown; readonly variant?: string };

export function subjectRef(s: Subject): SubjectRef {
  return { module: s.definition.module, config: s.config, ...(s.variant !== undefined ? { variant: s.variant } : {}) };
}

export async function loadDefinition(module: string): Promise<ModelDefinition> {
  const mod = (await import(module)) as { definition?: ModelDefinition };
  if (!mod.definition) throw new Error(`${module} exports no model definition ('definition')`);
  return mod.definition;
}
