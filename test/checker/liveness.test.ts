// Liveness under weak fairness (checker/liveness.ts) on a machine small enough to check by
// hand: each shape of failure found with its shortest lasso, on both representations; a fair
// escape rules a cycle out; a run cut off by a bound is "bounded", never a violation or a pass.
import { describe, expect, it } from "vitest";
import { check } from "../../checker/check.ts";
import type { CheckOptions, Engine } from "../../checker/result.ts";
import { definition as machine, type MachineOptions } from "./toy-liveness.ts";

const run = (o: Partial<MachineOptions>, options: CheckOptions = {}) => check({ definition: machine, config: machine.parseConfig(o) }, { liveness: true, ...options });

describe.each(["object", "packed"] as Engine[])("liveness on %s states", (engine) => {
  const on = { engine };

  it("holds when every fair run reaches the goal: a cycle that a fair finish could always leave is not fair", async () => {
    const r = await run({ cycle: true, finish: "fair" }, on);
    expect(r.engine).toBe(engine);
    expect(r.verdict).toBe("verified");
    expect(r.liveness).toEqual([{ id: "eventually-done", verdict: "holds" }]);
  });

  it("finds the cycle when the way out is unfair, as a lasso that replays", async () => {
    const r = await run({ cycle: true, finish: "unfair" }, on);
    expect(r.verdict).toBe("violation");
    const cx = r.violation!;
    expect(cx).toMatchObject({ kind: "liveness", property: "eventually-done", cycleStart: 0 });
    expect(cx.steps.map((s) => s.action)).toEqual(["go", "back"]);
    expect(cx.steps.at(-1)!.state).toEqual(cx.initial);
    expect(cx.message).toMatch(/steps 1-2 repeat for ever/);
  });

  it("finds the cycle when the fair way out is enabled only in part of it (weak fairness)", async () => {
    const cx = (await run({ cycle: true, finish: "fair-at-a" }, on)).violation!;
    expect(cx.kind).toBe("liveness");
    expect(cx.steps.map((s) => s.action)).toEqual(["go", "back"]);
  });

  it("finds a dead end: a state with nothing enabled and the goal false", async () => {
    const cx = (await run({ stall: true, finish: "fair" }, on)).violation!;
    expect(cx.steps.map((s) => s.action)).toEqual(["stall"]);
    expect(cx.cycleStart).toBe(1);
    expect(cx.message).toMatch(/no weakly fair action is enabled/);
  });

  it("shows a fair step that changes nothing as the cycle of a one-state lasso", async () => {
    const cx = (await run({ stall: true, wait: true }, on)).violation!;
    expect(cx.steps.map((s) => s.action)).toEqual(["stall", "wait"]);
    expect(cx.cycleStart).toBe(1);
  });

  it("says bounded, not violated, when the only stuck runs are cut off by a bound", async () => {
    const r = await run({ finish: "none", retries: 2 }, on);
    expect(r.verdict).toBe("bounded");
    expect(r.violation).toBeUndefined();
    expect(r.liveness![0]!.verdict).toBe("bounded");
    expect(r.liveness![0]!.run!.steps.map((s) => s.action)).toEqual(["retry", "retry"]);
    expect(r.liveness![0]!.run!.kind).toBe("bounded");
    expect(r.liveness![0]!.run!.message).toMatch(/before a bound cuts this run off \(no retry left \(retries 2\)\)/);
  });

  it("says bounded where a bound cuts a run short even if every fair run still reaches the goal: the graph cannot tell", async () => {
    const r = await run({ finish: "fair", retries: 1 }, on);
    expect(r.liveness![0]!.verdict).toBe("bounded");
    expect(r.liveness![0]!.run!.steps.map((s) => s.action)).toEqual(["retry"]);
  });

  it("with states equal up to renaming, a run of retries back to its own state but for its count is a lasso", async () => {
    const r = await run({ finish: "none", retries: 2, renamed: true }, on);
    expect(r.verdict).toBe("violation");
    const cx = r.violation!;
    expect(cx).toMatchObject({ kind: "liveness", cycleStart: 0, cycleRenamed: "tries 0→1" });
    expect(cx.steps.map((s) => s.action)).toEqual(["retry"]);
    expect(cx.message).toMatch(/steps 1-1 repeat for ever with ballots renamed on each turn \(tries 0→1\)/);
  });

  it("up to renaming, a turn that leaves a fair way out enabled all along and never takes it is no lasso", async () => {
    // finish is enabled in every state of the retries' turn: a fair run takes it, so only the bound remains.
    const r = await run({ finish: "fair", retries: 2, renamed: true }, on);
    expect(r.verdict).toBe("bounded");
    expect(r.liveness![0]!.run!.message).toMatch(/no run back to its own state with its ballots renamed was found either/);
    // Unfair, it need not be taken: the retries' turn is a fair lasso.
    const unfair = await run({ finish: "unfair", retries: 2, renamed: true }, on);
    expect(unfair.violation).toMatchObject({ cycleStart: 0, cycleRenamed: "tries 0→1" });
  });

  it("prefers a violation to a bounded run, however long", async () => {
    const r = await run({ finish: "none", retries: 1, cycle: true }, on);
    expect(r.liveness![0]!.verdict).toBe("violated");
    expect(r.violation!.steps.map((s) => s.action)).toEqual(["go", "back"]);
  });
});

describe("liveness: refusals", () => {
  it("refuses what hides part of the graph, by name", async () => {
    await expect(run({}, { workers: 2 })).rejects.toThrow(/toy-liveness: --liveness is judged on one thread/);
    await expect(run({}, { shard: { index: 0, count: 2 } })).rejects.toThrow(/cannot be judged on a shard/);
    await expect(run({}, { symmetry: true })).rejects.toThrow(/--liveness cannot run with --symmetry/);
  });
});
