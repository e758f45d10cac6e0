// The packed encoding of Basic Paxos (model/packed) against the object model it encodes:
// state by state (round trip, successors in order and the branch each took, progress,
// symmetry) and run by run (the same counts, depth, verdict, property and counterexample
// length on both engines).
import { describe, expect, it } from "vitest";
import { expectObjectFallback } from "../support/forbidden-codegen.ts";
import { successorsSource } from "../../model/basic-paxos/packed/successors.ts";
import { findVariant, variantConfig } from "../../model/basic-paxos/catalogue.ts";
import { parseModelConfig, type ModelConfigInput } from "../../model/basic-paxos/config.ts";
import { createPaxosModel } from "../../model/basic-paxos/paxos-model.ts";
import { createPackedPaxos } from "../../model/basic-paxos/packed/paxos.ts";
import { renameAcceptors } from "../../model/basic-paxos/symmetry.ts";
import { branchIds } from "../../model/basic-paxos/steps/branches.ts";
import type { PaxosState } from "../../model/basic-paxos/state.ts";
import { explore, explorePacked } from "../support/explore.ts";
import { runSummary as summary } from "../support/run-summary.ts";

/** Up to `limit` reachable states of the object model, breadth first. */
function reachable(config: ModelConfigInput, limit: number, variant?: string): PaxosState[] {
  const model = createPaxosModel(parseModelConfig(config), variant ? findVariant(variant) : undefined);
  const seen = new Set<string>();
  const states = [...model.initialStates()];
  for (let i = 0; i < states.length && states.length < limit; i++) {
    for (const a of model.actions(states[i]!)) {
      const t = model.next(states[i]!, a);
      const key = JSON.stringify(t);
      if (!seen.has(key)) seen.add(key), states.push(t);
    }
  }
  return states.slice(0, limit);
}

const RENAMINGS = [
  ["a2", "a1", "a3"],
  ["a3", "a1", "a2"],
  ["a2", "a3", "a1"],
];

describe("the packed encoding, state by state", () => {
  const cases: [string, ModelConfigInput, string?][] = [
    ["retries and a loss", { retries: 1, losses: 1 }],
    ["nacks without duplication", { nacks: true, duplication: false, retries: 1 }],
    ["crashes", { proposerCrashes: 1, acceptorCrashes: 1, losses: 0 }],
    ["duplicates counted twice", { retries: 1 }, "duplicates-counted-twice"],
    ["learner mixes ballots", { retries: 1 }, "learner-mixes-ballots"],
  ];
  for (const [name, config, variant] of cases) {
    it(`${name}: decode(encode(s)) is s, successors, their branches and progress are the object model's, renamings share a canonical form`, async () => {
      const pm = createPackedPaxos({ config, ...(variant ? { variant } : {}) });
      const model = pm.model;
      const words = new Int32Array(pm.words);
      const out = new Int32Array(pm.words);
      const other = new Int32Array(pm.words);
      const states = reachable(config, 500, variant);
      expect(states.length).toBe(500);
      for (const s of states) {
        pm.encode(s, words, 0);
        expect(JSON.stringify(pm.decode(words, 0))).toBe(JSON.stringify(s));
        const packed: string[] = [];
        const branches: (number | undefined)[] = [];
        // A packed step may emit a step back to the same state; it is no transition, and the object model leaves it out.
        pm.successors(words, 0, out, (branch) => {
          if (out.every((w, i) => w === words[i])) return;
          packed.push(JSON.stringify(pm.decode(out, 0)));
          branches.push(branch);
        });
        const actions = model.actions(s);
        expect(packed).toEqual(actions.map((a) => JSON.stringify(model.next(s, a))));
        expect(branches).toEqual(actions.map((a) => model.step!(s, a).branch));
        expect(pm.progressGoal!(words, 0)).toBe(model.progress!.goal(s));
        expect(pm.progressExpected!(words, 0)).toBe(model.progress!.expected(s));
        pm.canonicalize!(words, 0);
        for (const perm of RENAMINGS) {
          pm.encode(renameAcceptors(s, (id) => (id.startsWith("a") ? perm[Number(id.slice(1)) - 1]! : id)), other, 0);
          pm.canonicalize!(other, 0);
          expect([...other]).toEqual([...words]);
        }
      }
    });
  }
});

describe("the object step and the packed step take the same branch, transition by transition", () => {
  // Small enough to walk every reachable state in a second or two.
  const configs: ModelConfigInput[] = [
    { acceptors: 1, proposers: 2, retries: 0, nacks: true, losses: 1 },
    { acceptors: 1, proposers: 2, retries: 1, duplication: false, loss: false },
    { acceptors: 1, proposers: 2, retries: 0, duplication: false, nacks: true, loss: false },
    { acceptors: 1, proposers: 1, retries: 1, proposerCrashes: 1, acceptorCrashes: 1, nacks: true, loss: false },
    { acceptors: 2, proposers: 1, retries: 0, proposerCrashes: 1, acceptorCrashes: 1, loss: false },
    // One ballot: an acceptor that lost its state promises and votes as before, which the layout holds.
    { acceptors: 1, proposers: 1, retries: 0, acceptorCrashes: 1, acceptorStateLoss: true, loss: false },
  ];
  it("on every state of a few small configs", () => {
    const taken = new Set<string>();
    for (const config of configs) {
      const pm = createPackedPaxos({ config });
      const model = pm.model;
      const words = new Int32Array(pm.words);
      const out = new Int32Array(pm.words);
      const states = reachable(config, 5000);
      expect(states.length).toBeLessThan(5000);
      for (const s of states) {
        pm.encode(s, words, 0);
        const packed: (number | undefined)[] = [];
        pm.successors(words, 0, out, (branch) => void (out.every((w, i) => w === words[i]) || packed.push(branch)));
        const object = model.actions(s).map((a) => model.step!(s, a).branch);
        expect(packed).toEqual(object);
        for (const b of object) taken.add(model.branches![b]!.id);
      }
    }
    // A Promise or an Accepted counted once and delivered again changes nothing: never an action.
    // Giving up after a Nack is a liveness variant's, which the packed encoding refuses.
    expect(branchIds.filter((id) => !taken.has(id))).toEqual(["deliver promise: duplicate", "deliver accepted: duplicate", "deliver nack: gives up"]);
  });
});


describe("the packed engine gives the object engine's results", () => {
  // The larger configurations are compared in packed-paxos-large.deep.test.ts (npm run test:deep),
  // and verify's model-check stage compares the encodings on every pair of envelope.ts.
  const configs: [string, ModelConfigInput][] = [["crashes", { acceptors: 2, acceptorCrashes: 1, proposerCrashes: 1, losses: 0, retries: 0 }]];
  for (const [name, input] of configs) {
    it(`${name}: same counts, depth and verdict`, async () => {
      const config = parseModelConfig(input);
      expect(summary(await explorePacked(createPackedPaxos({ config })))).toEqual(summary(await explore(createPaxosModel(config))));
    });
  }

  // The object engine's symmetry renames and serializes each state six times: small configs only.
  for (const input of [{ losses: 0, retries: 0 }]) {
    it(`under symmetry, ${JSON.stringify(input)}: the object engine's class count, depth and verdict`, async () => {
      const config = parseModelConfig(input);
      const packed = await explorePacked(createPackedPaxos({ config }), { symmetry: true });
      expect(packed.stats.distinctStates).toBeLessThan((await explorePacked(createPackedPaxos({ config }))).stats.distinctStates / 4);
      expect(summary(packed)).toEqual(summary(await explore(createPaxosModel(config), { symmetry: true })));
    });
  }

  // quorum-ceil-half-plus and vote-after-reply, the longest, run in packed-paxos-large.deep.test.ts.
  const variants = ["quorum-n-over-2", "duplicates-counted-twice", "ignore-reported-votes", "accept-off-by-one", "recovery-promise-from-vote", "accept-keeps-promise"];
  for (const name of variants) {
    it(`variant ${name}: same verdict, property and counterexample length`, async () => {
      const variant = findVariant(name)!;
      const config = variantConfig(variant);
      const packed = await explorePacked(createPackedPaxos({ config, variant: name }));
      const object = await explore(createPaxosModel(config, variant));
      expect(summary(packed)).toEqual(summary(object));
      expect(packed.verdict).toBe(variant.safe ? "verified" : "violation");
      // The packed counterexample is a real run of the object model.
      let state = packed.violation?.initial;
      for (const step of packed.violation?.steps ?? []) {
        expect(createPaxosModel(config, variant).actions(state!).some((a) => JSON.stringify(createPaxosModel(config, variant).next(state!, a)) === JSON.stringify(step.state))).toBe(true);
        state = step.state;
      }
    });
  }

  it("a variant where progress fails (nothing can be chosen) fails the progress check on both engines", async () => {
    const name = "accept-off-by-one";
    const config = parseModelConfig({ ...variantConfig(findVariant(name)!), losses: 0 });
    const pm = createPackedPaxos({ config, variant: name });
    // Without its witnesses (which fail first), the run is judged by progress alone.
    const model = { ...pm.model, witnesses: [] };
    const packed = await explorePacked({ ...pm, model, witnessBits: () => 0 });
    const object = await explore(model);
    expect(packed.verdict).toBe("violation");
    expect(packed.violation!.kind).toBe("progress");
    expect(summary(packed)).toEqual(summary(object));
  });
});

describe("the compiled steps", () => {
  it("are built from the layout's and the rules' numbers alone", () => {
    const { layout, tables } = createPackedPaxos({ config: { retries: 1, nacks: true, acceptorCrashes: 1, proposerCrashes: 1, acceptorStateLoss: true } });
    const source = successorsSource(layout, tables);
    expect(source).not.toMatch(/["'`]/);
    expect(source).toMatch(/promiseAllowed\[\d+ \+ promised\]/);
  });

  it("leave the run to the object engine, and say why, in a process that forbids compiling them", () => {
    expectObjectFallback(["--retries", "0", "--losses", "0"], "basic-paxos", "Basic Paxos's");
  });
});
