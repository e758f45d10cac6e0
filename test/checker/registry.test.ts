// Adding a model is one definition and one registry line (docs/architecture.md). The toy grid
// goes through exactly that path here: registered beside Synod's models, it is listed, checked
// by `synod check` with its own flags, on both representations, on workers, under symmetry and
// sharded, and its counterexamples replay.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../support/scratch-dir.ts";
import { checkCommand } from "../../cli/commands/check.ts";
import { replayCommand } from "../../cli/commands/replay.ts";
import { registry as builtins } from "../../model/registry.ts";
import { runCommand } from "../cli/capture.ts";
import { definition as toy } from "./toy-definition.ts";

const registry = builtins.with(toy);
const check = checkCommand(registry);
const replay = replayCommand(registry);

describe("a model added through the registry alone", () => {
  it("is listed with the built-in models, and refuses a second model of the same name", async () => {
    const { code, out } = await runCommand(check, ["--list-models"]);
    expect(code).toBe(0);
    for (const name of ["basic-paxos", "lamport-paxos", "toy-grid"]) expect(out).toContain(name);
    expect(() => registry.with(toy)).toThrow(/two models are named 'toy-grid'/);
  });

  it("is checked with its own config flags, and others' flags are refused by name", async () => {
    const ok = await runCommand(check, ["--model", "toy-grid", "--size", "5", "--json"]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ model: "toy-grid", verdict: "verified", stats: { distinctStates: 36 } });
    const help = await runCommand(check, ["--model", "toy-grid", "--help"]);
    expect(help.out).toMatch(/--size N[\s\S]*--bad-cell/);
    const foreign = await runCommand(check, ["--model", "toy-grid", "--retries", "1"]);
    expect(foreign.code).toBe(2);
    expect(foreign.err).toMatch(/unknown flag --retries/);
    const badFile = join(scratchDir("synod-toy-"), "c.json");
    writeFileSync(badFile, '{"size": 3, "__proto__": {"size": 9}}');
    const proto = await runCommand(check, ["--model", "toy-grid", "--config", badFile]);
    expect(proto.code).toBe(2);
    expect(proto.err).toMatch(/'__proto__' is not a config field of toy-grid/);
  });

  it("runs on workers, under symmetry and sharded, with the same verdicts", async () => {
    const one = JSON.parse((await runCommand(check, ["--model", "toy-grid", "--size", "8", "--mirror", "--json"])).out);
    const two = JSON.parse((await runCommand(check, ["--model", "toy-grid", "--size", "8", "--mirror", "--workers", "2", "--json"])).out);
    expect(two.stats.distinctStates).toBe(one.stats.distinctStates);
    const sym = JSON.parse((await runCommand(check, ["--model", "toy-grid", "--size", "8", "--mirror", "--symmetry", "--json"])).out);
    expect(sym.stats.distinctStates).toBe((9 * 10) / 2);
    const shard = await runCommand(check, ["--model", "toy-grid", "--size", "8", "--shard", "2/3", "--json"]);
    expect(JSON.parse(shard.out).verdict).toBe("verified");
  });

  it("catches its variant, saves the counterexample, and replays it on the same model", async () => {
    const trace = join(scratchDir("synod-toy-"), "cx.json");
    const caught = await runCommand(check, ["--model", "toy-grid", "--mutant", "bad-cell", "--trace-out", trace]);
    expect(caught.code).toBe(1);
    expect(caught.out).toMatch(/violation of not-3-1 \(invariant\)[\s\S]*shortest counterexample, 3 steps/);
    const again = await runCommand(replay, [trace]);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/reproduced: not-3-1/);
    const unknown = await runCommand(check, ["--model", "toy-grid", "--mutant", "nope"]);
    expect(unknown.err).toMatch(/--mutant nope: toy-grid has no such variant/);
  });
});
