// synod check and synod replay, run in-process: exit codes, messages naming the bad flag,
// a numbered counterexample saved as a trace that replay reproduces, a doctored trace.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { command as check } from "../../cli/commands/check.ts";
import { command as replay } from "../../cli/commands/replay.ts";
import { definition as basicPaxos } from "../../model/basic-paxos/definition.ts";

async function run(cmd: typeof check, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...a) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a) => void err.push(a.join(" ")));
  const code = await cmd.run(argv);
  vi.restoreAllMocks();
  return { code, out: out.join("\n"), err: err.join("\n") };
}

afterEach(() => vi.restoreAllMocks());
const dir = mkdtempSync(join(tmpdir(), "synod-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("synod check", () => {
  it("--help documents every bound and fault flag", async () => {
    const { code, out } = await run(check, ["--help"]);
    expect(code).toBe(0);
    for (const { flag } of basicPaxos.configFields) expect(out).toContain(`--${flag}`);
    for (const flag of ["--mutant", "--list-mutants", "--max-states", "--max-seconds", "--max-memory", "--json", "--junit", "--trace-out", "--model"]) expect(out).toContain(flag);
  });

  it("exits 2 naming a bad flag, a bad value or a bad config field", async () => {
    expect((await run(check, ["--bogus"])).code).toBe(2);
    const big = await run(check, ["--acceptors", "9"]);
    expect(big.code).toBe(2);
    expect(big.err).toContain("acceptors");
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ proposers: 2, lossez: 1 }));
    const bad = await run(check, ["--config", file]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("lossez");
  });

  it("verifies a small correct configuration (exit 0)", async () => {
    const { code, out } = await run(check, ["--losses", "0", "--no-loss", "--retries", "0"]);
    expect(code).toBe(0);
    expect(out).toContain("verdict: verified");
  });

  it("ends with exit 3, never 'verified', when a budget stops the run", async () => {
    const { code, out } = await run(check, ["--max-states", "50"]);
    expect(code).toBe(3);
    expect(out).toContain("verdict: incomplete");
  });

  it("catches a mutant: numbered steps, a trace that replay reproduces", async () => {
    const trace = join(dir, "cx.json");
    const { code, out } = await run(check, ["--mutant", "quorum-n-over-2", "--trace-out", trace]);
    expect(code).toBe(1);
    expect(out).toContain("violation of learned-is-chosen");
    expect(out).toMatch(/^\s+1\. propose p1/m);
    expect(out).toMatch(/^\s+5\. deliver Accepted/m);
    const again = await run(replay, [trace]);
    expect(again.code).toBe(1);
    expect(again.out).toContain("reproduced: learned-is-chosen");

    // A doctored trace: a step that is not possible where it stands.
    const doc = JSON.parse(readFileSync(trace, "utf8"));
    doc.steps.splice(1, 1);
    const doctored = join(dir, "doctored.json");
    writeFileSync(doctored, JSON.stringify(doc));
    const bad = await run(replay, [doctored]);
    expect(bad.code).toBe(4);
    expect(bad.out).toContain("step 2 is not possible");
  });

  it("replay rejects a malformed trace with exit 2 naming the field", async () => {
    const file = join(dir, "malformed.json");
    writeFileSync(file, JSON.stringify({ format: "synod-trace", version: 1, model: "basic-paxos", config: {}, steps: [{ action: { kind: "fly" }, description: "", changes: [] }] }));
    const { code, err } = await run(replay, [file]);
    expect(code).toBe(2);
    expect(err).toContain("steps.0.action");
  });
});
