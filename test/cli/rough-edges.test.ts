// The rough edges a new user hit (issue 15), each fixed: report paths made writable (or
// refused) before the run; `check --workers` bounded by the machine; `synod replay` of a
// hand-edited trace; `simulate` and `mbt` traces under .synod/, one per storage; the README's
// store example, run as written.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { command as check } from "../../cli/commands/check.ts";
import { command as verify } from "../../cli/commands/verify.ts";
import { command as mbt } from "../../cli/commands/mbt.ts";
import { command as replay } from "../../cli/commands/replay.ts";
import { command as simulate } from "../../cli/commands/simulate.ts";
import { command as review } from "../../cli/commands/review.ts";
import { command as propose } from "../../cli/commands/propose.ts";
import { command as get } from "../../cli/commands/get.ts";
import { command as validateTrace } from "../../cli/commands/validate-trace.ts";
import { maxWorkers, workersAsked } from "../../cli/workers.ts";
import { startLocalCluster } from "../../impl/local-cluster.ts";
import { runCommand } from "./capture.ts";

const dir = mkdtempSync(join(tmpdir(), "synod-rough-"));
const aFile = join(dir, "a-file");
writeFileSync(aFile, "not a folder\n");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("report paths are created, or refused before the run starts", () => {
  it("verify --junit and --html into folders that do not exist yet: created, the reports written", async () => {
    const junit = join(dir, "new", "reports", "synod.xml");
    const html = join(dir, "other", "synod.html");
    const r = await runCommand(verify, ["--only", "reference", "--junit", junit, "--html", html]);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(junit, "utf8")).toContain('<testcase classname="synod verify" name="reference: Paxos.tla ballots 0..2"');
    expect(readFileSync(html, "utf8")).toMatch(/^<!doctype html>/);
  });

  it("a path that cannot be written exits 2 naming the flag and the reason, before anything runs", async () => {
    for (const [command, argv] of [
      [check, ["--mutant", "quorum-n-over-2", "--junit", join(aFile, "y.xml")]],
      [check, ["--mutant", "quorum-n-over-2", "--html", join(aFile, "y.html")]],
      [verify, ["--only", "reference", "--junit", join(aFile, "y.xml")]],
      [mbt, ["--variant", "quorum-n-over-2", "--html", join(aFile, "y.html")]],
      [review, ["--base", "HEAD", "--markdown", join(aFile, "y.md")]],
    ] as const) {
      const r = await runCommand(command, argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.err).toMatch(new RegExp(`--(junit|html|markdown) ${aFile}/y\\.\\w+: cannot write there \\(ENOTDIR`));
      expect(r.out, "nothing ran").toBe("");
    }
    const dirAsFile = await runCommand(check, ["--junit", dir]);
    expect(dirAsFile.code).toBe(2);
    expect(dirAsFile.err).toContain(`--junit ${dir}: is a directory`);
  });
});

describe("check --workers is bounded by the cores and the memory", () => {
  it("refuses more workers than the machine can run, saying how many it can and why", async () => {
    const r = await runCommand(check, ["--workers", "1000"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`--workers 1000: at most ${maxWorkers()} on this machine \\(\\d+ cores; [\\d.]+ GiB of memory at 512 MiB per worker\\)`));
    expect(maxWorkers(64, 2 * 1024 ** 3)).toBe(4);
    expect(maxWorkers(2, 64 * 1024 ** 3)).toBe(2);
  });

  it("reads the worker count early, to start the threads, within the same bound and never more", () => {
    const big = 64 * 1024 ** 3;
    expect(workersAsked(["--model", "lamport-paxos", "--workers", "2"], 8, big)).toBe(2);
    expect(workersAsked(["--workers=3", "--symmetry"], 8, big)).toBe(3);
    expect(workersAsked(["--workers", "1000"], 8, big)).toBe(8);
    for (const argv of [[], ["--workers"], ["--workers", "two"], ["--workers", "1.5"], ["--workers=-2"]]) expect(workersAsked(argv, 8, big)).toBe(1);
  });
});

describe("synod replay of a hand-edited trace", () => {
  const trace = join(dir, "quorum.json");
  const edited = (name: string, edit: (t: { steps: { action: Record<string, unknown> & { msg?: Record<string, unknown> } }[]; violation: { message: string }; [k: string]: unknown }) => void) => {
    const t = JSON.parse(readFileSync(trace, "utf8"));
    edit(t);
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(t));
    return path;
  };
  beforeAll(async () => {
    expect((await runCommand(check, ["--mutant", "quorum-n-over-2", "--losses", "0", "--retries", "0", "--trace-out", trace])).code).toBe(1);
  });

  it("prints the edited actions, not the stale descriptions, and compares the recorded violation with the one it reproduces", async () => {
    // a1 replaced by a2 everywhere: the same bug, through another acceptor.
    const path = edited("via-a2.json", (t) => {
      for (const s of t.steps) {
        if (s.action.to === "a1") s.action.to = "a2";
        if (s.action.msg?.from === "a1") s.action.msg.from = "a2";
      }
    });
    const r = await runCommand(replay, [path]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('  2. deliver Prepare(b=1.p1) p1->a2 (edited: the trace\'s description reads "deliver Prepare(b=1.p1) p1->a1")');
    expect(r.out).toContain("  1. propose p1 -> ballot 1.p1\n");
    expect(r.out).toContain("reproduced: learned-is-chosen (invariant) broken after step 5: p1 learned A, which is not chosen\nthe trace records the same violation");
    const other = await runCommand(replay, [edited("other.json", (t) => (t.violation.message = "p9 learned Z"))]);
    expect(other.out).toContain("the trace records another violation: learned-is-chosen (invariant): p9 learned Z");
    const prefix = await runCommand(replay, [edited("prefix.json", (t) => t.steps.pop())]);
    expect(prefix.code).toBe(0);
    expect(prefix.out).toContain("the trace records learned-is-chosen (invariant): p1 learned A, which is not chosen; this replay does not reproduce it");
  });

  it("errors name the file and the field path", async () => {
    const cases: [string, (t: Record<string, unknown>) => void, string][] = [
      ["config.json", (t) => ((t.config as Record<string, unknown>).acceptors = 9), "config.acceptors: "],
      ["mutant.json", (t) => (t.mutant = "no-such-bug"), "mutant: basic-paxos has no variant named 'no-such-bug'"],
      ["model.json", (t) => (t.model = "raft"), "model: 'raft' is not a model this build knows"],
      ["action.json", (t) => ((t.steps as { action: { kind: string } }[])[1]!.action.kind = "teleport"), "steps.1.action.kind: "],
    ];
    for (const [name, edit, field] of cases) {
      const path = edited(name, edit as never);
      const r = await runCommand(replay, [path]);
      expect(r.code, name).toBe(2);
      expect(r.err, name).toContain(`synod replay: ${path}: ${field}`);
    }
  });
});

describe("traces go under .synod/, one per run", () => {
  const made: string[] = [];
  afterAll(() => made.forEach((f) => rmSync(f, { force: true })));

  it("simulate saves a failing walk as .synod/simulate-MODEL-SEED.json", async () => {
    const r = await runCommand(simulate, ["--mutant", "quorum-n-over-2", "--seed", "2", "--walks", "1", "--json"]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out);
    expect(out.trace).toBe(".synod/simulate-basic-paxos-2.json");
    made.push(out.trace);
    expect(JSON.parse(readFileSync(out.trace, "utf8")).violation.property).toBe("learned-is-chosen");
    expect(existsSync("synod-simulate-2.trace.json")).toBe(false);
  });

  it("mbt --variant on memory and on file storage keep a trace each", async () => {
    const traces: string[] = [];
    for (const storage of ["memory", "file"]) {
      const r = await runCommand(mbt, ["--variant", "quorum-n-over-2", "--storage", storage, "--runs", "20", "--json"]);
      expect(r.code).toBe(1);
      traces.push(JSON.parse(r.out).failure.trace);
    }
    made.push(...traces);
    expect(traces).toEqual([".synod/mbt-quorum-n-over-2-memory-1.json", ".synod/mbt-quorum-n-over-2-file-1.json"]);
    expect(traces.map((t) => JSON.parse(readFileSync(t, "utf8")).impl.storage)).toEqual(["memory", "file"]);
  });
});

describe("the README's store example, as written", () => {
  it("cluster, propose and get with --trace, then validate-trace traces/*.trace: a behaviour of the model", async () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const block = readme.match(/```sh\n(npx synod cluster [^`]*)```/)![1]!.split("\n").filter(Boolean).map((l) => l.replace(/\s+#.*$/, ""));
    expect(block[0]).toBe("npx synod cluster --nodes 3 --trace traces/");
    const traces = join(dir, "traces");
    mkdirSync(traces);
    const cluster = await startLocalCluster(3, { traceDir: traces });
    try {
      const argv = (line: string) => line.replace("DIR/cluster.json", cluster.clusterFile).replace(/traces\//g, `${traces}/`).split(/\s+/).slice(3);
      const [p, g, v] = [block[1]!, block[2]!, block[3]!];
      expect(p).toMatch(/^npx synod propose .*--trace traces\/\S+ color blue$/);
      expect((await runCommand(propose, argv(p))).out).toBe("blue");
      expect(g).toMatch(/^npx synod get .*--trace traces\/\S+ color$/);
      expect((await runCommand(get, argv(g))).out).toBe("blue");
      expect(v).toBe("npx synod validate-trace traces/*.trace");
      const files = readdirSync(traces).filter((f) => f.endsWith(".trace")).map((f) => join(traces, f));
      const r = await runCommand(validateTrace, files);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain("verdict: a behaviour of the model");
    } finally {
      await cluster.stop();
    }
  });
});

describe("models and their flags, as a new user names them", () => {
  it("one name per model, in every command; an old or unknown name is refused with the list", async () => {
    for (const [command, argv] of [
      [check, ["--model", "lamport-paxos", "--ballots", "0", "--json"]],
      [simulate, ["--model", "lamport-paxos", "--ballots", "0", "--walks", "2", "--seed", "1", "--json"]],
    ] as const) expect((await runCommand(command, [...argv])).code).toBe(0);
    for (const command of [check, simulate]) {
      const r = await runCommand(command, ["--model", "basic"]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/no model named 'basic'; the models are basic-paxos, lamport-paxos/);
    }
  });

  it("a flag of another model is refused by name, never silently ignored", async () => {
    const r = await runCommand(check, ["--model", "lamport-paxos", "--retries", "2"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown flag --retries/);
    const walk = await runCommand(simulate, ["--model", "lamport-paxos", "--proposers", "3", "--walks", "1"]);
    expect(walk.code).toBe(2);
    expect(walk.err).toMatch(/unknown flag --proposers/);
    // The same flag on the model that has it is applied: the config printed shows it.
    const applied = await runCommand(simulate, ["--acceptors", "5", "--walks", "1", "--seed", "1"]);
    expect(applied.out).toMatch(/"acceptors":5/);
  });

  it("a negative number reaches the flag's check, which names the range", async () => {
    const r = await runCommand(check, ["--model", "lamport-paxos", "--ballots", "-1"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--ballots: Too small: expected number to be >=0/);
  });

  it("a config file must be an object of the model's fields: null, a list and __proto__ are refused", async () => {
    const cases = [["null", /must hold a JSON object/], ["[]", /must hold a JSON object/], ['{"__proto__": {"acceptors": 4}}', /'__proto__' is not a config field of basic-paxos/], ['{"ballots": 2}', /'ballots' is not a config field of basic-paxos/]] as const;
    for (const [text, message] of cases) {
      const file = join(dir, `config-${cases.findIndex((c) => c[0] === text)}.json`);
      writeFileSync(file, text);
      for (const [command, budget] of [[check, ["--max-states", "1"]], [simulate, ["--walks", "1"]]] as const) {
        const r = await runCommand(command, ["--config", file, ...budget]);
        expect(r.code, `${text} (${command.summary})`).toBe(2);
        expect(r.err).toMatch(message);
      }
    }
  });
});
