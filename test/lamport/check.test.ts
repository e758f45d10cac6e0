import { describe, expect, it } from "vitest";
import { checkLamport } from "../../model/lamport/check.ts";

describe("checkLamport", () => {
  it("gives TLC's figures whichever engine runs", async () => {
    const config = { acceptors: 3, values: 2, ballots: 1 };
    for (const workers of [1, 2]) {
      const result = await checkLamport(config, { workers });
      expect(result.verdict).toBe("verified");
      expect(result.stats).toMatchObject({ distinctStates: 3921, depth: 17 });
    }
  });

  it("rejects a bad config, naming the field", async () => {
    await expect(checkLamport({ acceptors: 0, values: 2, ballots: 1 })).rejects.toThrow(/acceptors/);
  });
});
