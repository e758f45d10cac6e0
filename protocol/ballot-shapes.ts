// Ballots as other implementations write them, read into Synod's Ballot. Paxos needs of a ballot
// only a total order and, for "one value per ballot" to hold by construction, an owner. Synod's
// own ballots are (round, proposer). An outside implementation may use a bare integer that any
// proposer can pick (no owner: two proposers can then start the same ballot, and "two values in
// one ballot" is reported as such), or a round with an owner under its own field name.
import { z } from "zod";
import { NodeId, type Ballot } from "./messages.ts";

/** The owner of a ballot nobody owns: sorts before every proposer id, rendered as the bare round. */
export const NO_OWNER = "";

const Round = z.number({ error: "a ballot's round is a number" }).int("a ballot's round is an integer").min(0, "a ballot's round is at least 0").max(Number.MAX_SAFE_INTEGER);

/** The shapes, in one object schema (a bare round is read as `{ round }`) so that an error names the field, not "no shape matched". */
const BallotObject = z
  .strictObject(
    // A proposer of "" is an owner-less ballot read back (a meaning parsed twice).
    { round: Round, owner: NodeId.optional(), proposer: z.union([NodeId, z.literal(NO_OWNER)]).optional() },
    { error: (iss) => (iss.code === "invalid_type" ? "a ballot is a round (a number), { round }, { round, owner } or { round, proposer }" : undefined) },
  )
  .refine((b) => b.owner === undefined || b.proposer === undefined, { message: "a ballot names its owner once: owner or proposer, not both", path: ["owner"] })
  .transform((b): Ballot => ({ round: b.round, proposer: b.owner ?? b.proposer ?? NO_OWNER }));

/**
 * A ballot in any of the accepted shapes: `7` (shared, no owner), `{ "round": 7 }` (the same),
 * `{ "round": 7, "owner": "p1" }` or Synod's own `{ "round": 7, "proposer": "p1" }`.
 */
export const AnyBallot = z.preprocess((x) => (typeof x === "number" ? { round: x } : x), BallotObject);
export type AnyBallot = number | { round: number; owner?: NodeId } | Ballot;

export function hasOwner(b: Ballot): boolean {
  return b.proposer !== NO_OWNER;
}
