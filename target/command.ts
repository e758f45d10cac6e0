// The commands of a target run: what Synod makes happen next, one at a time. A message is named
// by the number Synod gave it when it was sent (in order, from 1) and by what it is (sender,
// recipient, meaning): replayed, a command takes the message with that number when it is still
// the same message, else the first one in flight that is, so a schedule with steps removed (a
// minimized one) still names the messages it meant. Parsed with zod when read from a saved trace.
import { z } from "zod";
import { NodeId } from "../protocol/messages.ts";

const Id = z.number().int().min(1);

export const TargetCommand = z.discriminatedUnion("kind", [
  /** The proposer's client asks it to propose its input. */
  z.strictObject({ kind: z.literal("propose"), proposer: NodeId }),
  z.strictObject({ kind: z.literal("timeout"), proposer: NodeId }),
  /** Deliver message `id`; with `keep`, a copy stays in flight (the network duplicated it). */
  z.strictObject({ kind: z.literal("deliver"), id: Id, message: z.string(), keep: z.boolean() }),
  z.strictObject({ kind: z.literal("lose"), id: Id, message: z.string() }),
  z.strictObject({ kind: z.literal("crash"), node: NodeId }),
  z.strictObject({ kind: z.literal("restart"), node: NodeId }),
]);
export type TargetCommand = z.infer<typeof TargetCommand>;

/** Is the command a fault (what schedules may hold back to let a run get somewhere first)? */
export function isFault(c: TargetCommand): boolean {
  return c.kind === "crash" || c.kind === "lose" || (c.kind === "deliver" && c.keep);
}
