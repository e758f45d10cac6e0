// States equal up to a renaming of rounds, for the liveness check's lassos that need a new
// ballot on every turn (duelling proposers): without the retries bound, such a run never comes
// back to a state it was in, only to one whose rounds are all higher.
//
// The model treats rounds only by order and by "one more than": ballots are compared, and a
// proposer's next round is its round + 1. So renaming the rounds of a state keeps its behaviours
// as long as the renaming keeps, between any two rounds present (and 0, "none started"), whether
// they are equal, one apart, or further apart. The key writes every round as its position under
// that rule (0 stays 0; each next round present is one or two above the one below it), and
// leaves out what only the bound and the ghost need:
// - the retries used (the bound itself);
// - the ghost history, except the votes cast in a ballot still present in the state: "chosen"
//   is read from them, and a ballot absent from the state can get no more votes.
// Two states of one key are therefore the same state without the bound, rounds renamed: what
// one can do the other can, and "chosen" and "learned" hold in both or in neither.
import type { Renaming } from "../../checker/model.ts";
import type { PaxosState } from "./state.ts";

/** The rounds present in the state (the ghost's aside). */
function roundsOf(s: PaxosState): number[] {
  const rounds = new Set<number>();
  collect([s.acceptors, s.proposers, s.network], rounds);
  return [...rounds].sort((a, b) => a - b);
}

function collect(x: unknown, into: Set<number>): void {
  if (Array.isArray(x)) for (const item of x) collect(item, into);
  else if (x !== null && typeof x === "object") {
    for (const [k, v] of Object.entries(x)) {
      if (k === "round" && typeof v === "number") into.add(v);
      else collect(v, into);
    }
  }
}

/**
 * Each round present (ascending) to its position: 0 stays 0, a gap of one stays one, a wider gap
 * becomes two. Without a proposer at 0, nothing starts round 1 from it, so the lowest round is 1.
 */
function positions(rounds: readonly number[]): Map<number, number> {
  const at = new Map<number, number>();
  let prev = rounds[0] === 0 ? 0 : rounds[0]! - 1;
  let pos = 0;
  for (const r of rounds) {
    if (r !== 0) pos += Math.min(r - prev, 2);
    at.set(r, pos);
    prev = r;
  }
  return at;
}

function key(s: PaxosState): string {
  const at = positions(roundsOf(s));
  // States are built with their keys in one order (state.ts), so JSON is canonical but for the
  // network's order, which renaming may change: the network is a set, sorted here again.
  const write = (x: unknown) => JSON.stringify(x, (k, v) => (k === "round" && typeof v === "number" ? at.get(v) : v));
  const votes = s.ghost.votes.filter((v) => at.has(v.ballot.round)).map(write).sort();
  return `${write([s.acceptors, s.proposers, s.proposerCrashes, s.acceptorCrashes, s.losses])}|${s.network.map(write).sort().join(",")}|${votes.join(",")}`;
}

/** "1→3, 2→4": the rounds of `from` that `to` holds under other numbers. */
function between(from: PaxosState, to: PaxosState): string {
  const a = positions(roundsOf(from));
  const byPosition = new Map([...positions(roundsOf(to))].map(([round, pos]) => [pos, round]));
  const moved = [...a].filter(([round, pos]) => round !== 0 && byPosition.get(pos) !== round).map(([round, pos]) => `${round}→${byPosition.get(pos)}`);
  // Equal rounds, other retries or history: a lasso all the same, under the identity.
  if (moved.length === 0) return "no round renamed";
  return `round${moved.length === 1 ? "" : "s"} ${moved.join(", ")}`;
}

export const roundRenaming: Renaming<PaxosState> = { key, between };
