import { defineConfig } from "vitest/config";

// The JSON report is what .ci/run counts; the default reporter is for people.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The end-to-end bar of `synod review` runs on its own (npm run test:review), the large
    // cross-checks too (npm run test:deep).
    exclude: ["**/node_modules/**", "test/**/*.e2e.test.ts", "test/**/*.deep.test.ts"],
    // Vitest leaves one core free by default; on a 2-core machine that halves the run.
    maxWorkers: 2,
    // Test files share each worker's module cache instead of importing Synod afresh per file:
    // no test relies on a fresh module state, and the imports were a fifth of the run.
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    reporters: ["default", ["json", { outputFile: "reports/vitest.json" }]],
  },
});
