// What `synod verify --json` carries for `synod review` and the HTML report: each stage's
// title and printed lines, each check's figures as data, and a check job's violation as a
// view to step through, with the command that runs the same check.
import { describe, expect, it } from "vitest";
import { command as verify } from "../../cli/commands/verify.ts";
import { checkCommand, runCheckJob } from "../../cli/verify/check-job.ts";
import { parseVerifyReport } from "../../cli/review/verify-report.ts";
import { runCommand } from "./capture.ts";

describe("synod verify --json, for review", () => {
  it("carries each stage's title and lines, and the reference's figures as data", async () => {
    const { code, out } = await runCommand(verify, ["--only", "reference", "--json"]);
    expect(code).toBe(0);
    const report = parseVerifyReport(out, "verify");
    const stage = report.stages[0]!;
    expect(stage.title).toBe("Lamport's Paxos.tla, ballots 0..2, against TLC");
    expect(stage.lines![0]).toMatch(/^verified: 185,369 distinct states/);
    expect(stage.checks[0]!.figures).toMatchObject({ verdict: "verified", distinctStates: 185_369, depth: 25 });
  });

  it("a catalogue job returns its catch as figures and its run as a view; checkCommand reruns it", async () => {
    const job = { id: "variant:quorum-n-over-2", variant: "quorum-n-over-2", config: { losses: 0, retries: 0 } };
    const r = await runCheckJob(job);
    expect(r.counterexample).toMatchObject({ title: "quorum-n-over-2", expected: true, violation: { property: "learned-is-chosen" }, failedStep: r.violation!.length });
    expect(r.counterexample!.steps).toHaveLength(r.violation!.length);
    expect(checkCommand(job)).toBe("npx synod check --mutant quorum-n-over-2 --losses 0 --retries 0");
    expect(checkCommand({ id: "d", config: { loss: false, duplication: false, nacks: true, acceptors: 2 }, symmetry: true })).toBe("npx synod check --no-loss --no-duplication --nacks --acceptors 2 --symmetry");
    const verified = await runCheckJob({ id: "ok", config: { acceptors: 2, proposers: 1, loss: false } });
    expect(verified.counterexample).toBeUndefined();
  });
});
