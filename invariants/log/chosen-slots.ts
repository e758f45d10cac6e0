// "Chosen" per slot, as protocol/chosen.ts defines it for one decree: a command is chosen for a
// slot when a quorum voted for it there in one ballot, whatever they did later.
import { chosenIn, type ChosenIn } from "../../protocol/chosen.ts";
import type { LogView } from "./view.ts";

/** What is chosen in `slot`: each (ballot, command) a quorum voted for. */
export function chosenInSlot(view: LogView, slot: number): ChosenIn[] {
  let bySlot = memo.get(view);
  if (!bySlot) memo.set(view, (bySlot = new Map()));
  let found = bySlot.get(slot);
  if (!found) bySlot.set(slot, (found = chosenFromVotes(view, slot)));
  return found;
}

// Every invariant and witness asks; a view is immutable, so each slot is worked out once.
const memo = new WeakMap<LogView, Map<number, ChosenIn[]>>();

function chosenFromVotes(view: LogView, slot: number): ChosenIn[] {
  const votes = view.votes.filter((v) => v.slot === slot).map((v) => ({ acceptor: v.acceptor, ballot: v.ballot, value: v.command }));
  return chosenIn({ votes, quorumSize: view.quorumSize });
}

/** The commands chosen in `slot`, without repeats, sorted. */
export function chosenCommands(view: LogView, slot: number): string[] {
  return [...new Set(chosenInSlot(view, slot).map((c) => c.value))].sort();
}

export const slotNumbers = (view: LogView): number[] => Array.from({ length: view.slots }, (_, i) => i + 1);
