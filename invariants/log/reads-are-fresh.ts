import type { StateInvariant } from "../property.ts";
import type { LogView } from "./view.ts";

export const readsAreFresh: StateInvariant<LogView> = {
  kind: "always",
  id: "reads-are-fresh",
  title: "Reads are fresh",
  statement: "A read's answer includes every command some replica had applied before the read was requested.",
  rationale:
    "Linearizable reads. A replica that applied a command may have answered its client, so a read requested after that must see it. A leader that answers from its own replica without making sure it still leads may have been replaced by one that decided and applied newer commands: its read is stale. Chosen rather than applied would be too strong: a command chosen for slot 2 while slot 1 is open is applied nowhere, no client has heard of it, and a read may be ordered before it.",
  maintainedBy: "A read goes through the log: a leader proposes it in a slot like a command, and a replica answers it when it applies that slot, after every slot below it.",
  check(view) {
    for (const r of view.reads) {
      for (const a of r.answers) {
        const missed = r.appliedBefore.find((c) => !a.state.includes(c));
        if (missed) return `${a.replica} answered ${r.id} with [${a.state.join(", ")}], but ${missed} was applied before ${r.id} was requested`;
      }
    }
    return null;
  },
};
