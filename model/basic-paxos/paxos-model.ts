// Basic Paxos as a checkable Model (checker/model.ts): the state machine of this folder,
// judged by every property in invariants/ through the view, under the correct rules or
// those of a broken variant from the catalogue.
import type { Model } from "../../checker/model.ts";
import type { ModelConfig } from "./config.ts";
import type { PaxosState } from "./state.ts";
import type { Rules } from "../../protocol/rules.ts";
import type { Variant } from "./variant.ts";
import type { SystemView } from "../../invariants/view.ts";
import { Action } from "./actions.ts";
import { correctRules } from "../../protocol/rules.ts";
import { initialState } from "./state.ts";
import { enabledActions, successor, transition, enabledTransitions } from "./next.ts";
import { basicPaxosBranches, branchIndex } from "./steps/branches.ts";
import { describeAction, describeChange } from "./describe.ts";
import { toView } from "./view.ts";
import { progressCheck } from "./progress.ts";
import { acceptorSymmetry } from "./symmetry.ts";
import { paxosLiveness } from "./liveness.ts";
import { livenessVariants } from "./liveness-variants.ts";
import { acceptorIds } from "./config.ts";
import { envelopeWitnesses, stateInvariants, stepProperties, witnesses } from "../../invariants/registry.ts";
import { acceptorDownAfterHigherPromise, acceptorVotesAgain, acceptReachesNonPromiser, proposerAdoptsReportedValue, twoProposersInPhase2, votesOfTwoBallotsInOneQuorum } from "../../invariants/witnesses.ts";
import type { Witness } from "../../invariants/property.ts";

export const BASIC_MODEL_NAME = "basic-paxos";

/**
 * Witnesses about competing proposers, repeated votes or faults need room for them in the bounds
 * and rules: a lone proposer with no retry has only one ballot, and must not fail for not
 * reaching them; an envelope witness is required wherever its situation can arise.
 */
function witnessFits(w: Witness, config: ModelConfig, rules: Rules): boolean {
  // With a distinguished proposer only p1 starts ballots.
  const active = config.distinguished ? 1 : config.proposers;
  if (w === twoProposersInPhase2 || w === proposerAdoptsReportedValue) return active >= 2;
  // A proposer that times out only when stuck retries only after a fault (a loss, a crash).
  const retries = config.stuckTimeouts && config.losses === 0 && config.acceptorCrashes === 0 && config.proposerCrashes === 0 ? 0 : config.retries;
  const ballots = active + retries;
  if (w === acceptorVotesAgain) return ballots >= 2;
  if (w === votesOfTwoBallotsInOneQuorum) return ballots >= 3 && config.acceptors >= 2;
  if (w === acceptorDownAfterHigherPromise) return ballots >= 2 && config.acceptorCrashes >= 1;
  if (w === acceptReachesNonPromiser) return !rules.acceptToPromisers && config.acceptors >= 2;
  return true;
}

// Every check reads the same view of a state; build it once per state, not once per check.
const views = new WeakMap<PaxosState, SystemView>();
function viewOf(s: PaxosState): SystemView {
  let v = views.get(s);
  if (!v) views.set(s, (v = toView(s)));
  return v;
}

export function createPaxosModel(config: ModelConfig, variant?: Variant): Model<PaxosState, Action> {
  const rules: Rules = { ...correctRules, ...variant?.rules };
  const sem = { config, rules };
  const applicable = [...witnesses, ...envelopeWitnesses].filter((w) => witnessFits(w, config, rules));
  return {
    name: BASIC_MODEL_NAME,
    config,
    initialStates: () => [initialState(config)],
    actions: (s) => enabledActions(s, sem),
    next: (s, a) => successor(s, a, sem),
    branches: basicPaxosBranches,
    step: (s, a) => {
      const t = transition(s, a, sem);
      return { state: t.state, branch: branchIndex(t.branch) };
    },
    transitions: (s) => enabledTransitions(s, sem).map((t) => ({ action: t.action, state: t.state, branch: branchIndex(t.branch) })),
    representative: acceptorSymmetry(acceptorIds(config)),
    describeAction,
    describeChange,
    actionSchema: Action,
    invariants: stateInvariants.map((inv) => ({ id: inv.id, check: (s: PaxosState) => inv.check(viewOf(s)) })),
    stepChecks: stepProperties.map((p) => ({ id: p.id, check: (a: PaxosState, b: PaxosState) => p.check(viewOf(a), viewOf(b)) })),
    witnesses: applicable.map((w) => ({ id: w.id, reached: (s: PaxosState) => w.reached(viewOf(s)) })),
    progress: progressCheck(config),
    // A variant of the bug catalogue may treat rounds other than by order and succession.
    liveness: paxosLiveness(sem, viewOf, variant === undefined || livenessVariants.includes(variant)),
  };
}
