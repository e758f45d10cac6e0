import { defineConfig } from "vitest/config";

// The JSON report is what .ci/run counts; the default reporter is for people.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    reporters: ["default", ["json", { outputFile: "reports/vitest.json" }]],
  },
});
