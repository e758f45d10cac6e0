import type { StepProperty } from "./property.ts";
import { chosenValues } from "../protocol/chosen.ts";

export const chosenStaysChosen: StepProperty = {
  kind: "step",
  id: "chosen-stays-chosen",
  title: "Chosen stays chosen",
  statement: "Once a value is chosen, it remains chosen after every step.",
  rationale: "A decision that can be undone is not a decision; for an implementation this fails when its record of votes loses an acknowledged vote.",
  maintainedBy: "Votes are durable: an acceptor's vote is written before its Accepted leaves, and never deleted.",
  check(before, after) {
    const now = chosenValues(after);
    const lost = chosenValues(before).filter((v) => !now.includes(v));
    return lost.length === 0 ? null : `value ${lost.join(", ")} was chosen and no longer is`;
  },
};
