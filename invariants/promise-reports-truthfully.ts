import type { StateInvariant } from "./property.ts";
import { compareBallots, formatBallot } from "../protocol/ballot.ts";

const showVote = (v: { ballot: Parameters<typeof formatBallot>[0]; value: string } | null) => (v ? `(${formatBallot(v.ballot)}, ${v.value})` : "none");

export const promiseReportsTruthfully: StateInvariant = {
  kind: "always",
  id: "promise-reports-truthfully",
  title: "Promise reports truthfully",
  statement: "A Promise for ballot b carries the sender's highest vote below b.",
  rationale:
    "The proposer of b decides its value from the votes reported by a quorum; a promise that hides a vote (state lost on restart) or reports one at or above b (a promise given twice) misleads it.",
  maintainedBy: "Phase 1b: the acceptor reports its highest vote, and promises only ballots above every one it promised or voted in.",
  check(view) {
    for (const p of view.promises) {
      let truth: (typeof view.votes)[number] | null = null;
      for (const v of view.votes) {
        if (v.acceptor !== p.acceptor || compareBallots(v.ballot, p.ballot) >= 0) continue;
        if (!truth || compareBallots(v.ballot, truth.ballot) > 0) truth = v;
      }
      const reported = p.voted;
      const same = reported === null ? truth === null : truth !== null && compareBallots(reported.ballot, truth.ballot) === 0 && reported.value === truth.value;
      if (!same) return `${p.acceptor} promised ${formatBallot(p.ballot)} reporting ${showVote(reported)}, but its highest vote below it is ${showVote(truth)}`;
    }
    return null;
  },
};
