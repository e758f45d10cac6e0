import { defineConfig } from "vitest/config";

// `npm run test:review`: the end-to-end bar of `synod review` (two verify runs per review, a minute
// or two), kept out of `npm test`; the review's diff is unit-tested there (test/review/diff.test.ts).
export default defineConfig({
  test: {
    include: ["test/**/*.e2e.test.ts"],
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
