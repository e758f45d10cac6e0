// synod verify in-process (only the cheap reference stage; the full run is `npm start`), and
// its worker pool: checks run in worker threads report exactly what they report inline.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { command as verify } from "../../cli/commands/verify.ts";
import { runCheckJob, type CheckJob, type CheckSummary } from "../../cli/verify/check-job.ts";
import { runJobPool } from "../../cli/verify/job-pool.ts";
import { conformanceRuns } from "../../cli/verify/conformance-stage.ts";
import { checkOf, scheduleJobs, taskOf, type TaskJob } from "../../cli/verify/job.ts";
import { compareEncodings, judgeVariant, verifyStages } from "../../cli/verify/stages.ts";
import { runCommand } from "./capture.ts";
import { encodingPairs, envelope, envelopeJobs, envelopeRow } from "../../cli/verify/envelope.ts";
import { definition } from "../../model/basic-paxos/definition.ts";
import { branchIds } from "../../model/basic-paxos/steps/branches.ts";
import { DEFAULT_CONFIG } from "../../model/basic-paxos/config.ts";
import { findVariant, variantConfig } from "../../model/basic-paxos/catalogue.ts";

describe("synod verify", () => {
  it("--only reference --json: one stage, passed, exit 0", async () => {
    const { code, out } = await runCommand(verify, ["--only", "reference", "--json"]);
    const report = JSON.parse(out);
    expect(report.stages.map((s: { name: string }) => s.name)).toEqual(["reference"]);
    expect(report.passed).toBe(true);
    expect(code).toBe(0);
  });

  it("prints each stage's lines under its own header, in stage order, although stages overlap", async () => {
    const { code, out } = await runCommand(verify, ["--only", "trace-validation,reference"]);
    expect(code).toBe(0);
    const lines = out.split("\n");
    const header = (name: string) => lines.findIndex((l) => l.startsWith(`== ${name}:`));
    const verdict = (name: string) => lines.findIndex((l) => l.trim().startsWith(`PASS ${name} (`));
    expect(header("reference")).toBe(0);
    expect(lines[1]).toMatch(/^ {3}verified: 185,369 distinct states/);
    expect(verdict("reference")).toBeLessThan(header("trace-validation"));
    expect(lines.slice(header("trace-validation") + 1, verdict("trace-validation")).every((l) => l.startsWith("   ok "))).toBe(true);
    expect(lines.at(-1)).toMatch(/^synod verify: PASS, 2\/2 stages passed/);
  });

  it("the envelope names checks verify runs, and each requires its witness, so an unreached item fails its check", () => {
    for (const e of envelope) {
      const [stageName, name] = e.check.split(": ") as [string, string];
      let config, variant: string | undefined;
      if (stageName === "catalogue") {
        const v = findVariant(name)!;
        expect(v, e.check).toBeDefined();
        [config, variant] = [variantConfig(v), name];
      } else {
        expect(stageName).toBe("model-check");
        const j = name === "default configuration" ? { config: DEFAULT_CONFIG } : envelopeJobs.find((x) => x.title === name);
        expect(j, e.check).toBeDefined();
        config = definition.parseConfig(j!.config);
      }
      if (e.witness) expect(definition.create(config, variant).witnesses.map((w) => w.id), e.item).toContain(e.witness);
      for (const b of e.branches ?? []) expect(branchIds, e.item).toContain(b);
    }
    // docs/ci.md states the same envelope.
    const ci = readFileSync("docs/ci.md", "utf8");
    for (const e of envelope) expect(ci.split("\n"), e.item).toContain(envelopeRow(e));
    const jobs = verifyStages.find((s) => s.name === "model-check")!.jobs.map((j) => j.id).filter((id) => !id.startsWith("encodings:"));
    expect(jobs).toEqual(["default", ...envelopeJobs.map((j) => j.id)]);
  });

  it("exits 2 naming an unknown stage or flag", async () => {
    const stage = await runCommand(verify, ["--only", "model-chek"]);
    expect(stage.code).toBe(2);
    expect(stage.err).toMatch(/model-chek/);
    const flag = await runCommand(verify, ["--fast"]);
    expect(flag.code).toBe(2);
    expect(flag.err).toMatch(/fast/);
  });

  it("declares the checks and the implementation stages' runs as jobs, scheduled longest first", () => {
    const jobs = scheduleJobs(verifyStages.flatMap((s) => s.jobs));
    const ids = jobs.map((j) => j.id);
    expect(ids).toContain("default");
    expect(ids.filter((id) => id.startsWith("variant:")).length).toBeGreaterThanOrEqual(12);
    expect(ids.filter((id) => id.startsWith("model-based:")).length).toBeGreaterThanOrEqual(20);
    expect(ids.filter((id) => id.startsWith("conformance:")).length).toBe(conformanceRuns.length);
    // Every id once: a stage awaits its jobs by id.
    expect(new Set(ids).size).toBe(ids.length);
    // The two longest start first, one on each worker.
    expect(ids.slice(0, 2).sort()).toEqual(["conformance:retries, crashes and restarts, nacks, stutters", "default"]);
  });
});

describe("the encodings cross-check", () => {
  // test/model/packed-paxos.test.ts compares the encodings on every pair; here, the comparison.
  it("agrees on a pair of verify, and fails when one encoding explores another graph", async () => {
    const config = encodingPairs.find((p) => p.id === "crashes")!.config;
    const [object, packed] = await Promise.all([runCheckJob({ id: "o", config, engine: "object" }), runCheckJob({ id: "p", config, engine: "packed" })]);
    expect([object.engine, packed.engine]).toEqual(["object", "packed"]);
    expect(compareEncodings(object, packed).same).toBe(true);
    // An object model edited alone (here: Accepts routed to every acceptor) explores another graph.
    const edited = await runCheckJob({ id: "o", config, variant: "accept-to-all-acceptors", engine: "object" });
    const r = compareEncodings(edited, packed);
    expect(r.same).toBe(false);
    expect(r.detail).toMatch(/^DIFFER: object/);
    // The same graph with one transition named by another branch (a step of one encoding labelling a Nack a silent refusal).
    const branches = packed.branches!.map((b) => ({ ...b }));
    const from = branches.findIndex((b) => b.transitions > 0);
    branches[from] = { ...branches[from]!, transitions: branches[from]!.transitions - 1 };
    branches[from + 1] = { ...branches[from + 1]!, transitions: branches[from + 1]!.transitions + 1 };
    expect(compareEncodings(object, { ...packed, branches }).same).toBe(false);
  });
});

describe("the verify worker pool", () => {
  const jobs: CheckJob[] = [
    { id: "caught", variant: "quorum-n-over-2", config: { losses: 0, retries: 0 } },
    { id: "verified", config: { acceptors: 2, proposers: 1, loss: false } },
    { id: "unknown", variant: "no-such-variant", config: {} },
  ];

  it("reports in worker threads exactly what the checks report inline, and rejects a failed job", { timeout: 60_000 }, async () => {
    const pool = runJobPool(jobs, 2);
    for (const job of jobs.slice(0, 2)) {
      const { stats: _a, ...fromPool } = await checkOf(pool, job.id);
      const { stats: _b, ...inline } = await runCheckJob(job);
      expect(fromPool).toEqual(inline);
    }
    expect((await checkOf(pool, "caught")).violation?.property).toBe("learned-is-chosen");
    expect((await checkOf(pool, "verified")).verdict).toBe("verified");
    await expect(pool.get("unknown")!).rejects.toThrow(/no-such-variant/);
  });

  it("runs a stage's task in a worker thread, and rejects an unknown one", { timeout: 60_000 }, async () => {
    const tasks: TaskJob[] = [
      { id: "tour", task: "conformance", arg: "one acceptor, a retry, no duplication: an old Accepted after learning", cost: 1 },
      { id: "nonsense", task: "no-such-task", arg: "", cost: 1 },
    ];
    const pool = runJobPool(tasks, 2);
    const { check, lines } = await taskOf(pool, "tour");
    expect(check.passed).toBe(true);
    expect(check.detail).toMatch(/^conforms: .*; tour: 57 of the 57 transitions/);
    expect(lines[0]).toMatch(/^one acceptor, a retry/);
    await expect(pool.get("nonsense")!).rejects.toThrow(/no task named no-such-task/);
  });
});

describe("the catalogue stage's judgement", () => {
  const summary = (property: string, length: number): CheckSummary => ({ id: "x", verdict: "violation", stats: { distinctStates: 1, transitions: 0, depth: length, seconds: 0 } as CheckSummary["stats"], violation: { property, message: "", length }, witnesses: [], engine: "packed" });
  const variant = { name: "lowest-reported-vote", summary: "", safe: false, breaks: "votes-are-safe", shortest: 18 };

  it("passes an unsafe variant caught by its property at its pinned length, and fails one caught otherwise", () => {
    expect(judgeVariant(variant, summary("votes-are-safe", 18))).toEqual({ passed: true, detail: "unsafe: caught by votes-are-safe in 18 steps" });
    expect(judgeVariant(variant, summary("agreement", 18)).passed).toBe(false);
    // The same property at another length: the variant's rule no longer makes the bug it names.
    const other = judgeVariant(variant, summary("votes-are-safe", 12));
    expect(other.passed).toBe(false);
    expect(other.detail).toBe("unsafe: caught by votes-are-safe in 12 steps (expected 18 steps: the variant is not the bug it names)");
  });
});
