import type { StateInvariant } from "./property.ts";

export const learnersAgree: StateInvariant = {
  kind: "always",
  id: "learners-agree",
  title: "Learners agree",
  statement: "No two learners learn different values.",
  rationale: "Learners are the clients' view of the decision: two callers of propose(key, ...) must be answered the same value.",
  maintainedBy: "Agreement, and learning only chosen values.",
  check(view) {
    const values = [...new Set(view.learned.map((l) => l.value))];
    return values.length <= 1 ? null : `learners disagree: ${view.learned.map((l) => `${l.learner} learned ${l.value}`).join(", ")}`;
  },
};
