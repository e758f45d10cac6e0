// Scheme 1's calls and replies as messages: prepare() is tryLock returning the accepted value,
// accept(value) sets the value if none is set and releases the lock, release() unlocks.
import { z } from "zod";
import { NodeId, Value } from "../../../protocol/messages.ts";

export const LockMessage = z.discriminatedUnion("type", [
  /** prepare(): the proposer asks for the lock. */
  z.strictObject({ type: z.literal("prepare"), from: NodeId }),
  /** The answer of prepare(): (lock.tryLock(), accepted_value). */
  z.strictObject({ type: z.literal("prepare-reply"), from: NodeId, locked: z.boolean(), accepted: Value.nullable() }),
  /** accept(value). */
  z.strictObject({ type: z.literal("accept"), from: NodeId, value: Value }),
  /** The answer of accept(value): accepted_value. */
  z.strictObject({ type: z.literal("accept-reply"), from: NodeId, accepted: Value }),
  /** release(): unlock, whoever holds the lock. */
  z.strictObject({ type: z.literal("release"), from: NodeId }),
]);
export type LockMessage = z.infer<typeof LockMessage>;

export function describeLockMessage(m: LockMessage): string {
  switch (m.type) {
    case "prepare":
      return "prepare()";
    case "prepare-reply":
      return `prepare -> (${m.locked}, ${m.accepted ?? "null"})`;
    case "accept":
      return `accept(${m.value})`;
    case "accept-reply":
      return `accept -> ${m.accepted}`;
    case "release":
      return "release()";
  }
}
