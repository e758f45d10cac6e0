// The toy grid as a registered model (checker/definition.ts), exactly as a new protocol would
// be added: a config schema, its fields for the CLI, the object model and a packed encoding,
// and this module's URL so that worker threads can build it.
import { z } from "zod";
import type { ModelDefinition } from "../../checker/definition.ts";
import { toyModel, type Cell, type ToyAction, type ToyOptions } from "./toy-model.ts";
import { toyPacked } from "./toy-packed.ts";

const ToyConfig = z.strictObject({
  size: z.number().int().min(1).max(60).default(4),
  badCell: z.boolean().default(false),
  badProduct: z.boolean().default(false),
  reset: z.boolean().default(false),
  impossibleWitness: z.boolean().default(false),
  trap: z.boolean().default(false),
  mirror: z.boolean().default(false),
});

export const definition: ModelDefinition<ToyOptions, Cell, ToyAction> = {
  name: "toy-grid",
  summary: "a walker on a grid, with switches that plant each kind of bug the engine must find",
  module: import.meta.url,
  parseConfig(input) {
    const parsed = ToyConfig.safeParse(input ?? {});
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join(".") || "(config)"}: ${issue.message}`);
  },
  configFields: [
    { field: "size", flag: "size", kind: "int", help: "the grid is 0..N in x and y (default 4)" },
    { field: "badCell", flag: "bad-cell", kind: "on", help: "an invariant that fails at (3, 1)" },
    { field: "reset", flag: "reset", kind: "on", help: "a reset that breaks the step property" },
    { field: "trap", flag: "trap", kind: "on", help: "a trap from which the far corner is unreachable" },
    { field: "mirror", flag: "mirror", kind: "on", help: "x and y interchangeable (symmetry)" },
  ],
  variants: [{ name: "bad-cell", summary: "the invariant fails at (3, 1)", safe: false, breaks: "not-3-1", config: { badCell: true } }],
  create: (config, variant) => toyModel(variant === "bad-cell" ? { ...config, badCell: true } : config),
  packed: (config, variant) => toyPacked(variant === "bad-cell" ? { ...config, badCell: true } : config),
};
