// The packed Paxos.tla against TLC's figures and against the object transcription.
import { describe, expect, it } from "vitest";
import { createLamportModel } from "../../model/lamport/model.ts";
import { createPackedLamport } from "../../model/lamport/packed.ts";
import { createIgnoreVotesModel } from "./broken-lamport.ts";
import { createPackedIgnoreVotes } from "./broken-packed.ts";
import { explore, explorePacked } from "../support/explore.ts";

const c3x2 = (ballots: number) => ({ acceptors: 3, values: 2, ballots });

describe("Paxos.tla, packed engine", () => {
  it("explores exactly TLC's state space at ballots 0..2 (185,369 states, depth 25)", async () => {
    const result = await explorePacked(createPackedLamport(c3x2(2)));
    expect(result.verdict).toBe("verified");
    expect(result.stats.distinctStates).toBe(185369);
    expect(result.stats.depth).toBe(25);
    // A chunk of 2^18 states of 4 words and a parent (28 bytes a state at this count), and a
    // table that grows fourfold while small, so at least 0.175 full (at most 23 bytes a state).
    expect(result.stats.bytes! / result.stats.distinctStates).toBeLessThanOrEqual(51);
  });

  it("counts the same states and transitions as the object model, and decodes what it encodes", async () => {
    const pm = createPackedLamport(c3x2(1));
    const packed = await explorePacked(pm);
    const plain = await explore(pm.model);
    expect(packed.stats).toMatchObject({ distinctStates: plain.stats.distinctStates, transitions: plain.stats.transitions, depth: plain.stats.depth });
    const buf = new Int32Array(pm.words);
    // Round trip on the states of a violation path of the broken model, which has votes and 1b reports.
    const cx = (await explore(createIgnoreVotesModel(c3x2(1)))).violation!;
    for (const { state } of cx.steps) {
      pm.encode(state, buf, 0);
      expect(pm.decode(buf, 0)).toEqual(state);
    }
  });

  it("catches the broken Phase2a with a shortest counterexample, with and without symmetry", async () => {
    const expected = (await explore(createIgnoreVotesModel(c3x2(1)))).violation!;
    for (const symmetry of [false, true]) {
      const result = await explorePacked(createPackedIgnoreVotes(c3x2(1)), { symmetry });
      expect(result.verdict).toBe("violation");
      expect(result.violation!.property).toBe(expected.property);
      expect(result.violation!.steps).toHaveLength(expected.steps.length);
    }
  });

  it("symmetry reduction keeps the verdict and shrinks the state space", async () => {
    const plain = await explorePacked(createPackedLamport(c3x2(2)));
    const reduced = await explorePacked(createPackedLamport(c3x2(2)), { symmetry: true });
    expect(reduced.verdict).toBe(plain.verdict);
    expect(reduced.witnesses).toEqual(plain.witnesses);
    expect(reduced.stats.depth).toBe(plain.stats.depth);
    expect(reduced.stats.distinctStates).toBeLessThan(plain.stats.distinctStates / 4);
  });

  it("ends with incomplete, not a crash, when the memory budget is reached", async () => {
    const result = await explorePacked(createPackedLamport(c3x2(2)), { maxMemoryBytes: 8_000_000 });
    expect(result.verdict).toBe("incomplete");
    expect(result.incompleteReason).toMatch(/memory budget/);
    expect(result.stats.bytes!).toBeLessThanOrEqual(8_000_000);
  });

  it("shards cover the whole state space between them", async () => {
    const all = new Set<string>();
    const pm = createPackedLamport(c3x2(1));
    let largest = 0;
    for (let index = 0; index < 3; index++) {
      const seen: string[] = [];
      const result = await explorePacked({ ...pm, firstBrokenInvariant: (st, off) => (seen.push(Array.from(st.subarray(off, off + pm.words)).join(",")), -1) }, { shard: { index, count: 3 } });
      expect(result.verdict).toBe("verified");
      largest = Math.max(largest, result.stats.distinctStates);
      for (const k of seen) all.add(k);
    }
    expect(all.size).toBe(3921);
    expect(largest).toBeLessThan(3921);
  });
});
