// The actions of the model: protocol steps a proposer starts on its own, and the
// environment's actions (the network delivers, redelivers or loses a message; nodes crash and
// restart). Actions name messages by content, so a saved trace stays readable and exact.
import { z } from "zod";
import { Message, NodeId } from "../../protocol/messages.ts";

export const Action = z.discriminatedUnion("kind", [
  /** The proposer's client asks it to propose its value: phase 1a with its first ballot. */
  z.strictObject({ kind: z.literal("propose"), proposer: NodeId }),
  /** The proposer gives up on its ballot and starts the next, higher one. */
  z.strictObject({ kind: z.literal("timeout"), proposer: NodeId }),
  /** The message arrives; with duplication on it stays in flight and may arrive again. */
  z.strictObject({ kind: z.literal("deliver"), to: NodeId, msg: Message }),
  /** The message is lost: it will never arrive (again). */
  z.strictObject({ kind: z.literal("lose"), to: NodeId, msg: Message }),
  z.strictObject({ kind: z.literal("crash"), node: NodeId }),
  /** Restart with durable state (acceptors keep promise and vote; proposers keep their round). */
  z.strictObject({ kind: z.literal("restart"), node: NodeId }),
  /** Negative-test fault: an acceptor restarts with its promise and vote lost. */
  z.strictObject({ kind: z.literal("restart-amnesia"), node: NodeId }),
]);
export type Action = z.infer<typeof Action>;
export type ActionKind = Action["kind"];
