import type { StateInvariant } from "../property.ts";
import { compareBallots, formatBallot } from "../../protocol/ballot.ts";
import { chosenInSlot, slotNumbers } from "./chosen-slots.ts";
import type { LogView } from "./view.ts";

export const leaderCompleteness: StateInvariant<LogView> = {
  kind: "always",
  id: "leader-completeness",
  title: "Leader completeness",
  statement: "A leader that completed phase 1 in ballot b holds, in each slot, every command chosen there in a ballot below b.",
  rationale:
    "The Multi-Paxos form of P2c: a leader proposes in a slot only what is safe there, and what is safe is what a quorum's highest-ballot vote says. A leader whose log misses a chosen command will propose another one in that slot, or leave the slot to a no-op.",
  maintainedBy: "Phase 1 over every slot with a quorum of promises; adopting per slot the command of the highest-ballot vote reported.",
  check(view) {
    for (const l of view.leaders) {
      for (const s of slotNumbers(view)) {
        const held = l.log.find((e) => e.slot === s)?.command ?? null;
        const missed = chosenInSlot(view, s).find((c) => compareBallots(c.ballot, l.ballot) < 0 && c.value !== held);
        if (missed) return `${l.id} leads ballot ${formatBallot(l.ballot)} with ${held ?? "nothing"} in slot ${s}, but ${missed.value} was chosen there in ballot ${formatBallot(missed.ballot)}`;
      }
    }
    return null;
  },
};
