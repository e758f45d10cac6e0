// The compiled successors against the object model, state by state: the first reachable states
// (breadth first) of configurations whose layouts place fields differently (one word, two or
// three, fields ending at bit 31) take exactly the steps the object model's actions take,
// stutters aside.
import { describe, expect, it } from "vitest";
import { expectObjectFallback } from "../support/forbidden-codegen.ts";
import type { LamportConfig } from "../../model/lamport/config.ts";
import { createPackedLamport } from "../../model/lamport/packed.ts";
import { successorsSource } from "../../model/lamport/packed-successors.ts";

/** The successors of the first `most` reachable states, by the object model and by the packed one, as sorted JSON; how many were compared. */
function compareFirst(config: LamportConfig, most: number): number {
  const pm = createPackedLamport(config);
  const model = pm.model;
  const st = new Int32Array(pm.words);
  const out = new Int32Array(pm.words);
  const seen = new Set<string>();
  const queue = [...model.initialStates()];
  for (const s of queue) seen.add(JSON.stringify(s));
  let i = 0;
  for (; i < queue.length && i < most; i++) {
    const s = queue[i]!;
    const key = JSON.stringify(s);
    const next = model.actions(s).map((x) => model.next(s, x));
    const expected = next.map((n) => JSON.stringify(n)).filter((n) => n !== key);
    pm.encode(s, st, 0);
    const packed: string[] = [];
    pm.successors(st, 0, out, () => packed.push(JSON.stringify(pm.decode(out, 0))));
    expect(packed.sort(), key).toEqual([...expected].sort());
    for (const n of next) {
      const k = JSON.stringify(n);
      if (!seen.has(k)) {
        seen.add(k);
        queue.push(n);
      }
    }
  }
  return i;
}

describe("Paxos.tla's compiled successors", () => {
  it.each([
    { config: { acceptors: 2, values: 1, ballots: 2 }, states: 729 },
    { config: { acceptors: 3, values: 2, ballots: 1 }, states: 3000 },
    { config: { acceptors: 2, values: 3, ballots: 3 }, states: 3000 },
    { config: { acceptors: 4, values: 3, ballots: 1 }, states: 3000 },
  ])("take the object model's steps in the first $states reachable states of $config.acceptors acceptors, $config.values values, ballots 0..$config.ballots", ({ config, states }) => {
    expect(compareFirst(config, states)).toBe(states);
  });

  it("are built from the layout's numbers alone", () => {
    const source = successorsSource(createPackedLamport({ acceptors: 3, values: 2, ballots: 3 }).layout);
    expect(source).not.toMatch(/["'`]/);
    expect(source).toMatch(/allowedValues\(st, off, 3\)/);
  });

  it("leave the run to the object engine, and say why, in a process that forbids compiling them", () => {
    expectObjectFallback(["--model", "lamport-paxos", "--ballots", "1"], "lamport-paxos", "Paxos.tla's");
  });
});
