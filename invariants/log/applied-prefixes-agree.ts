import type { StateInvariant } from "../property.ts";
import type { LogView } from "./view.ts";

const isPrefix = (a: readonly string[], b: readonly string[]) => a.length <= b.length && a.every((c, i) => b[i] === c);

export const appliedPrefixesAgree: StateInvariant<LogView> = {
  kind: "always",
  id: "applied-prefixes-agree",
  title: "Applied prefixes agree",
  statement: "Of any two replicas, the commands one has applied are a prefix of those the other has applied.",
  rationale:
    "State machine safety: replicas that run the same commands in the same order end in the same state. A replica that applies a slot before the ones below it, or a slot whose command it has wrong, diverges for ever.",
  maintainedBy: "A replica applies slot s only after slots 1..s-1, and only commands decided there.",
  check(view) {
    for (const r of view.replicas) {
      for (const o of view.replicas) {
        if (r.id >= o.id || isPrefix(r.applied, o.applied) || isPrefix(o.applied, r.applied)) continue;
        return `${r.id} applied [${r.applied.join(", ")}] but ${o.id} applied [${o.applied.join(", ")}]`;
      }
    }
    return null;
  },
};
