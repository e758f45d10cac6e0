import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { scratchDir } from "../support/scratch-dir.ts";
import { Prng } from "../../checker/prng.ts";
import { randomWalk, simulate } from "../../checker/simulate.ts";
import { command } from "../../cli/commands/simulate.ts";
import { createIgnoreVotesModel } from "../lamport/broken-lamport.ts";
import { toyModel } from "./toy-model.ts";

describe("Prng (sfc32-v1)", () => {
  it("gives the same stream for a seed in every version that keeps PRNG_VERSION", () => {
    const r = new Prng(0);
    expect([r.nextU32(), r.nextU32(), r.nextU32(), r.nextU32()]).toEqual([1699431568, 3485434084, 3266533278, 47794497]);
    expect(new Prng(4294967295).nextU32()).toBe(3199221271);
  });

  it("draws below n, covering the range, and rejects bad seeds", () => {
    const r = new Prng(42);
    const seen = new Set(Array.from({ length: 200 }, () => r.below(5)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(() => new Prng(-1)).toThrow(/seed/);
    expect(() => new Prng(2 ** 32)).toThrow(/seed/);
  });
});

describe("simulate", () => {
  const broken = createIgnoreVotesModel({ acceptors: 3, values: 2, ballots: 1 });

  it("finds a broken Phase2a, and the failing walk's own seed replays it exactly", () => {
    const result = simulate(broken, { seed: 1, walks: 3000, maxSteps: 40 });
    expect(result.verdict).toBe("violation");
    const { seed, violation } = result.failure!;
    const again = randomWalk(broken, seed, 40);
    expect(again.violation).toEqual(violation);
    expect(simulate(broken, { seed, walks: 1, maxSteps: 40 }).failure!.violation).toEqual(violation);
  });

  it("finds a planted bad state in a toy model and passes the safe one", () => {
    expect(simulate(toyModel({ size: 4, badCell: true }), { seed: 3, walks: 200, maxSteps: 20 }).verdict).toBe("violation");
    const ok = simulate(toyModel({ size: 4 }), { seed: 3, walks: 200, maxSteps: 20 });
    expect(ok.verdict).toBe("ok");
    expect(ok.witnesses).toEqual([{ id: "far-corner", reached: true }]);
  });

  it("splits walks between shards without overlap", () => {
    const counts = [0, 1, 2].map((index) => simulate(toyModel({ size: 3 }), { seed: 9, walks: 100, maxSteps: 5, shard: { index, count: 3 } }).walks);
    expect(counts).toEqual([34, 33, 33]);
  });
});

describe("synod simulate", () => {
  const run = async (argv: string[]) => {
    const out: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((m: string) => void out.push(m));
    const err = vi.spyOn(console, "error").mockImplementation((m: string) => void out.push(m));
    try {
      return { code: await command.run(argv), out: out.join("\n") };
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  };

  it("prints the seed first and exits 0 when no walk fails", async () => {
    const { code, out } = await run(["--model", "lamport-paxos", "--ballots", "1", "--walks", "50", "--seed", "5"]);
    expect(code).toBe(0);
    expect(out.split("\n")[0]).toMatch(/seed 5 \(sfc32-v1\)/);
    expect(out).toMatch(/ok: no walk broke a property; 50 walks/);
  });

  it("exits 2 naming the bad flag, and documents every flag in --help", async () => {
    expect(await run(["--walks", "0"])).toMatchObject({ code: 2, out: expect.stringMatching(/--walks: must be at least 1/) });
    expect(await run(["--shard", "5/4"])).toMatchObject({ code: 2, out: expect.stringMatching(/--shard/) });
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    for (const flag of ["--model", "--seed", "--walks", "--max-steps", "--max-seconds", "--shard", "--trace-out", "--json"]) expect(help.out).toContain(flag);
  });

  it("writes JSON when asked", async () => {
    const dir = scratchDir("synod-sim-");
    const { code, out } = await run(["--model", "lamport-paxos", "--ballots", "1", "--walks", "10", "--seed", "2", "--json", "--trace-out", join(dir, "t.json")]);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ verdict: "ok", seed: 2, walks: 10 });
    expect(() => readFileSync(join(dir, "t.json"))).toThrow();
  });

  it("walks Basic Paxos by default, and names an unknown variant", async () => {
    const ok = await run(["--walks", "20", "--seed", "4"]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/basic-paxos/);
    expect(await run(["--mutant", "no-such-bug"])).toMatchObject({ code: 2, out: expect.stringMatching(/--mutant no-such-bug/) });
  });

  it("catches a catalogue variant of Basic Paxos, and the printed command replays that walk exactly", async () => {
    const dir = scratchDir("synod-sim-");
    const tracePath = join(dir, "walk.json");
    const first = await run(["--mutant", "ignore-reported-votes", "--walks", "3000", "--seed", "1", "--trace-out", tracePath]);
    expect(first.code).toBe(1);
    const violation = first.out.match(/VIOLATION of (\S+) in walk \d+ \(seed \d+\) after (\d+) steps/)!;
    expect(violation).not.toBeNull();
    const replay = first.out.match(/replay this walk: synod simulate (.*)/)![1]!.split(" ");
    const again = await run([...replay, "--trace-out", join(dir, "again.json")]);
    expect(again.code).toBe(1);
    expect(again.out).toContain(`VIOLATION of ${violation[1]} in walk 0`);
    expect(again.out).toContain(`after ${violation[2]} steps`);
    expect(JSON.parse(readFileSync(tracePath, "utf8"))).toMatchObject({ format: "synod-trace", version: 1, mutant: "ignore-reported-votes", violation: { property: violation[1] } });
  });
});
