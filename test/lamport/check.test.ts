import { describe, expect, it } from "vitest";
import { check } from "../../checker/check.ts";
import { definition } from "../../model/lamport/definition.ts";

describe("Paxos.tla through the registry", () => {
  it("gives TLC's figures on either representation and any number of workers", async () => {
    const config = definition.parseConfig({ acceptors: 3, values: 2, ballots: 1 });
    for (const engine of ["packed", "object"] as const) {
      for (const workers of [1, 2]) {
        const result = await check({ definition, config }, { engine, workers });
        expect(result.verdict).toBe("verified");
        expect(result.stats).toMatchObject({ distinctStates: 3921, depth: 17 });
      }
    }
  });

  it("rejects a bad config, naming the field", () => {
    expect(() => definition.parseConfig({ acceptors: 0 })).toThrow(/acceptors/);
  });
});
