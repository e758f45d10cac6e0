// The messages of Basic Paxos, defined once. Types are inferred from the schemas, and
// both model/ and impl/ use these as their wire vocabulary (impl/ wraps them in frames).
// Names follow Paxos Made Simple: Prepare (1a), Promise (1b), Accept (2a), Accepted (2b).
//
// Routing, the same in model/ and impl/ so that the model can judge the implementation
// message by message (model-based testing):
// - Prepare(b): from the proposer to every acceptor.
// - Promise(b, voted): from an acceptor to b.proposer, only when b is above every ballot it
//   has promised; otherwise silence, or Nack(b, promised) where Nacks are enabled.
// - Accept(b, v): from the proposer to each acceptor whose Promise completed its quorum
//   (the promisers it knows of when the quorum is reached; later promises change nothing).
// - Accepted(b, v): from an acceptor to b.proposer, when b is at or above its promise. Each
//   proposer is also a learner: it learns v once a quorum of acceptors sent Accepted(b, v)
//   for one ballot b.
import { z } from "zod";

/** A node's name: proposers p1.., acceptors a1.., learners l1.. in the model; any short id in impl/. */
export const NodeId = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, "a node id is a letter followed by up to 63 letters, digits, '_', '.' or '-'");
export type NodeId = z.infer<typeof NodeId>;

/** A proposed value. Opaque to the protocol; bounded so that a frame stays small. */
export const Value = z.string().min(1, "a value is a non-empty string").max(4096, "a value is at most 4096 characters");
export type Value = z.infer<typeof Value>;

/** Ballots are ordered by round, then by proposer id, so each proposer owns its ballots. */
export const Ballot = z.strictObject({
  round: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  proposer: NodeId,
});
export type Ballot = z.infer<typeof Ballot>;

/** A vote: acceptor accepted `value` in `ballot` (Lamport's maxVBal/maxVal pair). */
export const Vote = z.strictObject({ ballot: Ballot, value: Value });
export type Vote = z.infer<typeof Vote>;

/** Phase 1a: a proposer asks acceptors to promise not to accept below `ballot`. */
export const Prepare = z.strictObject({ type: z.literal("prepare"), from: NodeId, ballot: Ballot });
/** Phase 1b: the acceptor promises `ballot` and reports its highest vote (null if none). */
export const PromiseMsg = z.strictObject({ type: z.literal("promise"), from: NodeId, ballot: Ballot, voted: Vote.nullable() });
/** Phase 2a: a proposer asks acceptors to accept `value` in `ballot`. */
export const Accept = z.strictObject({ type: z.literal("accept"), from: NodeId, ballot: Ballot, value: Value });
/** Phase 2b: the acceptor accepted `value` in `ballot`; sent to proposers and learners. */
export const Accepted = z.strictObject({ type: z.literal("accepted"), from: NodeId, ballot: Ballot, value: Value });
/** Optional rejection: `ballot` was refused because the acceptor has promised `promised`. */
export const Nack = z.strictObject({ type: z.literal("nack"), from: NodeId, ballot: Ballot, promised: Ballot });

export const Message = z.discriminatedUnion("type", [Prepare, PromiseMsg, Accept, Accepted, Nack]);
export type Message = z.infer<typeof Message>;
export type Prepare = z.infer<typeof Prepare>;
export type PromiseMsg = z.infer<typeof PromiseMsg>;
export type Accept = z.infer<typeof Accept>;
export type Accepted = z.infer<typeof Accepted>;
export type Nack = z.infer<typeof Nack>;
export type MessageType = Message["type"];
