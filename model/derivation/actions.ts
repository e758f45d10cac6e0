// The actions of a seed-004 model, for any scheme's messages: what a proposer does on its own
// (its client calls propose, it stops waiting for a reply, it wakes from Thread.sleep and calls
// again), and what the environment does (the network delivers or loses a message, nodes crash
// and restart).
import { z } from "zod";
import { NodeId } from "../../protocol/messages.ts";

export function actionSchema<M>(message: z.ZodType<M>) {
  return z.discriminatedUnion("kind", [
    /** The proposer's client calls propose(value): the scheme's first call goes out. */
    z.strictObject({ kind: z.literal("propose"), proposer: NodeId }),
    /** The proposer stops waiting for a reply: it calls again (one acceptor) or goes on with the replies it has (majority). */
    z.strictObject({ kind: z.literal("timeout"), proposer: NodeId }),
    /** The proposer wakes from Thread.sleep(1000) and calls again (in the next epoch, where there are epochs). */
    z.strictObject({ kind: z.literal("retry"), proposer: NodeId }),
    z.strictObject({ kind: z.literal("deliver"), to: NodeId, msg: message }),
    z.strictObject({ kind: z.literal("lose"), to: NodeId, msg: message }),
    z.strictObject({ kind: z.literal("crash"), node: NodeId }),
    z.strictObject({ kind: z.literal("restart"), node: NodeId }),
  ]);
}

export type DerivationAction<M> =
  | { readonly kind: "propose" | "timeout" | "retry"; readonly proposer: string }
  | { readonly kind: "deliver" | "lose"; readonly to: string; readonly msg: M }
  | { readonly kind: "crash" | "restart"; readonly node: string };
