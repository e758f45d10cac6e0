// The bounded explorations a target goes through by default (`synod conformance --target`, and
// verify's target stages): each a configuration and a depth, chosen so that together they reach a
// decision with one and with two proposers, and every fault early in a run. Exploration is of the
// whole tree up to the depth (explore.ts), so depth is what costs: these are sized for a few
// seconds to a minute on an in-process target.
import { TargetConfig, type TargetConfigInput } from "./config.ts";

export type Exploration = { readonly name: string; readonly config: TargetConfig; readonly depth: number };

const none: TargetConfigInput = { retries: 0, losses: 0, duplicates: 0, proposerCrashes: 0, acceptorCrashes: 0 };

function exploration(name: string, depth: number, config: TargetConfigInput): Exploration {
  return { name, depth, config: TargetConfig.parse(config) };
}

export const defaultPlan: readonly Exploration[] = [
  exploration("one proposer, no faults: every order of a decision", 10, { ...none, proposers: 1 }),
  exploration("two proposers, no faults: their ballots interleaved", 10, { ...none, proposers: 2 }),
  exploration("one proposer, each fault once: loss, duplicate, crashes, a retry", 6, { proposers: 1, retries: 1, losses: 1, duplicates: 1, proposerCrashes: 1, acceptorCrashes: 1 }),
];
