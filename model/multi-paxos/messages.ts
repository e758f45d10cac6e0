// The messages of Multi-Paxos, defined once as zod schemas, types inferred. They follow Paxos
// Made Moderately Complex as Chand, Liu and Stoller's TLA+ specification has it (FM 2016):
// phase 1 covers every slot at once, phase 2 is per slot, and an Accepted carries the
// acceptor's promise beside the ballot it answers (a vote when they are equal). A leader learns
// that a newer one exists from its heartbeats, as seed 002 has it. As there and in Paxos.tla, the network is the set of messages ever sent: a message may be
// received any number of times, in any order, or never (loss, duplication, reordering).
import { z } from "zod";
import { Ballot, NodeId } from "../../protocol/messages.ts";

/** A client command (c1, c2, ...) or the no-op a new leader fills a gap with. */
export const Command = z.string().regex(/^(c[1-9]|no-op)$/, "a command is c1..c9 or no-op");
export const Slot = z.number().int().min(1);

/** An acceptor's vote in one slot: it accepted `command` there in `ballot`. */
export const SlotVoteMsg = z.strictObject({ slot: Slot, ballot: Ballot, command: Command });
export type SlotVoteMsg = z.infer<typeof SlotVoteMsg>;

/** Phase 1a, to every acceptor, for every slot at once: promise not to accept below `ballot`. */
export const Prepare = z.strictObject({ type: z.literal("prepare"), from: NodeId, ballot: Ballot });
/** Phase 1b, to the Prepare's sender: the acceptor promised `ballot`; its highest vote in each slot. */
export const PromiseMsg = z.strictObject({ type: z.literal("promise"), from: NodeId, to: NodeId, ballot: Ballot, votes: z.array(SlotVoteMsg) });
/** Phase 2a, to every acceptor, one slot: accept `command` in `slot` at `ballot`. */
export const Accept = z.strictObject({ type: z.literal("accept"), from: NodeId, ballot: Ballot, slot: Slot, command: Command });
/** Phase 2b, to the Accept's sender: the Accept's ballot and the acceptor's promise after it; it voted when they are equal. */
export const Accepted = z.strictObject({ type: z.literal("accepted"), from: NodeId, to: NodeId, ballot: Ballot, promised: Ballot, slot: Slot, command: Command });
/** To every node: the leader is alive in `ballot`, and these slots are decided. */
export const Heartbeat = z.strictObject({ type: z.literal("heartbeat"), from: NodeId, ballot: Ballot, decided: z.array(z.strictObject({ slot: Slot, command: Command })) });

export const MultiPaxosMessage = z.discriminatedUnion("type", [Prepare, PromiseMsg, Accept, Accepted, Heartbeat]);
export type MultiPaxosMessage = z.infer<typeof MultiPaxosMessage>;
export type Prepare = z.infer<typeof Prepare>;
export type PromiseMsg = z.infer<typeof PromiseMsg>;
export type Accept = z.infer<typeof Accept>;
export type Accepted = z.infer<typeof Accepted>;
export type Heartbeat = z.infer<typeof Heartbeat>;
