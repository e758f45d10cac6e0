// synod mbt in-process: pass (exit 0), a failure with its replay command and trace (exit 1),
// bad usage naming the flag (exit 2), and --help documenting every flag it parses.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { command as mbt } from "../../cli/commands/mbt.ts";
import { runCommand } from "../cli/capture.ts";

const dir = mkdtempSync(join(tmpdir(), "synod-mbt-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("synod mbt", () => {
  it("exits 0 when the correct implementation agrees on every schedule", async () => {
    const { code, out } = await runCommand(mbt, ["--runs", "50", "--seed", "5"]);
    expect(out).toMatch(/PASS: 50 schedules, model and implementation agreed at every step/);
    expect(code).toBe(0);
  });

  it("exits 1 on a broken variant with the numbered shrunk schedule, the seed, the path, a replay command and a trace", async () => {
    const trace = join(dir, "qn2.json");
    const { code, out } = await runCommand(mbt, ["--variant", "quorum-n-over-2", "--trace-out", trace]);
    expect(code).toBe(1);
    expect(out).toMatch(/FAIL after \d+ schedules: divergence \+ accept-takes-highest-vote on the implementation at step \d+/);
    expect(out).toMatch(/^\s+1\. \S.*\n {7}\S/m); // numbered steps, each with what it changed below it
    expect(out).toMatch(/differs: in flight: Accept\(/);
    const path = /seed 1, path ([\d:]+)/.exec(out)![1]!;
    expect(out).toContain(`replay it: npx synod mbt --variant quorum-n-over-2 --storage memory --seed 1 --path ${path}`);
    expect(JSON.parse(readFileSync(trace, "utf8"))).toMatchObject({ impl: { variant: "quorum-n-over-2", path } });
    // The printed command finds the same failure in one schedule.
    const again = await runCommand(mbt, ["--variant", "quorum-n-over-2", "--seed", "1", "--path", path, "--json", "--trace-out", join(dir, "again.json")]);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.out)).toMatchObject({ runs: 1, failure: { path } });
  });

  it("--shortcuts runs the TCP store's proposer, judged by invariants: correct passes, a broken quorum is caught and replays", async () => {
    const ok = await runCommand(mbt, ["--shortcuts", "--runs", "100"]);
    expect(ok.out).toMatch(/with the TCP store's proposer shortcuts \(judged by invariants\)/);
    expect(ok.code).toBe(0);
    const trace = join(dir, "shortcuts.json");
    const bad = await runCommand(mbt, ["--shortcuts", "--variant", "quorum-n-over-2", "--trace-out", trace]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/FAIL after \d+ schedules: accept-takes-highest-vote on the implementation/);
    expect(bad.out).toMatch(/replay it: npx synod mbt --variant quorum-n-over-2 --storage memory --shortcuts --seed 1 --path/);
    expect(JSON.parse(readFileSync(trace, "utf8")).impl).toMatchObject({ variant: "quorum-n-over-2", shortcuts: true });
    const { command: replay } = await import("../../cli/commands/replay.ts");
    const again = await runCommand(replay, [trace]);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/reproduced at step \d+ .*: accept-takes-highest-vote on the implementation/);
  });

  it("exits 2 naming a bad flag or value", async () => {
    for (const [argv, msg] of [
      [["--variant", "nope"], /--variant: variant must be one of/],
      [["--storage", "disk"], /--storage: storage must be memory or file/],
      [["--runs", "0"], /--runs: runs must be at least 1/],
      [["--path", "x"], /--path: path must look like/],
      [["--bogus"], /bogus/],
    ] as const) {
      const r = await runCommand(mbt, argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
    }
  });

  it("--help documents every flag", async () => {
    const { code, out } = await runCommand(mbt, ["--help"]);
    expect(code).toBe(0);
    for (const flag of ["--variant", "--storage", "--runs", "--seed", "--path", "--steps", "--shortcuts", "--trace-out", "--json", "--help"]) expect(out).toContain(flag);
  });
});
