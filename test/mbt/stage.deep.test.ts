// The model-based stage of synod verify, run once as npm start runs it: the correct
// implementation agrees in memory, on file storage and under the envelope's focused configs,
// and every check of the catalogue passes (catalogue.test.ts asserts each entry in npm test).
import { beforeAll, describe, expect, it } from "vitest";
import { correctRuns, handMadeChecks, mbtStage, ownTimerRuns, runModelBased, type ModelBasedResults } from "../../cli/verify/mbt-stage.ts";
import { implCatalogue } from "../../mbt/catalogue.ts";

let results: ModelBasedResults;
const lines: string[] = [];
beforeAll(async () => {
  results = await runModelBased((l) => void lines.push(l));
  console.log(lines.join("\n"));
}, 600_000);

describe("verify stage model-based", () => {
  it("is named model-based, runs each check as a task of the pool, and every check passes", () => {
    expect(mbtStage.name).toBe("model-based");
    expect(mbtStage.jobs.map((j) => j.id)).toEqual([
      ...correctRuns.map((r) => `model-based:correct:${r.name}`),
      ...implCatalogue.map((e) => `model-based:impl:${e.name}`),
      "model-based:target",
      ...ownTimerRuns.map((r) => `model-based:own-timers:${r.name}`),
      ...handMadeChecks.map((c) => `model-based:${c.id}`),
    ]);
    expect(results.checks.map((c) => c.name)).toEqual([
      "lockstep correct (memory)",
      "lockstep correct (file)",
      "lockstep correct (three proposers)",
      "lockstep correct (acceptor crash)",
      ...implCatalogue.map((e) => `impl ${e.name}`),
      "impl/ through the target interface",
      ...ownTimerRuns.map((r) => `impl/ on its ${r.name}`),
      ...handMadeChecks.map((c) => c.name),
    ]);
    expect(results.checks.filter((c) => !c.passed)).toEqual([]);
  });

  it("the correct implementation agrees on every schedule, and the stage logs its coverage", () => {
    for (const { result } of results.correct) {
      expect(result.failure).toBeUndefined();
      expect(result.passed).toBe(true);
      expect(result.coverage.states).toBeGreaterThan(100);
    }
    expect(lines.filter((l) => /^ok +correct, .* model states, [\d,]+ transitions visited/.test(l))).toHaveLength(4);
  });
});
