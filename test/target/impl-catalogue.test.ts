// impl/ checked through the target interface, as an outside implementation is: a few of its
// bug catalogue's variants, each caught by the rule it exists for (lockstep with the model left
// out, as for a target that does not declare the model's behaviour), and by lockstep, which
// impl/ declares; safe ones passing with values chosen. The whole catalogue is
// impl-catalogue.deep.test.ts.
import { describe, expect, it } from "vitest";
import { implTarget } from "../../harness/impl-target.ts";
import { checkTarget } from "../../target/property.ts";
import { parseTargetConfig } from "../../target/config.ts";
import { validateRun } from "../../tracecheck/target-log.ts";
import { compareWithModel } from "../../tracecheck/target-lockstep.ts";
import type { VariantName } from "../../harness/impl-variants.ts";

/** As `synod mbt --target` runs it, lockstep included unless `lockstep` is false. */
export const run = (variant: VariantName, runs: number, lockstep = true) =>
  checkTarget(implTarget({ variant }), { config: parseTargetConfig({}), seed: 1, judgeRun: validateRun, ...(lockstep ? { compareWith: compareWithModel } : {}) }, { runs, seed: 1, maxSteps: 60, maxShrinkRuns: 1000 });

describe("impl/ as a target", () => {
  it.each([
    ["ignore-reported-votes", "accept-takes-highest-vote"],
    ["ballot-reused-after-restart", "behaviour-of-the-model"],
    ["accept-keeps-promise", "vote-below-promise"],
  ] as const)("%s is caught by %s", async (variant, property) => {
    const r = await run(variant, 300, false);
    expect(r.passed).toBe(false);
    expect(r.failure!.run.failed!.broken.map((b) => b.property)).toContain(property);
  });

  it("ballot-reused-after-restart is caught by lockstep with the model, at the step that reuses the ballot", async () => {
    const withLockstep = await run("ballot-reused-after-restart", 300);
    const failed = withLockstep.failure!.run.failed!;
    expect(failed.broken.map((b) => b.property)).toEqual(["lockstep-with-the-model"]);
    expect(failed.broken[0]!.message).toMatch(/^differs from the model: (p\d) starts a ballot: the model starts 2\.\1, the target starts 1\.\1 again, which it used before$/);
    expect(failed.step).toBe(withLockstep.failure!.run.steps.length);
  });

  it.each(["round-skips-one"] as const)("%s passes, with values chosen", async (variant) => {
    const r = await run(variant, 200);
    expect(r.passed).toBe(true);
    expect(r.runsChoosing).toBeGreaterThan(20);
  });
});
