import type { StateInvariant } from "../property.ts";
import type { LogView } from "./view.ts";

export const appliedOnce: StateInvariant<LogView> = {
  kind: "always",
  id: "applied-once",
  title: "No command applied twice",
  statement: "No replica applies the same command twice.",
  rationale:
    "A client that hears nothing retries its request, and a leader that has not seen it decided proposes it again, so one command can be chosen for two slots. Commands have distinct ids so that this is visible: a replica must run each once (a transfer retried must not move the money twice).",
  maintainedBy: "A replica skips a command it has already applied (Paxos Made Moderately Complex's perform).",
  check(view) {
    for (const r of view.replicas) {
      const twice = r.applied.find((c, i) => r.applied.indexOf(c) !== i);
      if (twice) return `${r.id} applied ${twice} twice: [${r.applied.join(", ")}]`;
    }
    return null;
  },
};
