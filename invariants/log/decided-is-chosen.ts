import type { StateInvariant } from "../property.ts";
import { chosenCommands } from "./chosen-slots.ts";
import type { LogView } from "./view.ts";

export const decidedIsChosen: StateInvariant<LogView> = {
  kind: "always",
  id: "decided-is-chosen",
  title: "Decided is chosen",
  statement: "A replica holds a command as decided for a slot only if it is chosen there.",
  rationale: "A replica applies what it holds as decided; a leader that counts a refusal as a vote, or counts too few votes, tells replicas of decisions no quorum made, which a later leader may overwrite.",
  maintainedBy: "A leader learns a slot's command from Accepted replies of its own ballot from a quorum, and tells replicas only that.",
  check(view) {
    for (const r of view.replicas) {
      const s = r.decided.findIndex((c, i) => c !== null && !chosenCommands(view, i + 1).includes(c));
      if (s >= 0) return `${r.id} holds ${r.decided[s]} decided for slot ${s + 1}, which is not chosen there`;
    }
    return null;
  },
};
