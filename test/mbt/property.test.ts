// The lockstep property on the correct implementation (in memory, and on the durable WAL in a
// temp directory), and what a failure gives back: a shrunk schedule that fast-check's seed and
// path replay exactly.
import { describe, expect, it } from "vitest";
import { checkLockstep, scheduleArbitrary } from "../../mbt/property.ts";
import { runSchedule } from "../../mbt/schedule.ts";
import { LOCKSTEP_CONFIG } from "../../mbt/catalogue.ts";
import fc from "fast-check";

const budget = { runs: 300, seed: 42, maxSteps: 40, maxShrinkRuns: 200 };

describe("lockstep property", () => {
  it("the correct implementation agrees with the model on every generated schedule (memory storage)", async () => {
    const r = await checkLockstep({ config: LOCKSTEP_CONFIG, storage: "memory" }, budget);
    expect(r.failure).toBeUndefined();
    expect(r.passed).toBe(true);
    expect(r.runs).toBe(budget.runs);
    // Coverage counts distinct model states and transitions: more schedules visit more of them.
    const few = await checkLockstep({ config: LOCKSTEP_CONFIG, storage: "memory" }, { ...budget, runs: 10 });
    expect(few.coverage.states).toBeGreaterThan(10);
    expect(few.coverage.transitions).toBeGreaterThanOrEqual(few.coverage.states - 1);
    expect(r.coverage.states).toBeGreaterThan(few.coverage.states);
    expect(r.coverage.transitions).toBeGreaterThan(few.coverage.transitions);
  });

  it("the correct implementation agrees with the model on the durable file storage too", async () => {
    // A short run: verify's model-based stage runs 200 file-storage schedules (stage.deep.test.ts).
    const r = await checkLockstep({ config: LOCKSTEP_CONFIG, storage: "file" }, { ...budget, runs: 50 });
    expect(r.failure).toBeUndefined();
    expect(r.passed).toBe(true);
  });

  it("schedules cover every kind of command: propose, deliver, redeliver, lose, timeout, both crashes and restarts", async () => {
    const seen = new Set<string>();
    for (const choices of fc.sample(scheduleArbitrary(40), { numRuns: 60, seed: 3 })) {
      const run = await runSchedule({ config: LOCKSTEP_CONFIG }, choices);
      for (const s of run.steps) {
        const role = "node" in s.action ? (s.action.node.startsWith("a") ? " acceptor" : " proposer") : "";
        seen.add(s.stutter ? "redeliver (stutter)" : `${s.action.kind}${role}`);
      }
    }
    expect([...seen].sort()).toEqual(["crash acceptor", "crash proposer", "deliver", "lose", "propose", "redeliver (stutter)", "restart acceptor", "restart proposer", "timeout"]);
  });

  it("a failure comes back shrunk, and its seed and path replay it in one run", async () => {
    const o = { config: LOCKSTEP_CONFIG, variant: "duplicates-counted-twice" as const };
    const first = await checkLockstep(o, budget);
    expect(first.passed).toBe(false);
    const f = first.failure!;
    expect(f.run.failed).not.toBeNull();
    expect(f.run.steps.length).toBeLessThanOrEqual(f.choices.length);
    const again = await checkLockstep(o, { ...budget, seed: first.seed, path: f.path });
    expect(again.runs).toBe(1);
    expect(again.failure!.run.actions).toEqual(f.run.actions);
  });
});
