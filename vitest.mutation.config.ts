import { defineConfig } from "vitest/config";

// `npm run mutation`'s tests: the mutation profile of synod verify, one test per check, run by
// Stryker's vitest runner on every mutant (stryker.config.json).
export default defineConfig({
  test: {
    include: ["test/mutation/*.mutation.ts"],
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
