import type { StateInvariant } from "./property.ts";
import { chosenIn, chosenValues } from "../protocol/chosen.ts";
import { formatBallot } from "../protocol/ballot.ts";

export const agreement: StateInvariant = {
  kind: "always",
  id: "agreement",
  title: "Agreement",
  statement: "At most one value is chosen.",
  rationale:
    "This is the safety property Paxos exists for: once a quorum has voted for a value in some ballot, no other value may ever gather a quorum in any ballot, or two learners could act on different decisions.",
  maintainedBy: "Phase 2a: a proposer proposes the value of the highest-ballot vote reported by a quorum of promises (P2c).",
  check(view) {
    const values = chosenValues(view);
    if (values.length <= 1) return null;
    const where = chosenIn(view).map((c) => `${c.value} in ballot ${formatBallot(c.ballot)}`).join(", ");
    return `${values.length} values are chosen: ${where}`;
  },
};
