// The object engine on two workers: the counts, depth and witnesses of one thread (the packed
// engine's twin runs in the default suite, basic-paxos-workers.test.ts); and the default
// configuration on two packed workers, which share one visited set.
import { describe, expect, it } from "vitest";
import { check } from "../../checker/check.ts";
import { definition } from "../../model/basic-paxos/definition.ts";

const small = definition.parseConfig({ retries: 0, losses: 0, duplication: false });

describe("Basic Paxos on workers, object engine", () => {
  it("verifies with the counts, depth and witnesses of one thread", async () => {
    const one = await check({ definition, config: small });
    const two = await check({ definition, config: small }, { engine: "object", workers: 2 });
    expect(two.verdict).toBe("verified");
    expect(two.stats).toMatchObject({ distinctStates: one.stats.distinctStates, transitions: one.stats.transitions, depth: one.stats.depth });
    expect(two.witnesses).toEqual(one.witnesses);
  });
});

describe("Basic Paxos on workers sharing one visited set", () => {
  it("explores the default configuration with the counts of one thread and judges progress over both workers' edges", async () => {
    const config = definition.parseConfig({});
    // The graph one thread explores (the README's `npx synod check`), pinned here to spare a second run.
    const two = await check({ definition, config }, { workers: 2 });
    expect(two.verdict).toBe("verified");
    expect(two.stats).toMatchObject({ distinctStates: 17_490_363, transitions: 77_390_687, depth: 32 });
    expect(two.witnesses.every((w) => w.reached)).toBe(true);
  }, 600_000);
});
