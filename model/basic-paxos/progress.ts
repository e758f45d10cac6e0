// "Progress is possible": from every reachable state where a majority of acceptors is up and
// some live proposer can still start a ballot whose ballot tops a majority's promises, some
// continuation chooses a value. Budgets exhausted (no retries left) excuse a dead end.
import type { ProgressCheck } from "../../checker/model.ts";
import type { ModelConfig } from "./config.ts";
import type { PaxosState } from "./state.ts";
import { compareBallots } from "../../protocol/ballot.ts";
import { majority } from "../../protocol/quorum.ts";
import { chosenValues } from "../../protocol/chosen.ts";
import { toView } from "./view.ts";

export function progressCheck(config: ModelConfig): ProgressCheck<PaxosState> {
  const quorum = majority(config.acceptors);
  return {
    id: "progress-possible",
    goal: (s) => chosenValues(toView(s)).length > 0,
    expected: (s) =>
      s.proposers.some((p) => {
        if (!p.up || p.learned !== null || (p.round > 0 && s.retries >= config.retries)) return false;
        const next = { round: p.round + 1, proposer: p.id };
        return s.acceptors.filter((a) => a.up && compareBallots(next, a.promised) > 0).length >= quorum;
      }),
  };
}
