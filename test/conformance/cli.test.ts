// synod conformance in-process: exit codes, the report, the saved trace, bad usage named.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { command } from "../../cli/commands/conformance.ts";
import { parseTrace } from "../../checker/trace.ts";
import { Action } from "../../model/basic-paxos/actions.ts";
import { runCommand } from "../cli/capture.ts";

const SMALL = ["--acceptors", "3", "--proposers", "1", "--retries", "0", "--no-loss", "--nacks", "--stutters", "--depth", "4"];
const dir = mkdtempSync(path.join(tmpdir(), "synod-conformance-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("synod conformance", () => {
  it("exits 0 when the implementation conforms, with figures and coverage", async () => {
    const r = await runCommand(command, SMALL);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^conforms: [\d,]+ paths, depth 4, [\d,]+ transitions checked, [\d,]+ steps replayed, [\d.]+ s, [\d,]+ paths\/s$/m);
    expect(r.out).toMatch(/^ {2}deliver promise: counted +[1-9]/m);
    expect(r.out).toMatch(/^never driven \(\d+\): .*deliver accepted: learned/m);
  });

  it("exits 1 on a divergence, prints the numbered path and saves it as a trace", async () => {
    const trace = path.join(dir, "off-by-one.json");
    const r = await runCommand(command, [...SMALL, "--variant", "promise-off-by-one", "--trace-out", trace]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("model and implementation part at step 3 of this path:");
    expect(r.out).toMatch(/^ {2}3\. deliver Prepare\(b=1\.p1\) p1->a1$/m);
    expect(r.out).toMatch(/differs: in flight: Nack\(b=1\.p1, promised=1\.p1\) a1->p1: model in flight, implementation not in flight/);
    const saved = parseTrace(JSON.parse(readFileSync(trace, "utf8")), Action);
    expect(saved.impl).toEqual({ variant: "promise-off-by-one", storage: "memory" });
    expect(saved.violation?.kind).toBe("divergence");
    expect(saved.steps.map((s) => s.description)).toEqual(["propose p1 -> ballot 1.p1", "deliver Prepare(b=1.p1) p1->a1", "deliver Prepare(b=1.p1) p1->a1"]);
  });

  it("--shortest shows the shortest divergence, not the first the walk met", async () => {
    const argv = [...SMALL.slice(0, -1), "6", "--variant", "duplicates-counted-twice", "--trace-out", path.join(dir, "dup.json")];
    expect((await runCommand(command, argv)).out).toContain("model and implementation part at step 6 of this path:");
    const r = await runCommand(command, [...argv, "--shortest"]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("shortest: 4 steps; walked again 3 time(s), one step shallower each, the last conforming");
    expect(r.out).toContain("model and implementation part at step 4 of this path:");
  });

  it("--json reports figures, coverage and what was never driven", async () => {
    const r = await runCommand(command, [...SMALL, "--json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.conforms).toBe(true);
    expect(report.paths).toBeGreaterThan(0);
    expect(report.coverage.propose).toBe(1);
    expect(report.neverDriven).toContain("deliver accepted: learned");
  });

  it.each([
    [["--depth", "0"], /--depth: must be a whole number from 1 to 30, got '0'/],
    [["--variant", "nope"], /--variant: variant must be one of: correct, .*got 'nope'/],
    [["--acceptors", "9"], /acceptors: /],
    [["--acceptor-state-loss"], /--acceptor-state-loss: the implementation has no counterpart/],
    [["--bogus"], /bogus/],
  ])("exits 2 on bad usage %j, naming it", async (argv, message) => {
    const r = await runCommand(command, argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it("--help documents every flag it parses", async () => {
    const r = await runCommand(command, ["--help"]);
    expect(r.code).toBe(0);
    for (const flag of ["--depth", "--stutters", "--shortest", "--variant", "--json", "--trace-out", "--config", "--acceptors", "--nacks"]) expect(r.out).toContain(flag);
  });
});
