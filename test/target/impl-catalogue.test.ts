// impl/ checked through the target interface, as an outside implementation is: a few of its
// bug catalogue's variants, each caught by the rule it exists for, and safe ones passing with
// values chosen. The whole catalogue is impl-catalogue.deep.test.ts.
import { describe, expect, it } from "vitest";
import { implTarget } from "../../harness/impl-target.ts";
import { checkTarget } from "../../target/property.ts";
import { parseTargetConfig } from "../../target/config.ts";
import { validateRun } from "../../tracecheck/target-log.ts";
import type { VariantName } from "../../harness/impl-variants.ts";

export const run = (variant: VariantName, runs: number) =>
  checkTarget(implTarget({ variant }), { config: parseTargetConfig({}), seed: 1, judgeRun: validateRun }, { runs, seed: 1, maxSteps: 60, maxShrinkRuns: 1000 });

describe("impl/ as a target", () => {
  it.each([
    ["ignore-reported-votes", "accept-takes-highest-vote"],
    ["ballot-reused-after-restart", "behaviour-of-the-model"],
    ["accept-keeps-promise", "vote-below-promise"],
  ] as const)("%s is caught by %s", async (variant, property) => {
    const r = await run(variant, 300);
    expect(r.passed).toBe(false);
    expect(r.failure!.run.failed!.broken.map((b) => b.property)).toContain(property);
  });

  it.each(["round-skips-one"] as const)("%s passes, with values chosen", async (variant) => {
    const r = await run(variant, 200);
    expect(r.passed).toBe(true);
    expect(r.runsChoosing).toBeGreaterThan(20);
  });
});
