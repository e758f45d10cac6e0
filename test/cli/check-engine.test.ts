// synod check --engine: both engines print the same figures, the default for Basic Paxos is
// the packed one, a run the packed encoding cannot hold falls back to the object engine and
// says so (or fails with exit 2 when --engine packed is forced), and a bad name exits 2.
import { describe, expect, it } from "vitest";
import { command as check } from "../../cli/commands/check.ts";
import { runCommand } from "./capture.ts";

// Two acceptors keep the object engine's run short; verify's model-check stage compares the encodings on larger ones.
const SMALL = ["--acceptors", "2", "--retries", "0", "--losses", "0", "--no-duplication", "--json"];
const figures = (out: string) => {
  const r = JSON.parse(out) as { verdict: string; engine: string; stats: { distinctStates: number; transitions: number; depth: number } };
  return { verdict: r.verdict, engine: r.engine, states: r.stats.distinctStates, transitions: r.stats.transitions, depth: r.stats.depth };
};

describe("synod check --engine", () => {
  it("object and packed give the same counts; packed is the default", async () => {
    const byDefault = figures((await runCommand(check, SMALL)).out);
    const packed = figures((await runCommand(check, [...SMALL, "--engine", "packed"])).out);
    const object = figures((await runCommand(check, [...SMALL, "--engine", "object"])).out);
    expect(byDefault.engine).toBe("packed");
    expect(object.engine).toBe("object");
    expect({ ...packed, engine: "" }).toEqual({ ...object, engine: "" });
    expect(byDefault).toEqual(packed);
    expect(packed.verdict).toBe("verified");
  });

  it("a variant the packed encoding cannot hold runs on the object engine, or exits 2 when packed is forced", async () => {
    const fallback = await runCommand(check, ["--mutant", "promise-off-by-one"]);
    expect(fallback.code).toBe(1);
    expect(fallback.out).toMatch(/engine: object \(the packed encoding cannot hold this run/);
    const forced = await runCommand(check, ["--mutant", "promise-off-by-one", "--engine", "packed"]);
    expect(forced.code).toBe(2);
    expect(forced.err).toMatch(/packed encoding cannot hold this run/);
  });

  it("a bad engine name exits 2 naming --engine", async () => {
    const { code, err } = await runCommand(check, ["--engine", "fast"]);
    expect(code).toBe(2);
    expect(err).toMatch(/--engine: must be packed or object/);
  });
});
