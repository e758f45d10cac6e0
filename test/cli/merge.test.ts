// synod merge: four shards of a small Basic Paxos run, each checked as a CI job would check it
// (`synod check --shard I/4 --json > FILE`), merge into what one unsharded run says: the
// verdict, the witnesses, the depth, and for a bug the length of the shortest counterexample.
// A shard missing, failed, twice, or of another run makes the merge incomplete, never verified.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { command as check } from "../../cli/commands/check.ts";
import { command as merge } from "../../cli/commands/merge.ts";
import { runCommand } from "./capture.ts";

const dir = mkdtempSync(join(tmpdir(), "synod-merge-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SMALL = ["--retries", "0", "--no-loss"];

/** Runs `synod check ARGS --json`, writes what it printed to a file, returns the file and the report. */
async function report(name: string, args: readonly string[]): Promise<{ path: string; json: any; code: number }> {
  const r = await runCommand(check, [...args, "--json", "--trace-out", join(dir, `${name}.trace.json`)]);
  const path = join(dir, `${name}.json`);
  writeFileSync(path, r.out);
  return { path, json: JSON.parse(r.out), code: r.code };
}

async function shards(name: string, args: readonly string[], count = 4) {
  // One after the other: runCommand captures the console, which concurrent runs would share.
  const out = [];
  for (let i = 0; i < count; i++) out.push(await report(`${name}-${i + 1}`, [...args, "--shard", `${i + 1}/${count}`]));
  return out;
}

let small: ReturnType<typeof shards> | undefined;
/** The four shards of SMALL, checked once for the whole file. */
const smallShards = () => (small ??= shards("part", SMALL));

const merged = async (paths: readonly string[]) => {
  const r = await runCommand(merge, [...paths, "--json"]);
  return { code: r.code, json: JSON.parse(r.out) };
};

describe("synod merge", () => {
  it("four shards merged equal one unsharded run: verdict, witnesses, depth", async () => {
    const whole = await report("whole", SMALL);
    const parts = await smallShards();
    // Each shard explored only part of the space below its split level.
    for (const p of parts) expect(p.json.stats.distinctStates).toBeLessThan(whole.json.stats.distinctStates);
    const m = await merged(parts.map((p) => p.path));
    expect(m.code).toBe(0);
    expect(m.json.verdict).toBe(whole.json.verdict);
    expect(m.json.verdict).toBe("verified");
    expect(m.json.witnesses).toEqual(whole.json.witnesses);
    expect(m.json.stats.depth).toBe(whole.json.stats.depth);
    // States two shards reach are counted by both: the sum bounds the distinct count from above.
    expect(m.json.stats.statesSummed).toBeGreaterThanOrEqual(whole.json.stats.distinctStates);
    // One shard of one is the whole run: there the counts are equal.
    const one = await report("one", [...SMALL, "--shard", "1/1"]);
    expect((await merged([one.path])).json.stats.statesSummed).toBe(whole.json.stats.distinctStates);
  });

  it("gives the shortest counterexample among the shards, as long as one run's", async () => {
    const bug = ["--mutant", "ignore-reported-votes", "--losses", "0", "--retries", "0"];
    const whole = await report("bug-whole", bug);
    expect(whole.code).toBe(1);
    const parts = await shards("bug", bug);
    const m = await merged(parts.map((p) => p.path));
    expect(m.code).toBe(1);
    expect(m.json.violation).toMatchObject({ property: whole.json.violation.property, length: whole.json.violation.length });
    const from = parts.find((p) => p.json.shard === m.json.violation.shard)!;
    expect(m.json.violation.trace).toBe(from.json.trace);
    // A violation stands even when another shard is missing.
    expect((await merged(parts.slice(0, 3).map((p) => p.path))).json.verdict).toBe("violation");
  });

  it("is incomplete, never verified, when a shard is missing, failed, twice, or of another run", async () => {
    const parts = await smallShards();
    const paths = parts.map((p) => p.path);
    const missing = await merged(paths.slice(1));
    expect(missing).toMatchObject({ code: 3, json: { verdict: "incomplete", reasons: ["shard 1/4 is missing"] } });
    const twice = await merged([...paths, paths[2]!]);
    expect(twice.json.verdict).toBe("incomplete");
    expect(twice.json.reasons.join("\n")).toMatch(/shard 3\/4 again/);
    const other = await report("other", ["--retries", "0", "--no-loss", "--no-duplication", "--shard", "2/4"]);
    const foreign = await merged([paths[0]!, other.path, ...paths.slice(2)]);
    expect(foreign.json.verdict).toBe("incomplete");
    expect(foreign.json.reasons.join("\n")).toMatch(/another run .*config/);
    const cut = await report("cut", [...SMALL, "--shard", "4/4", "--max-states", "100"]);
    expect((await merged([...paths.slice(0, 3), cut.path])).json.reasons.join("\n")).toMatch(/shard 4\/4 .* is incomplete: state budget/);
    const gone = await merged([...paths.slice(0, 3), join(dir, "never-written.json")]);
    expect(gone.json.reasons.join("\n")).toMatch(/never-written\.json: not a check report: no such file/);
  });

  it("unites the witnesses: one shard reaching a witness is enough, none reaching it is a violation", async () => {
    const parts = await smallShards();
    const id = parts[0]!.json.witnesses[0].id;
    const without = (p: { json: any }, name: string) => {
      const path = join(dir, `${name}.json`);
      writeFileSync(path, JSON.stringify({ ...p.json, witnesses: p.json.witnesses.map((w: any) => (w.id === id ? { ...w, reached: false } : w)) }));
      return path;
    };
    const someReach = await merged(parts.map((p, i) => (i < 3 ? without(p, `w-${i}`) : p.path)));
    expect(someReach.json.verdict).toBe("verified");
    const noneReach = await merged(parts.map((p, i) => without(p, `w-${i}`)));
    expect(noneReach).toMatchObject({ code: 1, json: { verdict: "violation", violation: { kind: "witness-unreached", property: id } } });
  });

  it("adds up the shards' odds of a fingerprint collision", async () => {
    const parts = await smallShards();
    const paths = parts.map((p, i) => {
      const path = join(dir, `fp-${i}.json`);
      writeFileSync(path, JSON.stringify({ ...p.json, stats: { ...p.json.stats, collisionProbability: 1e-9 } }));
      return path;
    });
    expect((await merged(paths)).json.stats.collisionProbability).toBeCloseTo(4e-9, 15);
    expect((await merged(parts.map((p) => p.path))).json.stats.collisionProbability).toBeUndefined();
  });

  it("names the bad field of a report that is not one", async () => {
    const [first] = await shards("field", SMALL, 1);
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ ...first!.json, stats: { ...first!.json.stats, depth: -1 } }));
    const r = await merged([bad]);
    expect(r.code).toBe(3);
    expect(r.json.reasons[0]).toMatch(/bad\.json: not a check report: stats\.depth: /);
    const empty = join(dir, "empty.json");
    writeFileSync(empty, "");
    expect((await merged([empty])).json.reasons[0]).toMatch(/not JSON/);
    const text = await runCommand(merge, [bad]);
    expect(text.out).toMatch(/verdict: incomplete[\s\S]*nothing is verified/);
    expect((await runCommand(merge, [])).code).toBe(2);
  });
});
