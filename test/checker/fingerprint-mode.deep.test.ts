// Fingerprint mode on Basic Paxos: the same states, transitions, depth and witnesses as the
// packed engine that keeps every state's words, in fewer bytes per state; and a bug's shortest
// counterexample rebuilt from fingerprints alone, as long as the one rebuilt from words; and the
// default configuration under symmetry with a queue kept to its smallest in memory, so that
// nearly every chunk of states to expand goes to disk and comes back.
import { describe, expect, it } from "vitest";
import { check } from "../../checker/check.ts";
import type { CheckOptions } from "../../checker/result.ts";
import { definition } from "../../model/basic-paxos/definition.ts";

const run = (config: object, o: CheckOptions, variant?: string) => check({ definition, config: definition.parseConfig(config), ...(variant ? { variant } : {}) }, { engine: "packed", ...o });

describe("fingerprint mode on Basic Paxos", () => {
  it("explores the same space as the words under symmetry, holding less per state", async () => {
    const words = await run({ retries: 0, loss: false }, { symmetry: true });
    const prints = await run({ retries: 0, loss: false }, { symmetry: true, fingerprint: true });
    expect(prints.verdict).toBe("verified");
    expect(prints.stats).toMatchObject({ distinctStates: words.stats.distinctStates, transitions: words.stats.transitions, depth: words.stats.depth });
    expect(prints.witnesses).toEqual(words.witnesses);
    expect(prints.stats.bytesPerState).toBeLessThan(words.stats.bytesPerState);
  });

  it("explores the default configuration's classes with the queue spilled to disk", async () => {
    const prints = await run({}, { symmetry: true, fingerprint: true, queueMemoryBytes: 1 });
    expect(prints.verdict).toBe("verified");
    // The packed engine's count with every state's words kept (docs/model.md).
    expect(prints.stats).toMatchObject({ distinctStates: 2_925_357, transitions: 12_969_865, depth: 32 });
    expect(prints.witnesses.every((w) => w.reached)).toBe(true);
  });

  it("rebuilds the shortest counterexample from parent fingerprints, a concrete run of the model", async () => {
    const config = { retries: 0, losses: 0 };
    const words = await run(config, { symmetry: true }, "ignore-reported-votes");
    const prints = await run(config, { symmetry: true, fingerprint: true }, "ignore-reported-votes");
    expect(prints.verdict).toBe("violation");
    expect(prints.violation!.property).toBe(words.violation!.property);
    expect(prints.violation!.steps).toHaveLength(words.violation!.steps.length);
    const model = definition.create(definition.parseConfig(config), "ignore-reported-votes");
    let state = prints.violation!.initial;
    for (const { action, state: after } of prints.violation!.steps) {
      expect(model.next(state, action)).toEqual(after);
      state = after;
    }
    expect(model.invariants.find((i) => i.id === prints.violation!.property)!.check(state)).not.toBeNull();
  });
});
