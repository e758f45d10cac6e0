// Lockstep with the model, for a target that declares the model's behaviour: a step that is safe
// but not the model's fails there, named; the same target declaring its own behaviour is judged
// by the invariants and trace validation alone and passes. Declaring it where the model cannot
// follow (learners of its own) is refused with the field.
import { describe, expect, it } from "vitest";
import { implTarget } from "../../harness/impl-target.ts";
import { checkTarget } from "../../target/property.ts";
import { parseTargetConfig } from "../../target/config.ts";
import { TargetRun, type RunOptions } from "../../target/run.ts";
import { validateRun } from "../../tracecheck/target-log.ts";
import { compareWithModel } from "../../tracecheck/target-lockstep.ts";
import type { Target } from "../../target/target.ts";
import type { Message } from "../../protocol/messages.ts";

const options: RunOptions = { config: parseTargetConfig({ proposerCrashes: 0, acceptorCrashes: 0 }), seed: 1, judgeRun: validateRun, compareWith: compareWithModel };
const budget = { runs: 300, seed: 1, maxSteps: 60, maxShrinkRuns: 500 };

/** impl/ whose proposers never act on a timer: safe (a timer only starts another ballot), not the model's. */
function deafToTimers(behaviour: "model" | "own"): Target<Message> {
  const impl = implTarget();
  return {
    ...impl,
    name: `deaf-to-timers (${behaviour})`,
    capabilities: { ...impl.capabilities, behaviour },
    async create(roles) {
      const c = await impl.create(roles);
      return { ...c, propose: c.propose.bind(c), deliver: c.deliver.bind(c), crash: c.crash.bind(c), restart: c.restart.bind(c), acceptorState: c.acceptorState!.bind(c), close: c.close?.bind(c), timeout: () => ({}) };
    },
  };
}

describe("lockstep with the model, for targets that declare its behaviour", () => {
  it("fails a safe step that is not the model's, at that step, with the difference", async () => {
    const r = await checkTarget(deafToTimers("model"), options, budget);
    expect(r.passed).toBe(false);
    const failed = r.failure!.run.failed!;
    expect(failed.command.kind).toBe("timeout");
    expect(failed.broken.map((b) => b.property)).toEqual(["lockstep-with-the-model"]);
    expect(failed.broken[0]!.message).toMatch(/^differs from the model: (p\d) starts a ballot: the model starts \d\.\1, the target sends no Prepare$/);
  });

  it("is not applied to a target that declares its own behaviour: the same target passes", async () => {
    const r = await checkTarget(deafToTimers("own"), options, budget);
    expect(r.passed).toBe(true);
    expect(r.runsChoosing).toBeGreaterThan(20);
  });

  it("passes impl/, which declares it, with values chosen", async () => {
    const r = await checkTarget(implTarget(), options, budget);
    expect(implTarget().capabilities.behaviour).toBe("model");
    expect(r.passed).toBe(true);
    expect(r.runsChoosing).toBeGreaterThan(20);
  });

  it("refuses the declaration where the model cannot follow, naming the field", async () => {
    const t: Target<Message> = { ...implTarget(), capabilities: { learners: "separate", behaviour: "model" } };
    await expect(TargetRun.start(t, options)).rejects.toThrow(/capabilities: field behaviour: the model's proposers are its learners/);
  });
});
