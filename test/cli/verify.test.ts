// synod verify in-process (only the cheap reference stage; the full run is `npm start`), and
// its worker pool: checks run in worker threads report exactly what they report inline.
import { describe, expect, it } from "vitest";
import { command as verify } from "../../cli/commands/verify.ts";
import { runCheckJob, type CheckJob } from "../../cli/verify/check-job.ts";
import { runCheckPool } from "../../cli/verify/check-pool.ts";
import { scheduleJobs, verifyStages } from "../../cli/verify/stages.ts";
import { runCommand } from "./capture.ts";

describe("synod verify", () => {
  it("--only reference --json: one stage, passed, exit 0", async () => {
    const { code, out } = await runCommand(verify, ["--only", "reference", "--json"]);
    const report = JSON.parse(out);
    expect(report.stages.map((s: { name: string }) => s.name)).toEqual(["reference"]);
    expect(report.passed).toBe(true);
    expect(code).toBe(0);
  });

  it("exits 2 naming an unknown stage or flag", async () => {
    const stage = await runCommand(verify, ["--only", "model-chek"]);
    expect(stage.code).toBe(2);
    expect(stage.err).toMatch(/model-chek/);
    const flag = await runCommand(verify, ["--fast"]);
    expect(flag.code).toBe(2);
    expect(flag.err).toMatch(/fast/);
  });

  it("declares the default check and every catalogue variant as jobs, scheduled largest first", () => {
    const jobs = scheduleJobs(verifyStages.flatMap((s) => s.jobs));
    expect(jobs.map((j) => j.id)).toContain("default");
    expect(jobs.filter((j) => j.id.startsWith("variant:")).length).toBeGreaterThanOrEqual(12);
    // The two largest state spaces start first, one on each worker.
    expect(jobs.slice(0, 2).map((j) => j.id).sort()).toEqual(["default", "variant:lowest-reported-vote"]);
  });
});

describe("the verify worker pool", () => {
  const jobs: CheckJob[] = [
    { id: "caught", variant: "quorum-n-over-2", config: { losses: 0, retries: 0 } },
    { id: "verified", config: { acceptors: 2, proposers: 1, loss: false } },
    { id: "unknown", variant: "no-such-variant", config: {} },
  ];

  it("reports in worker threads exactly what the checks report inline, and rejects a failed job", { timeout: 60_000 }, async () => {
    const pool = runCheckPool(jobs, 2);
    for (const job of jobs.slice(0, 2)) {
      const { stats: _a, ...fromPool } = await pool.get(job.id)!;
      const { stats: _b, ...inline } = runCheckJob(job);
      expect(fromPool).toEqual(inline);
    }
    expect((await pool.get("caught")!).violation?.property).toBe("learned-is-chosen");
    expect((await pool.get("verified")!).verdict).toBe("verified");
    await expect(pool.get("unknown")!).rejects.toThrow(/no-such-variant/);
  });
});
