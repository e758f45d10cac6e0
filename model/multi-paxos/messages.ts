// The messages of Multi-Paxos, defined once as zod schemas, types inferred. They follow Paxos
// Made Moderately Complex as Chand, Liu and Stoller's TLA+ specification has it (FM 2016):
// phase 1 covers every slot at once, phase 2 is per slot, and an Accepted carries the
// acceptor's promise beside the ballot it answers (a vote when they are equal). A leader learns
// that a newer one exists from its heartbeats, as seed 002 has it. As there and in Paxos.tla, the network is the set of messages ever sent: a message may be
// received any number of times, in any order, or never (loss, duplication, reordering).
// Confirm and Confirmed exist only for a catalogue entry's read path (steps/read.ts): correct
// Multi-Paxos sends a read through the log as a command.
import { z } from "zod";
import { Ballot, NodeId } from "../../protocol/messages.ts";

/** A client's read (r1, r2, ...). */
export const ReadId = z.string().regex(/^r[1-9]$/, "a read is r1..r9");
/** What a slot holds: a client command (c1, c2, ...), a read sent through the log, or the no-op a new leader fills a gap with. */
export const Command = z.string().regex(/^(c[1-9]|r[1-9]|no-op)$/, "a command is c1..c9, a read r1..r9 or no-op");
export const isRead = (command: string): boolean => command.startsWith("r");
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
/** To every acceptor, for a read requested before it was sent: does any promise a ballot above the leader's? */
export const Confirm = z.strictObject({ type: z.literal("confirm"), from: NodeId, ballot: Ballot, read: ReadId });
/** To the Confirm's sender: the acceptor's promise when it received it (null: none yet). */
export const Confirmed = z.strictObject({ type: z.literal("confirmed"), from: NodeId, to: NodeId, ballot: Ballot, promised: Ballot.nullable(), read: ReadId });
/** To every node: the leader is alive in `ballot`, and these slots are decided. */
export const Heartbeat = z.strictObject({ type: z.literal("heartbeat"), from: NodeId, ballot: Ballot, decided: z.array(z.strictObject({ slot: Slot, command: Command })) });

export const MultiPaxosMessage = z.discriminatedUnion("type", [Prepare, PromiseMsg, Accept, Accepted, Heartbeat, Confirm, Confirmed]);
export type MultiPaxosMessage = z.infer<typeof MultiPaxosMessage>;
export type Prepare = z.infer<typeof Prepare>;
export type PromiseMsg = z.infer<typeof PromiseMsg>;
export type Accept = z.infer<typeof Accept>;
export type Accepted = z.infer<typeof Accepted>;
export type Heartbeat = z.infer<typeof Heartbeat>;
export type Confirm = z.infer<typeof Confirm>;
export type Confirmed = z.infer<typeof Confirmed>;
