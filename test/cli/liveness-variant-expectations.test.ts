// The derivation stage's liveness variants: each expectation passes on its variant, and fails
// when correct Paxos runs in its place, so the stage sees whether the liveness check catches them.
import { describe, expect, it } from "vitest";
import { checkExpectation, expectations } from "../../cli/verify/derivation-stage.ts";

const variants = expectations.filter((e) => e.variant !== undefined);

describe("the derivation stage's liveness variants", () => {
  it("are the ones whose runs are small enough for every verify", () => {
    expect(variants.map((e) => e.variant)).toEqual(["gives-up-after-nack", "no-retry-in-phase-2"]);
  });

  for (const e of variants) {
    it(`${e.variant}: caught by the liveness check as expected, and not when correct Paxos runs instead`, async () => {
      const caught = await checkExpectation(e);
      expect(caught.passed, caught.detail).toBe(true);
      const { variant: _variant, ...correct } = e;
      // The pin is the variant's graph: left out, so that only the liveness check can fail here.
      const missed = await checkExpectation(correct, { pinned: false });
      expect(missed.passed, missed.detail).toBe(false);
    });
  }
});
