// Ballot order: by round, then by proposer id. Null stands for "no ballot yet" and is below all.
import type { Ballot } from "./messages.ts";

export function compareBallots(a: Ballot | null, b: Ballot | null): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  if (a.round !== b.round) return a.round < b.round ? -1 : 1;
  return a.proposer < b.proposer ? -1 : a.proposer > b.proposer ? 1 : 0;
}

export function ballotEquals(a: Ballot | null, b: Ballot | null): boolean {
  return compareBallots(a, b) === 0;
}

/** `b=2.p1`: the one-line rendering used in traces, CLI output and docs; a ballot nobody owns is its bare round. */
export function formatBallot(b: Ballot | null): string {
  return b === null ? "none" : b.proposer === "" ? `${b.round}` : `${b.round}.${b.proposer}`;
}
