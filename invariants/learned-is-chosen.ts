import type { StateInvariant } from "./property.ts";
import { chosenValues } from "../protocol/chosen.ts";

export const learnedIsChosen: StateInvariant = {
  kind: "always",
  id: "learned-is-chosen",
  title: "Learned is chosen",
  statement: "A learner learns only a chosen value.",
  rationale:
    "A learner acts on what it learns (the register store answers it to its caller), so it must learn a value only once a quorum has voted for it in one ballot; counting votes across ballots or counting one acceptor twice learns values that were never chosen.",
  maintainedBy: "Learning: a quorum of Accepted messages for one ballot, counted by sender.",
  check(view) {
    const chosen = chosenValues(view);
    const wrong = view.learned.filter((l) => !chosen.includes(l.value));
    return wrong.length === 0 ? null : wrong.map((l) => `${l.learner} learned ${l.value}, which is not chosen`).join("; ");
  },
};
