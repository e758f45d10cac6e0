// The mutation profile of `synod verify` as tests, one per check, for Stryker's vitest runner
// (stryker.config.json, vitest.mutation.config.ts): each mutant runs only the checks whose code
// it touches, stopping at the first that fails. Not part of `npm test`.
import { describe, expect, it } from "vitest";
import { mutationChecks } from "../../cli/verify/mutation-profile.ts";

// A first pass over many mutants may run the fast checks only; a second, incremental pass runs the
// rest on the mutants still alive (docs/mutation.md).
const checks = process.env.SYNOD_MUTATION_CHECKS === "fast" ? mutationChecks.filter((c) => !c.slow) : mutationChecks;

describe("synod verify's mutation profile", () => {
  for (const check of checks) {
    it(check.name, async () => {
      const { passed, detail } = await check.run();
      expect(passed, detail).toBe(true);
    });
  }
});
