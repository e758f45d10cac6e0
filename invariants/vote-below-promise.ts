import type { StateInvariant } from "./property.ts";
import { compareBallots, formatBallot } from "../protocol/ballot.ts";

export const voteBelowPromise: StateInvariant = {
  kind: "always",
  id: "vote-below-promise",
  title: "Vote below promise",
  statement: "An acceptor's accepted ballot never exceeds its promised ballot.",
  rationale:
    "Accepting in ballot b is also a promise not to accept below b (Paxos.tla sets maxBal with maxVBal in Phase2b); an acceptor whose vote sits above its promise would later promise a lower ballot and report a stale vote.",
  maintainedBy: "Phase 2b: accepting in ballot b raises the promise to b.",
  check(view) {
    for (const a of view.acceptors) {
      if (a.accepted && compareBallots(a.accepted.ballot, a.promised) > 0) {
        return `${a.id} accepted in ballot ${formatBallot(a.accepted.ballot)} but promised only ${formatBallot(a.promised)}`;
      }
    }
    return null;
  },
};
