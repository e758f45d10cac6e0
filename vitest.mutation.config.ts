import { defineConfig } from "vitest/config";

// `npm run mutation`'s tests: the mutation profile of synod verify, one test per check, run by
// Stryker's vitest runner on every mutant (stryker.config.json).
export default defineConfig({
  test: {
    include: ["test/mutation/*.mutation.ts"],
    testTimeout: 300_000,
    // SYNOD_MUTATION_REUSE_MODULES=1 keeps the modules imported from one mutant's run to the next
    // (importing the checks costs seconds, more than most mutants take to be killed), for a first
    // pass: a mutant of a module-level value (a "static" mutant) then never takes effect, so the
    // survivors of such a pass are run again without it (docs/mutation.md).
    isolate: process.env.SYNOD_MUTATION_REUSE_MODULES !== "1",
    hookTimeout: 60_000,
  },
});
