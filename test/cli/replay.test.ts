// A mutant's counterexample, end to end: synod check exits 1, prints numbered steps, saves a
// trace; synod replay reproduces the violation from that file alone; a doctored trace names
// the first step that is not possible; a malformed file exits 2 naming the bad field.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { command as check } from "../../cli/commands/check.ts";
import { command as replay } from "../../cli/commands/replay.ts";
import { runCommand, type Captured } from "./capture.ts";

const dir = mkdtempSync(join(tmpdir(), "synod-replay-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tracePath = join(dir, "quorum.json");
let checked: Captured;

beforeAll(async () => {
  checked = await runCommand(check, ["--mutant", "quorum-n-over-2", "--losses", "0", "--trace-out", tracePath]);
});

function doctored(name: string, edit: (trace: { steps: unknown[]; [k: string]: unknown }) => void): string {
  const trace = JSON.parse(readFileSync(tracePath, "utf8"));
  edit(trace);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(trace));
  return path;
}

describe("synod check --mutant", () => {
  it("exits 1 with the shortest counterexample as numbered steps and the replay command", () => {
    expect(checked.code).toBe(1);
    expect(checked.out).toMatch(/violation of learned-is-chosen/);
    expect(checked.out).toMatch(/^\s+1\. propose p\d/m);
    // Each step is followed by what it changed, indented below it.
    expect(checked.out).toMatch(/^\s+1\. .*\n {6,}\S/m);
    expect(checked.out).toContain(`synod replay ${tracePath}`);
  });

  it("saves a JSON trace naming the model, the mutant and the property", () => {
    const trace = JSON.parse(readFileSync(tracePath, "utf8"));
    expect(trace).toMatchObject({ format: "synod-trace", model: "basic-paxos", mutant: "quorum-n-over-2", violation: { property: "learned-is-chosen" } });
    expect(trace.steps.length).toBeGreaterThan(0);
  });
});

describe("synod replay", () => {
  it("reproduces the violation from the trace file alone (exit 1)", async () => {
    const { code, out } = await runCommand(replay, [tracePath]);
    expect(code).toBe(1);
    expect(out).toMatch(/reproduced: learned-is-chosen/);
    expect(out).toMatch(/^\s+1\. propose/m);
  });

  it("runs clean (exit 0) when the trace stops before the violation", async () => {
    const path = doctored("prefix.json", (t) => {
      t.steps.splice(2);
      delete t.violation;
    });
    const { code, out } = await runCommand(replay, [path]);
    expect(out).toMatch(/runs clean: 2 steps/);
    expect(code).toBe(0);
  });

  it("names the first step that is not possible in a doctored trace", async () => {
    // Dropping step 1 (the propose) makes step 2, a delivery of its Prepare, impossible.
    const path = doctored("doctored.json", (t) => t.steps.splice(0, 1));
    const { code, out } = await runCommand(replay, [path]);
    expect(code).not.toBe(0);
    expect(code).not.toBe(1);
    expect(out).toMatch(/step 1 is not possible/);
  });

  it("rejects a malformed trace with exit 2, naming the bad field", async () => {
    const badAction = doctored("bad-action.json", (t) => ((t.steps[0] as { action: unknown }).action = { kind: "teleport" }));
    const bad = await runCommand(replay, [badAction]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/steps\.0\.action/);

    const badVersion = doctored("bad-version.json", (t) => (t.version = 99));
    const version = await runCommand(replay, [badVersion]);
    expect(version.code).toBe(2);
    expect(version.err).toMatch(/version/);

    const notJson = join(dir, "not.json");
    writeFileSync(notJson, "{ steps: [");
    expect((await runCommand(replay, [notJson])).code).toBe(2);
  });
});

describe("synod replay on the implementation (lockstep)", () => {
  const mbtTrace = join(dir, "mbt-reply-before-sync.json");

  beforeAll(async () => {
    const { command: mbt } = await import("../../cli/commands/mbt.ts");
    const r = await runCommand(mbt, ["--variant", "reply-before-sync", "--runs", "200", "--trace-out", mbtTrace]);
    expect(r.code).toBe(1);
  });

  it("a trace saved by synod mbt names the implementation and replays on both sides to the step where they part (exit 1)", async () => {
    const trace = JSON.parse(readFileSync(mbtTrace, "utf8"));
    expect(trace).toMatchObject({ format: "synod-trace", model: "basic-paxos", impl: { variant: "reply-before-sync", storage: "memory", seed: 1 }, violation: { kind: "divergence" } });
    const { code, out } = await runCommand(replay, [mbtTrace]);
    expect(code).toBe(1);
    expect(out).toContain("in lockstep with the implementation (variant reply-before-sync, memory storage)");
    // Its round, its promise or its vote lost by a crash before it was written.
    expect(out).toMatch(/differs: (p\d starts a ballot|a\d (promise|vote))/);
    expect(out).toMatch(new RegExp(`reproduced at step ${trace.steps.length} \\((restart|timeout|propose)[^)]*\\): divergence`));
  });

  it("the same schedule runs clean on the correct implementation, in memory and on file storage (exit 0)", async () => {
    for (const storage of ["memory", "file"]) {
      const { code, out } = await runCommand(replay, [mbtTrace, "--impl", "correct", "--storage", storage]);
      expect(out).toMatch(/model and implementation agree at every step/);
      expect(code).toBe(0);
    }
  });

  it("--impl runs a checker counterexample on an implementation variant; --json gives the step", async () => {
    const { code, out } = await runCommand(replay, [tracePath, "--impl", "quorum-n-over-2", "--json"]);
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ impl: { variant: "quorum-n-over-2", storage: "memory" }, outcome: "parted" });
    // The implementation parts at its Accept, sent on one Promise, before anything is learned.
    expect(report.steps.at(-1).broken).toContainEqual(expect.objectContaining({ side: "impl", property: "accept-takes-highest-vote" }));
  });

  it("bad implementation flags exit 2, naming them", async () => {
    const unknown = await runCommand(replay, [mbtTrace, "--impl", "nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/--impl nope: no such implementation variant/);
    const storage = await runCommand(replay, [mbtTrace, "--impl", "correct", "--storage", "disk"]);
    expect(storage.code).toBe(2);
    expect(storage.err).toMatch(/--storage must be memory or file/);
    const badVariant = doctored("bad-impl.json", (t) => (t.impl = { variant: "nope", storage: "memory" }));
    const bad = await runCommand(replay, [badVariant]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bad-impl\.json: impl\.variant: nope: no such implementation variant/);
  });
});
