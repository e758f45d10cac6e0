import type { StateInvariant } from "../property.ts";
import { chosenCommands, slotNumbers } from "./chosen-slots.ts";
import { NOOP, type LogView } from "./view.ts";

export const logValidity: StateInvariant<LogView> = {
  kind: "always",
  id: "log-validity",
  title: "Validity of the log",
  statement: "A command chosen for a slot was requested by a client (a command, or a read sent through the log), or is the no-op.",
  rationale: "A replicated state machine must run only what clients asked for; the no-op is the one command the protocol may invent, to fill a gap, because applying it changes nothing.",
  maintainedBy: "Phase 2a: a leader proposes a client's request or read, a command reported in a promise, or a no-op for a gap.",
  check(view) {
    for (const s of slotNumbers(view)) {
      const invented = chosenCommands(view, s).find((c) => c !== NOOP && !view.requested.includes(c) && !view.reads.some((r) => r.id === c));
      if (invented) return `${invented} is chosen for slot ${s} but no client requested it`;
    }
    return null;
  },
};
