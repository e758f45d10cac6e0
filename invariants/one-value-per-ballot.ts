import type { StateInvariant } from "./property.ts";
import { formatBallot } from "../protocol/ballot.ts";

export const oneValuePerBallot: StateInvariant = {
  kind: "always",
  id: "one-value-per-ballot",
  title: "One value per ballot",
  statement: "No two different values are proposed, or voted for, in the same ballot.",
  rationale:
    "Each ballot belongs to one proposer, which proposes one value in it; two values in one ballot (a ballot reused after a restart, say) let two quorums of the same ballot choose different values.",
  maintainedBy: "Ballots unique to their proposer, never reused across restarts; one Accept value per ballot.",
  check(view) {
    const seen = new Map<string, string>();
    for (const p of [...view.proposals, ...view.votes]) {
      const b = formatBallot(p.ballot);
      const other = seen.get(b);
      if (other !== undefined && other !== p.value) return `ballot ${b} carries two values: ${other} and ${p.value}`;
      seen.set(b, p.value);
    }
    return null;
  },
};
