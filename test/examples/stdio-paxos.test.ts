// examples/stdio-paxos, checked as a separate process over the process protocol: every planted
// bug caught (which invariant, at which shrunk length), the correct and safe modes passing 1,000
// generated schedules with values chosen, a process that breaks the protocol (a line that is not
// JSON, a malformed meaning, no answer) failing the run with the line and the reason instead of
// hanging it, and the script itself answering nothing but replies on stdout.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { processTarget, type ProcessMessage } from "../../target/process.ts";
import type { Target } from "../../target/target.ts";
import { checkTarget } from "../../target/property.ts";
import { exploreTarget } from "../../target/explore.ts";
import { parseTargetConfig } from "../../target/config.ts";
import { TargetRun } from "../../target/run.ts";
import { validateRun } from "../../tracecheck/target-log.ts";
import { BUDGET, CONFIG, QUIET, ROOT, caught, counting, trace } from "./support.ts";

const SCRIPT = "node examples/stdio-paxos/main.mjs";
const run = { config: CONFIG, seed: 1 };

/** Every process started here, stopped once the file is done. */
const started: Target<ProcessMessage>[] = [];
async function stdio(args: string, replyTimeoutMs?: number): Promise<Target<ProcessMessage>> {
  const t = await processTarget({ command: `${SCRIPT} ${args}`, cwd: ROOT, ...(replyTimeoutMs ? { replyTimeoutMs } : {}) });
  started.push(t);
  return t;
}
afterAll(async () => {
  for (const t of started) await t.dispose?.();
});

describe("stdio-paxos: each planted bug is caught by the model-based search", () => {
  // Pinned as observed with BUDGET (seed 1, 60 steps).
  const bugs = [
    { mode: "shared-ballots", properties: ["one-value-per-ballot"], steps: 10 },
    // sticky-vote (promise-reports-truthfully, 18 steps) takes the longest to shrink over stdio: examples.deep.test.ts.
    { mode: "no-promise-check", properties: ["vote-below-promise", "promise-reports-truthfully"], steps: 9 },
  ] as const;
  for (const b of bugs) {
    it(`${b.mode}: ${b.properties.join(" + ")} in ${b.steps} steps`, async () => {
      const r = await checkTarget(await stdio(`--mode ${b.mode}`), run, BUDGET);
      expect(r.passed).toBe(false);
      expect(caught(r), trace(r)).toEqual({ properties: b.properties, steps: b.steps, fault: null });
    });
  }
});

describe("stdio-paxos: the correct and safe modes pass, choosing values", () => {
  it("correct", async () => {
    const r = await checkTarget(await stdio("--mode correct"), run, BUDGET);
    expect(r.passed, trace(r)).toBe(true);
    expect(r.runs).toBe(BUDGET.runs);
    expect(r.runsChoosing).toBeGreaterThan(0);
  });

  // 60 schedules here (1,000 in test:deep): Synod asks for every acceptor's state after every
  // step, one more round trip per step.
  it("correct, white box (the acceptors' state read with `state` after every step), 60 schedules", async () => {
    const r = await checkTarget(await stdio("--mode correct --white-box"), run, { ...BUDGET, runs: 60 });
    expect(r.passed, trace(r)).toBe(true);
    expect(r.whiteBox).toBe(true);
    expect(r.runsChoosing).toBeGreaterThan(0);
  });

  it("accept-to-all, its accepts reaching acceptors that did not promise", async () => {
    const key = (acceptor: string, ballot: unknown) => `${acceptor}|${JSON.stringify(ballot)}`;
    const t = counting(await stdio("--mode accept-to-all"), (e, memory) => {
      if (e.kind === "sent" && e.meaning.type === "promise") memory.set(key(e.from, e.meaning.ballot), true);
      return e.kind === "sent" && e.meaning.type === "accept" && !memory.has(key(e.to, e.meaning.ballot));
    });
    const r = await checkTarget(t.target, run, BUDGET);
    expect(r.passed, trace(r)).toBe(true);
    expect(r.runsChoosing).toBeGreaterThan(0);
    expect(t.count()).toBeGreaterThan(0);
  });
});

describe("stdio-paxos: trace validation of whole runs (judgeRun: validateRun)", () => {
  // Its acceptors send their votes to every proposer, and its proposers are its learners: trace
  // validation counts them as such, so the correct mode passes, and the planted bugs are caught.
  it("correct: passes 100 runs, values chosen", async () => {
    const r = await checkTarget(await stdio("--mode correct"), { ...run, judgeRun: validateRun }, { ...BUDGET, runs: 100 });
    expect(r.failure?.run.failed?.broken ?? [], trace(r)).toEqual([]);
    expect(r.runsChoosing).toBeGreaterThan(0);
  });

  it.each(["no-promise-check"])("%s: still caught", async (mode) => {
    const r = await checkTarget(await stdio(`--mode ${mode}`), { ...run, judgeRun: validateRun }, { ...BUDGET, runs: 200 });
    expect(r.passed).toBe(false);
  });
});

describe("stdio-paxos: bounded exploration", () => {
  const quiet = parseTargetConfig(QUIET);
  it("finds no-promise-check at 8 steps, and shared-ballots' repeated Promise at 8", async () => {
    const np = await exploreTarget(await stdio("--mode no-promise-check"), { config: quiet, seed: 1, depth: 8 });
    expect(caught(np), trace(np)).toEqual({ properties: ["vote-below-promise", "promise-reports-truthfully"], steps: 8, fault: null });
    const sb = await exploreTarget(await stdio("--mode shared-ballots"), { config: quiet, seed: 1, depth: 10 });
    expect(caught(sb), trace(sb)).toEqual({ properties: ["promise-reports-truthfully"], steps: 8, fault: null });
  });

  it("passes the correct mode to depth 8 with no faults, choosing values", async () => {
    const r = await exploreTarget(await stdio("--mode correct"), { config: quiet, seed: 1, depth: 8 });
    expect(r.passed, trace(r)).toBe(true);
    expect(r.pathsChoosing).toBeGreaterThan(0);
  });
});

describe("stdio-paxos: a process that breaks the protocol fails the run, naming the line and the reason", () => {
  it("a line that is not JSON", async () => {
    const r = await checkTarget(await stdio("--mode garbage-reply", 2_000), run, { runs: 10, seed: 1, maxSteps: 10, maxShrinkRuns: 5 });
    expect(r.passed).toBe(false);
    expect(caught(r)?.fault).toMatch(/the target wrote a line that is not JSON: ok, proposing [AB] now, waiting for the reply to: \{"id":\d+,"op":"propose","proposer":"p\d","value":"[AB]"\}/);
  });

  it("a meaning with a malformed ballot", async () => {
    const r = await checkTarget(await stdio("--mode bad-meaning", 2_000), run, { runs: 10, seed: 1, maxSteps: 10, maxShrinkRuns: 5 });
    expect(r.passed).toBe(false);
    expect(caught(r)?.fault).toMatch(/^bad reply to \{"id":\d+,"op":"deliver",.*"meaning":\{"type":"promise","ballot":"b\d+","vote":null\}.*: field sent\.0\.meaning\.ballot: /);
  });

  it("no answer: the call fails after the reply limit instead of hanging, with the process's stderr", async () => {
    const t0 = performance.now();
    const t = await stdio("--mode silent", 1_000);
    const r = await TargetRun.start(t, run);
    const step = await r.step(r.commands()[0]!);
    await r.close();
    expect(step.ok).toBe(false);
    expect(step.fault).toMatch(/^no reply within 1000 ms to: \{"id":\d+,"op":"propose","proposer":"p1","value":"A"\}/s);
    expect(step.fault).toContain("not answering request");
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});

describe("stdio-paxos: the script", () => {
  /** Runs main.mjs with `lines` on stdin; its stdout lines parsed, its stderr as text. */
  async function talk(args: string[], lines: object[]): Promise<{ out: Record<string, unknown>[]; err: string; code: number | null }> {
    const child = spawn("node", ["examples/stdio-paxos/main.mjs", ...args], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
    const out: Record<string, unknown>[] = [];
    let err = "";
    createInterface({ input: child.stdout }).on("line", (l) => out.push(JSON.parse(l) as Record<string, unknown>));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    for (const l of lines) child.stdin.write(`${JSON.stringify(l)}\n`);
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    return { out, err, code };
  }

  it("answers every request with one line of its id, and what it cannot handle with an error", async () => {
    const roles = { acceptors: ["a1", "a2", "a3"], proposers: ["p1", "p2"], learners: [], inputs: { p1: "A", p2: "B" }, seed: 1 };
    const { out, err, code } = await talk(
      ["--mode", "correct"],
      [
        { id: 1, op: "hello", version: 1 },
        { id: 2, op: "propose", proposer: "p1", value: "A" },
        { id: 3, op: "create", roles },
        { id: 4, op: "propose", proposer: "p9", value: "A" },
        { id: 5, op: "frobnicate" },
        { id: 6, op: "state" },
        { id: 7, op: "propose", proposer: "p1", value: "A" },
        { id: 8, op: "deliver", envelope: { from: "p1", to: "a1", msg: { t: "prep", b: 11 } } },
        { id: 9, op: "close" },
      ],
    );
    expect(code).toBe(0);
    expect(err).toBe("");
    expect(out.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(out[0]).toMatchObject({ name: "stdio-paxos:correct", whiteBox: false, capabilities: { ballots: "shared", learners: "proposers" } });
    expect(out[1]).toEqual({ id: 2, error: "propose before create" });
    expect(out[3]).toEqual({ id: 4, error: 'no proposer "p9" in this cluster' });
    expect(out[4]).toEqual({ id: 5, error: 'unknown op "frobnicate"' });
    expect(out[5]).toEqual({ id: 6, error: "state: this target was started without --white-box" });
    expect((out[6]!.sent as unknown[]).length).toBe(3);
    expect(out[7]).toEqual({ id: 8, sent: [{ from: "a1", to: "p1", msg: { t: "prom", b: 11, vb: 0, vv: null }, meaning: { type: "promise", ballot: 11, vote: null } }], learned: [] });
  });

  it("keeps diagnostics on stderr: a request that is not JSON is reported there, never answered on stdout", async () => {
    const child = spawn("node", ["examples/stdio-paxos/main.mjs"], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.stdin.end("this is not a request\n");
    await new Promise((resolve) => child.on("close", resolve));
    expect(out).toBe("");
    expect(err).toContain("a request that is not JSON, ignored: this is not a request");
  });

  it("refuses an unknown mode, naming the modes", async () => {
    const { code, err } = await talk(["--mode", "nope"], []);
    expect(code).toBe(2);
    expect(err).toMatch(/no mode 'nope'; modes: correct, shared-ballots, sticky-vote, no-promise-check, idempotent-prepare, accept-to-all/);
  });
});
