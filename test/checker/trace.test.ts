import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../support/scratch-dir.ts";
import { canonicalJson, parseTrace, readTrace, replayTrace, traceFromCounterexample, writeTrace } from "../../checker/trace.ts";
import { ToyAction, toyModel } from "./toy-model.ts";
import { explore } from "../support/explore.ts";

const model = toyModel({ size: 4, badCell: true });
const cx = (await explore(model)).violation!;

describe("trace files", () => {

  it("round-trips a counterexample and replays it to the same violation", async () => {
    const path = join(scratchDir("synod-trace-"), "cx.json");
    writeTrace(path, traceFromCounterexample(model, cx, "some-mutant"));
    const trace = readTrace(path, ToyAction);
    expect(trace).toMatchObject({ format: "synod-trace", version: 1, model: "toy-grid", mutant: "some-mutant" });
    expect(trace.steps[0]!.changes).toEqual(["(0,0) -> (1,0)"]);
    const outcome = replayTrace(model, trace);
    expect(outcome).toMatchObject({ outcome: "violation", kind: "invariant", property: "not-3-1", step: 3 });
  });

  it("replays a step violation", async () => {
    const resetModel = toyModel({ size: 4, reset: true });
    const trace = traceFromCounterexample(resetModel, (await explore(resetModel)).violation!);
    expect(replayTrace(resetModel, trace)).toMatchObject({ outcome: "violation", kind: "step", property: "x-never-decreases", step: 3 });
  });

  it("names the first step that is not enabled", async () => {
    const trace = traceFromCounterexample(model, cx);
    trace.steps.unshift({ action: "warp", description: "warp", changes: [] });
    expect(replayTrace(model, trace)).toMatchObject({ outcome: "not-enabled", step: 1 });
  });

  it("completes a trace on a model where it breaks nothing", async () => {
    const trace = traceFromCounterexample(model, cx);
    expect(replayTrace(toyModel({ size: 4 }), trace)).toMatchObject({ outcome: "completed", steps: 3 });
  });

  it("rejects a malformed trace, naming the bad field", async () => {
    const good = traceFromCounterexample(model, cx);
    expect(() => parseTrace({ ...good, version: 2 }, ToyAction)).toThrow(/version/);
    expect(() => parseTrace({ ...good, steps: [{ action: "fly", description: "", changes: [] }] }, ToyAction)).toThrow(/steps\.0\.action/);
  });

  it("compares actions whatever their key order", async () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonicalJson({ a: [{ c: 3, d: 2 }], b: 1 }));
  });
});
