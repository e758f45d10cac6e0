import type { StateInvariant } from "../property.ts";
import { formatBallot } from "../../protocol/ballot.ts";
import { chosenCommands, chosenInSlot, slotNumbers } from "./chosen-slots.ts";
import type { LogView } from "./view.ts";

export const oneCommandPerSlot: StateInvariant<LogView> = {
  kind: "always",
  id: "one-command-per-slot",
  title: "One command per slot",
  statement: "At most one command is chosen for each slot of the log.",
  rationale:
    "Multi-Paxos is one instance of Paxos per slot; agreement must hold in every instance, or two replicas that learn the same slot would run different commands at the same position of the log.",
  maintainedBy: "Phase 1 over every slot, and a new leader proposing in each slot the command of the highest-ballot vote reported there.",
  check(view) {
    for (const s of slotNumbers(view)) {
      if (chosenCommands(view, s).length <= 1) continue;
      return `slot ${s} has ${chosenInSlot(view, s).map((c) => `${c.value} chosen in ballot ${formatBallot(c.ballot)}`).join(" and ")}`;
    }
    return null;
  },
};
