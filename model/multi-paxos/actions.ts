// The actions of the Multi-Paxos model: what nodes do on their own, and what the
// environment does (a node receives a message, crashes or restarts; a heartbeat times out; a
// client asks for a read).
// Parsed with zod when read back from a trace.
import { z } from "zod";
import { NodeId } from "../../protocol/messages.ts";
import { Command, MultiPaxosMessage, ReadId, Slot } from "./messages.ts";

export const MultiPaxosAction = z.discriminatedUnion("kind", [
  /** No live node leads, so heartbeats stopped: the node's timeout fires and it starts phase 1. */
  z.strictObject({ kind: z.literal("timeout"), node: NodeId }),
  /** A live leader is wrongly suspected (a late heartbeat): the node starts phase 1 anyway. */
  z.strictObject({ kind: z.literal("suspect"), node: NodeId }),
  /** Phase 1 completes with a quorum of promises: the node leads its ballot. */
  z.strictObject({ kind: z.literal("adopt"), node: NodeId }),
  /** The leader proposes a pending request in its lowest free slot (phase 2a). */
  z.strictObject({ kind: z.literal("propose"), node: NodeId, command: Command }),
  /** A quorum accepted the leader's command for the slot: the leader learns it decided. */
  z.strictObject({ kind: z.literal("decide"), node: NodeId, slot: Slot }),
  z.strictObject({ kind: z.literal("heartbeat"), node: NodeId }),
  z.strictObject({ kind: z.literal("receive"), node: NodeId, msg: MultiPaxosMessage }),
  /** A client asks for the next read (config `reads`), at any point of a run. */
  z.strictObject({ kind: z.literal("read"), read: ReadId }),
  /** A leader asks every acceptor whether one promised a ballot above its own, for a read (a catalogue entry's read path). */
  z.strictObject({ kind: z.literal("confirm"), node: NodeId, read: ReadId }),
  /** A leader answers a read from its own replica's state (a catalogue entry's read path). */
  z.strictObject({ kind: z.literal("serve"), node: NodeId, read: ReadId }),
  z.strictObject({ kind: z.literal("crash"), node: NodeId }),
  z.strictObject({ kind: z.literal("restart"), node: NodeId }),
]);
export type MultiPaxosAction = z.infer<typeof MultiPaxosAction>;
