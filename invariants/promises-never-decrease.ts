import type { StepProperty } from "./property.ts";
import { compareBallots, formatBallot } from "../protocol/ballot.ts";

export const promisesNeverDecrease: StepProperty = {
  kind: "step",
  id: "promises-never-decrease",
  title: "Promises never decrease",
  statement: "No step lowers an acceptor's promised ballot, restarts included.",
  rationale: "A promise is a commitment a proposer has already counted on; an acceptor that forgets it (state not persisted before replying, state lost on restart) can accept below it.",
  maintainedBy: "Durable acceptor state, written before the Promise leaves.",
  check(before, after) {
    for (const a of after.acceptors) {
      const was = before.acceptors.find((x) => x.id === a.id);
      if (was && compareBallots(a.promised, was.promised) < 0) return `${a.id}'s promise went down from ${formatBallot(was.promised)} to ${formatBallot(a.promised)}`;
    }
    return null;
  },
};
