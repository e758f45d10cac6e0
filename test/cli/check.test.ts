// synod check, run in-process: its help documents every flag it accepts, bad usage exits 2
// naming the bad flag or field, budgets end in "incomplete" (exit 3, never 0). The default
// configuration's verdict is check-default.deep.test.ts (npm run test:deep), and npm start's.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { command as check } from "../../cli/commands/check.ts";
import { definition as basicPaxos } from "../../model/basic-paxos/definition.ts";
import { definition as lamport } from "../../model/lamport/definition.ts";
import { catalogue } from "../../model/basic-paxos/catalogue.ts";
import { livenessVariants } from "../../model/basic-paxos/liveness-variants.ts";
import { runCommand } from "./capture.ts";

const dir = mkdtempSync(join(tmpdir(), "synod-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("synod check --help", () => {
  it("documents every flag, and every documented flag is accepted", async () => {
    const { code, out } = await runCommand(check, ["--help"]);
    expect(code).toBe(0);
    const documented = new Set([...out.matchAll(/^\s+(?:-h, )?--([a-z-]+)/gm)].map((m) => m[1]!));
    const engine = ["model", "config", "mutant", "list-models", "list-mutants", "engine", "workers", "symmetry", "shard", "max-states", "max-seconds", "max-memory", "json", "junit", "trace-out", "help"];
    for (const flag of [...basicPaxos.configFields.map((f) => f.flag), ...engine]) expect(documented, `--${flag} in the help`).toContain(flag);
    // The converse: a flag the help names but the parser does not know exits 2 with "unknown flag".
    for (const flag of documented) {
      const { err } = await runCommand(check, [`--${flag}`, "--max-states", "1", "--json"]);
      expect(err, `--${flag}`).not.toMatch(/unknown flag/i);
    }
    // Another model's help documents its own config fields.
    const other = await runCommand(check, ["--model", "lamport-paxos", "--help"]);
    for (const f of lamport.configFields) expect(other.out).toContain(`--${f.flag}`);
  });

  it("--list-mutants lists every catalogue variant and the liveness-only ones", async () => {
    const { code, out } = await runCommand(check, ["--list-mutants"]);
    expect(code).toBe(0);
    for (const v of [...catalogue, ...livenessVariants]) expect(out).toContain(v.name);
    expect(out).toMatch(/^no-retry-in-phase-2 +unsafe +breaks eventually-chosen;/m);
  });

  it("--mutant runs a liveness-only variant: no invariant broken, its liveness violated by a lasso", async () => {
    const { code, out } = await runCommand(check, ["--mutant", "no-retry-in-phase-2", "--liveness", "--trace-out", join(dir, "lasso.json")]);
    expect(out).toMatch(/^liveness: eventually-chosen VIOLATED: a fair run of \d+ steps/m);
    expect(code).toBe(1);
    const safety = await runCommand(check, ["--mutant", "no-retry-in-phase-2", "--json"]);
    // Never retrying in phase 2, it also never reaches a second vote of one acceptor: a witness, not an invariant.
    expect(JSON.parse(safety.out).violation).toMatchObject({ kind: "witness-unreached", property: "sometimes-acceptor-votes-in-higher-ballot" });
  });
});

describe("synod check: bad usage exits 2 and names what is wrong", () => {
  const cases: [string, string[], RegExp][] = [
    ["an unknown flag", ["--acceptorz", "3"], /acceptorz/],
    ["a flag value out of range", ["--acceptors", "9"], /acceptors/],
    ["a flag value that is not a number", ["--proposers", "two"], /--proposers/],
    ["an unknown mutant", ["--mutant", "no-such-bug"], /no-such-bug/],
    ["an unknown model", ["--model", "raft"], /--model/],
    ["a bad budget", ["--max-states", "-5"], /--max-states/],
  ];
  for (const [what, argv, names] of cases) {
    it(what, async () => {
      const { code, err } = await runCommand(check, argv);
      expect(code).toBe(2);
      expect(err).toMatch(names);
    });
  }

  it("a config file with a bad field", async () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ acceptors: 3, losses: "one" }));
    const { code, err } = await runCommand(check, ["--config", file]);
    expect(code).toBe(2);
    expect(err).toMatch(/losses/);
  });

  it("a config file with an unknown field", async () => {
    const file = join(dir, "typo.json");
    writeFileSync(file, JSON.stringify({ acceptor: 3 }));
    const { code, err } = await runCommand(check, ["--config", file]);
    expect(code).toBe(2);
    expect(err).toMatch(/acceptor/);
  });
});

describe("synod check verdicts", () => {
  it("a budget that ends the run says incomplete and exits 3, never 0", async () => {
    const { code, out } = await runCommand(check, ["--max-states", "50"]);
    expect(code).toBe(3);
    expect(out).toMatch(/verdict: incomplete/);
    expect(out).not.toMatch(/verdict: verified/);
  });

  it("a run on worker threads ends its process once it has reported (idle workers do not hold it open)", () => {
    const bin = fileURLToPath(new URL("../../bin/synod.js", import.meta.url));
    // A process that waits for its idle workers for ever is killed at the timeout: no status.
    const run = spawnSync(process.execPath, [bin, "check", "--retries", "0", "--workers", "2", "--max-states", "1000"], { encoding: "utf8", timeout: 60_000 });
    expect(run.stdout).toMatch(/verdict: incomplete/);
    expect(run.status).toBe(3);
  });

  it("--json reports the verdict and the stats on stdout", async () => {
    const { code, out } = await runCommand(check, ["--json", "--acceptors", "1", "--proposers", "1", "--no-loss"]);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.verdict).toBe("verified");
    expect(report.stats.distinctStates).toBeGreaterThan(1);
  });
});
