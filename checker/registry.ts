// The model registry: every command finds models by name here and nowhere else. model/registry.ts
// builds the one with Synod's own models; a test or a tool can build one with models of its own.
import type { ModelDefinition } from "./definition.ts";

export class ModelRegistry {
  private readonly byName = new Map<string, ModelDefinition>();

  constructor(definitions: readonly ModelDefinition[]) {
    for (const d of definitions) {
      if (this.byName.has(d.name)) throw new Error(`two models are named '${d.name}'`);
      this.byName.set(d.name, d);
    }
  }

  get definitions(): readonly ModelDefinition[] {
    return [...this.byName.values()];
  }

  get names(): readonly string[] {
    return [...this.byName.keys()];
  }

  find(name: string): ModelDefinition | undefined {
    return this.byName.get(name);
  }

  /** The definition of `name`, or an Error that lists the models there are. */
  get(name: string): ModelDefinition {
    const d = this.find(name);
    if (!d) throw new Error(`no model named '${name}'; the models are: ${this.names.join(", ")} (synod check --list-models)`);
    return d;
  }

  /** A registry with `more` added (tests and tools register their own models this way). */
  with(...more: readonly ModelDefinition[]): ModelRegistry {
    return new ModelRegistry([...this.definitions, ...more]);
  }
}
