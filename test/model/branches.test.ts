// The branch each step of the model names (model/basic-paxos/steps/), on runs of the model:
// scenarios written as the model describes its actions, each step with the branch it must take.
import { describe, expect, it } from "vitest";
import type { ModelConfigInput } from "../../model/basic-paxos/config.ts";
import { parseModelConfig } from "../../model/basic-paxos/config.ts";
import { correctRules, type Rules } from "../../protocol/rules.ts";
import { describeAction } from "../../model/basic-paxos/describe.ts";
import { createPaxosModel } from "../../model/basic-paxos/paxos-model.ts";
import { branchIds, type BranchId } from "../../model/basic-paxos/steps/branches.ts";
import { withStutters } from "../../model/basic-paxos/next.ts";

type Scenario = { readonly config: ModelConfigInput; readonly rules?: Partial<Rules>; readonly steps: readonly (readonly [string, BranchId])[] };

/** Runs the steps (each must be possible: enabled, or a stutter delivery) and names each one's branch. */
function branchesOf(s: Scenario): BranchId[] {
  const sem = { config: parseModelConfig(s.config), rules: { ...correctRules, ...s.rules } };
  const model = createPaxosModel(sem.config, s.rules ? { name: "scenario", summary: "", safe: false, rules: s.rules } : undefined);
  let state = model.initialStates()[0]!;
  const taken: BranchId[] = [];
  for (const [wanted] of s.steps) {
    const action = withStutters(state, sem, model.actions(state)).find((a) => describeAction(a) === wanted);
    if (!action) throw new Error(`not possible after ${taken.length} steps: ${wanted}`);
    const step = model.step!(state, action);
    taken.push(branchIds[step.branch]!);
    state = step.state;
  }
  return taken;
}

const P1 = "Prepare(b=1.p1) p1";
const scenarios: Record<string, Scenario> = {
  "duplication, nacks and faults": {
    config: { acceptors: 3, proposers: 1, retries: 1, losses: 1, nacks: true, proposerCrashes: 1, acceptorCrashes: 2, acceptorStateLoss: true },
    steps: [
      ["propose p1 -> ballot 1.p1", "propose"],
      [`deliver ${P1}->a1`, "deliver prepare: promised"],
      [`deliver ${P1}->a1`, "deliver prepare: duplicate"],
      [`deliver ${P1}->a2`, "deliver prepare: promised"],
      ["deliver Promise(b=1.p1, voted=none) a1->p1", "deliver promise: counted"],
      ["deliver Promise(b=1.p1, voted=none) a1->p1", "deliver promise: duplicate"],
      ["deliver Promise(b=1.p1, voted=none) a2->p1", "deliver promise: quorum -> accept sent"],
      ["deliver Accept(b=1.p1, v=A) p1->a1", "deliver accept: voted"],
      ["deliver Accept(b=1.p1, v=A) p1->a1", "deliver accept: duplicate"],
      ["deliver Accept(b=1.p1, v=A) p1->a2", "deliver accept: voted"],
      ["deliver Accepted(b=1.p1, v=A) a1->p1", "deliver accepted: counted"],
      ["deliver Accepted(b=1.p1, v=A) a1->p1", "deliver accepted: duplicate"],
      ["deliver Accepted(b=1.p1, v=A) a2->p1", "deliver accepted: learned"],
      ["crash p1", "crash proposer"],
      ["restart p1", "restart proposer"],
      // The crash lost what p1 had counted: the same Accepted counts again.
      ["deliver Accepted(b=1.p1, v=A) a1->p1", "deliver accepted: counted"],
      ["timeout p1 -> next ballot", "timeout: new ballot"],
      ["deliver Nack(b=1.p1, promised=1.p1) a1->p1", "deliver nack: ignored"],
      [`lose ${P1}->a3`, "lose"],
      ["crash a3", "crash acceptor"],
      ["restart a3", "restart acceptor"],
      ["crash a1", "crash acceptor"],
      ["restart a1 with its state lost", "restart acceptor with state lost"],
    ],
  },
  "duplication: a redelivery is a duplicate only where the state remembers it": {
    config: { acceptors: 3, proposers: 2, retries: 0, loss: false, nacks: true },
    steps: [
      ["propose p2 -> ballot 1.p2", "propose"],
      ["deliver Prepare(b=1.p2) p2->a1", "deliver prepare: promised"],
      ["propose p1 -> ballot 1.p1", "propose"],
      // a1 never promised 1.p1, so nothing in its state tells the second copy from the first.
      [`deliver ${P1}->a1`, "deliver prepare: nack"],
      [`deliver ${P1}->a1`, "deliver prepare: nack"],
      ["deliver Prepare(b=1.p2) p2->a1", "deliver prepare: duplicate"],
    ],
  },
  "no duplication, no nacks: refusals and a stale promise": {
    config: { acceptors: 3, proposers: 2, duplication: false, loss: false },
    steps: [
      ["propose p2 -> ballot 1.p2", "propose"],
      ["deliver Prepare(b=1.p2) p2->a3", "deliver prepare: promised"],
      ["propose p1 -> ballot 1.p1", "propose"],
      [`deliver ${P1}->a3`, "deliver prepare: refused"],
      [`deliver ${P1}->a1`, "deliver prepare: promised"],
      [`deliver ${P1}->a2`, "deliver prepare: promised"],
      ["deliver Promise(b=1.p1, voted=none) a1->p1", "deliver promise: counted"],
      ["deliver Promise(b=1.p1, voted=none) a2->p1", "deliver promise: quorum -> accept sent"],
      ["deliver Prepare(b=1.p2) p2->a2", "deliver prepare: promised"],
      ["deliver Accept(b=1.p1, v=A) p1->a2", "deliver accept: refused"],
      ["deliver Prepare(b=1.p2) p2->a1", "deliver prepare: promised"],
      ["deliver Promise(b=1.p2, voted=none) a3->p2", "deliver promise: counted"],
      ["deliver Promise(b=1.p2, voted=none) a2->p2", "deliver promise: quorum -> accept sent"],
      ["deliver Promise(b=1.p2, voted=none) a1->p2", "deliver promise: stale"],
    ],
  },
  "no duplication, nacks on": {
    config: { acceptors: 3, proposers: 2, duplication: false, loss: false, nacks: true },
    steps: [
      ["propose p2 -> ballot 1.p2", "propose"],
      ["deliver Prepare(b=1.p2) p2->a3", "deliver prepare: promised"],
      ["propose p1 -> ballot 1.p1", "propose"],
      [`deliver ${P1}->a3`, "deliver prepare: nack"],
      ["deliver Nack(b=1.p1, promised=1.p2) a3->p1", "deliver nack: ignored"],
      [`deliver ${P1}->a1`, "deliver prepare: promised"],
      [`deliver ${P1}->a2`, "deliver prepare: promised"],
      ["deliver Promise(b=1.p1, voted=none) a1->p1", "deliver promise: counted"],
      ["deliver Promise(b=1.p1, voted=none) a2->p1", "deliver promise: quorum -> accept sent"],
      ["deliver Prepare(b=1.p2) p2->a2", "deliver prepare: promised"],
      ["deliver Accept(b=1.p1, v=A) p1->a2", "deliver accept: nack"],
    ],
  },
  "a liveness variant's proposer gives up after a Nack (retryAfterNack off)": {
    config: { acceptors: 3, proposers: 2, duplication: false, loss: false, nacks: true },
    rules: { retryAfterNack: false },
    steps: [
      ["propose p2 -> ballot 1.p2", "propose"],
      ["deliver Prepare(b=1.p2) p2->a3", "deliver prepare: promised"],
      ["propose p1 -> ballot 1.p1", "propose"],
      [`deliver ${P1}->a3`, "deliver prepare: nack"],
      ["deliver Nack(b=1.p1, promised=1.p2) a3->p1", "deliver nack: gives up"],
    ],
  },
  "an Accepted of an older ballot after learning": {
    config: { acceptors: 3, proposers: 1, retries: 1, duplication: false, loss: false },
    steps: [
      ["propose p1 -> ballot 1.p1", "propose"],
      [`deliver ${P1}->a1`, "deliver prepare: promised"],
      [`deliver ${P1}->a2`, "deliver prepare: promised"],
      ["deliver Promise(b=1.p1, voted=none) a1->p1", "deliver promise: counted"],
      ["deliver Promise(b=1.p1, voted=none) a2->p1", "deliver promise: quorum -> accept sent"],
      ["deliver Accept(b=1.p1, v=A) p1->a1", "deliver accept: voted"],
      ["timeout p1 -> next ballot", "timeout: new ballot"],
      ["deliver Prepare(b=2.p1) p1->a1", "deliver prepare: promised"],
      ["deliver Prepare(b=2.p1) p1->a2", "deliver prepare: promised"],
      ["deliver Promise(b=2.p1, voted=1.p1:A) a1->p1", "deliver promise: counted"],
      ["deliver Promise(b=2.p1, voted=none) a2->p1", "deliver promise: quorum -> accept sent"],
      ["deliver Accept(b=2.p1, v=A) p1->a1", "deliver accept: voted"],
      ["deliver Accept(b=2.p1, v=A) p1->a2", "deliver accept: voted"],
      ["deliver Accepted(b=2.p1, v=A) a1->p1", "deliver accepted: counted"],
      ["deliver Accepted(b=2.p1, v=A) a2->p1", "deliver accepted: learned"],
      ["deliver Accepted(b=1.p1, v=A) a1->p1", "deliver accepted: after learning"],
    ],
  },
};

describe("transition branches", () => {
  for (const [name, s] of Object.entries(scenarios)) {
    it(`names each step's branch: ${name}`, () => {
      expect(branchesOf(s)).toEqual(s.steps.map(([, b]) => b));
    });
  }

  it("every branch of the list is recognised in some scenario", () => {
    const seen = new Set(Object.values(scenarios).flatMap((s) => s.steps.map(([, b]) => b)));
    expect(branchIds.filter((b) => !seen.has(b))).toEqual([]);
  });
});
