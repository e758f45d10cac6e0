// A mutant's counterexample, end to end: synod check exits 1, prints numbered steps, saves a
// trace; synod replay reproduces the violation from that file alone; a doctored trace names
// the first step that is not possible; a malformed file exits 2 naming the bad field.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { command as check } from "../../cli/commands/check.ts";
import { command as replay } from "../../cli/commands/replay.ts";
import { runCommand, type Captured } from "./capture.ts";

const dir = mkdtempSync(join(tmpdir(), "synod-replay-"));
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
