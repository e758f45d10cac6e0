// The target modes of the CLI (docs/targets.md) on impl/ loaded as a module: a pass, a failure
// saved and replayed on the same target only, one exploration, and bad flags named.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCommand } from "./capture.ts";
import { command as mbt } from "../../cli/commands/mbt.ts";
import { command as conformance } from "../../cli/commands/conformance.ts";
import { command as replay } from "../../cli/commands/replay.ts";
import { command as target } from "../../cli/commands/target.ts";

const dir = mkdtempSync(join(tmpdir(), "synod-target-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const impl = ["--target", "harness/impl-target.ts"];

describe("synod mbt --target", () => {
  it("passes impl/ with values chosen, and says how it judged", async () => {
    const r = await runCommand(mbt, [...impl, "--runs", "100"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^synod mbt: target impl: module harness\/impl-target\.ts \([0-9a-f]{12}\)$/m);
    expect(r.out).toContain("and each run's log by the model's handlers (trace validation)");
    expect(r.out).toMatch(/^PASS: 100 schedules, no invariant broken/m);
  });

  it("saves a failure that replays on that target and on no other", async () => {
    const trace = join(dir, "quorum.json");
    const r = await runCommand(mbt, [...impl, "--target-args", "variant=quorum-n-over-2", "--runs", "100", "--trace-out", trace, "--json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { failure: { caughtBy: string; replay: string }; target: { hash: string } };
    expect(report.failure.caughtBy).toBe("accept-takes-highest-vote");
    expect(report.failure.replay).toMatch(/^npx synod mbt --target harness\/impl-target\.ts --target-args variant=quorum-n-over-2 --seed 1 --path [\d:]+$/);
    const again = await runCommand(replay, [trace]);
    expect(again.code).toBe(1);
    expect(again.out).toContain("reproduced: accept-takes-highest-vote");
    const other = await runCommand(replay, [trace, ...impl]);
    expect(other.code).toBe(2);
    expect(other.err).toContain(`it is not replayed on another target`);
  });

  it("names the bad flag", async () => {
    expect((await runCommand(mbt, ["--target", "nope.ts"])).err).toContain("--target: no such file: nope.ts");
    expect((await runCommand(mbt, [...impl, "--target-config", '{"proposers":9}'])).err).toContain("--target-config: proposers:");
    expect((await runCommand(mbt, [...impl, "--target-cmd", "x"])).err).toContain("--target and --target-cmd name two targets");
    expect((await runCommand(mbt, ["--target-cmd", "node x.mjs", "--target-args", "mode=x"])).err).toContain("--target-args: passed to a module's function");
    expect((await runCommand(conformance, [...impl, "--target-config", '{"proposers":1}'])).err).toContain("--target-config: the default plan has its own configurations");
    expect((await runCommand(replay, [join(dir, "quorum.json"), "--target-config", "{}"])).err).toContain("--target-config: a replay runs with the configuration its trace was saved with");
  });
});

describe("synod conformance --target", () => {
  it("explores one configuration to --depth", async () => {
    const r = await runCommand(conformance, [...impl, "--depth", "9", "--target-config", '{"proposers":1,"retries":0,"losses":0,"duplicates":0,"proposerCrashes":0,"acceptorCrashes":0}', "--json"]);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out) as { passed: boolean; explorations: { depth: number; pathsChoosing: number }[] };
    expect(report.explorations).toHaveLength(1);
    expect(report.explorations[0]!.pathsChoosing).toBeGreaterThan(0);
  });
});

describe("synod target init", () => {
  it("writes the adapter and its test, and never overwrites them", async () => {
    const at = join(dir, "mine");
    expect((await runCommand(target, ["init", at])).code).toBe(0);
    const again = await runCommand(target, ["init", at]);
    expect(again.code).toBe(2);
    expect(again.err).toContain("already exist: nothing written");
    expect((await runCommand(target, ["start"])).err).toContain("unknown subcommand 'start'");
  });
});
