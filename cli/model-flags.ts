// The flags that choose a model and its config, for every command that checks or walks a
// model: `--model NAME` (from the registry), the model's own config fields as flags (from its
// definition), `--config FILE` and `--mutant NAME`. Later wins: the variant's config, then the
// file, then the flags. A flag or a file field the model does not have is refused by name.
import { readFileSync } from "node:fs";
import type { ModelDefinition, VariantInfo } from "../checker/definition.ts";
import type { ModelRegistry } from "../checker/registry.ts";
import { UsageError, type FlagSpec } from "./args.ts";

/** The model a command line names (`--model NAME` or `--model=NAME`), or the default. */
export function modelNamed(argv: readonly string[], registry: ModelRegistry, fallback: string): ModelDefinition {
  let name = fallback;
  argv.forEach((arg, i) => {
    if (arg === "--model" && i + 1 < argv.length) name = argv[i + 1]!;
    else if (arg.startsWith("--model=")) name = arg.slice("--model=".length);
  });
  const d = registry.find(name);
  if (!d) throw new UsageError(`--model: no model named '${name}'; the models are ${registry.names.join(", ")} (synod check --list-models)`);
  return d;
}

/** The model's config fields as flags. */
export function configFlagSpec(d: ModelDefinition): FlagSpec {
  return Object.fromEntries(d.configFields.map((f) => [f.flag, f.kind === "int" ? { value: "N", help: f.help } : { boolean: true, help: f.help }]));
}

/**
 * Flags that name a model config (and variant) in every command that takes one. Commands that
 * run one model only (the implementation's, Basic Paxos) leave out --model and --mutant.
 */
export function modelFlagSpec(d: ModelDefinition, o: { model?: boolean; variants?: boolean } = {}): FlagSpec {
  return {
    ...(o.model !== false ? { model: { value: "NAME", help: "the model to check: synod check --list-models lists them (default basic-paxos)" } } : {}),
    config: { value: "FILE", help: `JSON file with ${d.name}'s config fields (flags override it)` },
    ...configFlagSpec(d),
    ...(o.variants !== false && d.variants.length > 0 ? { mutant: { value: "NAME", help: "a variant from the model's bug catalogue instead of the correct model (--list-mutants)" } } : {}),
  };
}

export function readJsonFile(path: string, flag: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new UsageError(`${flag} ${path}: not a readable JSON file (${(err as Error).message})`);
  }
}

/** The variant `--mutant NAME` names, or undefined; unknown names are refused. */
export function variantFlag(d: ModelDefinition, name: string | undefined): VariantInfo | undefined {
  if (name === undefined) return undefined;
  const v = d.variants.find((x) => x.name === name);
  if (!v) throw new UsageError(`--mutant ${name}: ${d.name} has no such variant (synod check --model ${d.name} --list-mutants lists them)`);
  return v;
}

/** The parsed config: the variant's, then the file's fields, then the flags. */
export function configFromFlags(d: ModelDefinition, flags: Record<string, string | boolean>, variant: VariantInfo | undefined): unknown {
  const fields = new Map(d.configFields.map((f) => [f.field, f]));
  const merged = new Map<string, unknown>(Object.entries(variant?.config ?? {}));
  const file = typeof flags.config === "string" ? flags.config : undefined;
  if (file !== undefined) {
    const json = readJsonFile(file, "--config");
    if (json === null || typeof json !== "object" || Array.isArray(json)) throw new UsageError(`--config ${file}: must hold a JSON object of ${d.name}'s config fields`);
    for (const [k, v] of Object.entries(json)) {
      if (!fields.has(k)) throw new UsageError(`--config ${file}: '${k}' is not a config field of ${d.name} (its fields: ${[...fields.keys()].join(", ")})`);
      merged.set(k, v);
    }
  }
  for (const f of d.configFields) {
    const v = flags[f.flag];
    if (v === undefined) continue;
    if (f.kind === "int") {
      if (typeof v !== "string" || !/^-?\d+$/.test(v)) throw new UsageError(`--${f.flag}: must be a whole number, got '${String(v)}'`);
      merged.set(f.field, Number(v));
    } else merged.set(f.field, f.kind === "on");
  }
  try {
    return d.parseConfig(Object.fromEntries(merged));
  } catch (err) {
    const message = (err as Error).message;
    const field = message.split(":")[0]!;
    const flag = fields.get(field)?.flag;
    // A field the user set by flag is named by its flag; one from a file or a variant by its field.
    throw new UsageError(flag !== undefined && flags[flag] !== undefined ? `--${flag}: ${message.slice(field.length + 2)}` : `config: ${message}`);
  }
}
