// The calls and replies of schemes 2 and 3 (scheme 3's acceptor is scheme 2's): prepare(epoch)
// answers (granted, accepted_epoch, accepted_value), accept(epoch, value) answers (accepted,
// accepted_epoch, accepted_value). A reply names the epoch of its call, so that a proposer can
// tell it from the answer to an earlier call.
import { z } from "zod";
import { NodeId, Value } from "../../../protocol/messages.ts";

const Epoch = z.number().int().min(1);

export const EpochMessage = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("prepare"), from: NodeId, epoch: Epoch }),
  z.strictObject({ type: z.literal("prepare-reply"), from: NodeId, epoch: Epoch, ok: z.boolean(), acceptedEpoch: Epoch.nullable(), acceptedValue: Value.nullable() }),
  z.strictObject({ type: z.literal("accept"), from: NodeId, epoch: Epoch, value: Value }),
  z.strictObject({ type: z.literal("accept-reply"), from: NodeId, epoch: Epoch, ok: z.boolean(), acceptedEpoch: Epoch.nullable(), acceptedValue: Value.nullable() }),
]);
export type EpochMessage = z.infer<typeof EpochMessage>;
export type EpochReply = Extract<EpochMessage, { type: "prepare-reply" | "accept-reply" }>;

export function describeEpochMessage(m: EpochMessage): string {
  switch (m.type) {
    case "prepare":
      return `prepare(${m.epoch})`;
    case "accept":
      return `accept(${m.epoch}, ${m.value})`;
    case "prepare-reply":
    case "accept-reply":
      return `${m.type === "prepare-reply" ? "prepare" : "accept"}(${m.epoch}) -> (${m.ok}, ${m.acceptedEpoch ?? "null"}, ${m.acceptedValue ?? "null"})`;
  }
}
