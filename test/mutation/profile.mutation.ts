// The mutation profile of `synod verify` as tests, one per check, for Stryker's vitest runner
// (stryker.config.json, vitest.mutation.config.ts): each mutant runs only the checks whose code
// it touches, stopping at the first that fails. Not part of `npm test`.
import { describe, expect, it } from "vitest";
import type { ProfileCheck } from "../../cli/verify/mutation-profile.ts";

// Imported with its failure caught, not by a plain import: a mutant that breaks the modules' loading (a "static"
// one, such as a table built wrongly at import) must fail a test, where a file that cannot load
// runs no test at all and the mutant would pass as survived.
const loaded: readonly ProfileCheck[] | Error = await import("../../cli/verify/mutation-profile.ts").then((m) => m.mutationChecks, (e: unknown) => (e instanceof Error ? e : new Error(String(e))));

// A first pass over many mutants may run the fast checks only; a second, incremental pass runs the
// rest on the mutants still alive (docs/mutation.md).
const checks = loaded instanceof Error ? [] : process.env.SYNOD_MUTATION_CHECKS === "fast" ? loaded.filter((c) => !c.slow) : loaded;

describe("synod verify's mutation profile", () => {
  it("loads its checks", () => {
    expect(loaded instanceof Error ? loaded.message : "loaded").toBe("loaded");
  });
  for (const check of checks) {
    it(check.name, async () => {
      const { passed, detail } = await check.run();
      expect(passed, detail).toBe(true);
    });
  }
});
