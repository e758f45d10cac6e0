// Which Paxos frames a node acts on at all, before any protocol step: a pure check of the
// frame against the cluster's membership and the node's state. Frames it refuses never reach
// the acceptor, proposer or learner, so they change nothing.
import type { Message, NodeId } from "../../protocol/messages.ts";
import type { RefusalReason } from "../codec.ts";
import type { AcceptorSlot } from "./acceptor.ts";

/**
 * A legitimate proposer's next round is one above the highest round it used or was told of
 * (a Nack carries the acceptor's promise), so it climbs one round per attempt: a million
 * rounds above an acceptor's promise is a ballot that no proposer of the cluster reaches in
 * practice. Refusing it keeps one frame from promising a key away for ever.
 */
export const MAX_ROUND_STEP = 1 << 20;

export type Refusal = { readonly reason: RefusalReason; readonly detail: string };

export type AdmissionContext = {
  readonly acceptors: readonly NodeId[];
  /** The key's acceptor state on this node, if it has any. */
  readonly slot: AcceptorSlot | undefined;
  /** Keys this node holds state for, and how many it may. */
  readonly keys: number;
  readonly maxKeys: number;
};

export function admit(msg: Message, ctx: AdmissionContext): Refusal | null {
  if (msg.type === "promise" || msg.type === "accepted" || msg.type === "nack") {
    return ctx.acceptors.includes(msg.from) ? null : { reason: "not-a-member", detail: `${msg.type} from '${msg.from}', which is not an acceptor of the cluster (${ctx.acceptors.join(", ")})` };
  }
  if (msg.ballot.proposer !== msg.from) {
    return { reason: "ballot-out-of-reach", detail: `${msg.type} from '${msg.from}' carries a ballot of proposer '${msg.ballot.proposer}'` };
  }
  const floor = ctx.slot?.promised?.round ?? 0;
  if (msg.ballot.round > floor + MAX_ROUND_STEP) {
    return { reason: "ballot-out-of-reach", detail: `round ${msg.ballot.round} is more than ${MAX_ROUND_STEP} rounds above the promised round ${floor}` };
  }
  if (ctx.slot === undefined && ctx.keys >= ctx.maxKeys) {
    return { reason: "key-limit", detail: `this node holds ${ctx.keys} keys, its limit (--max-keys ${ctx.maxKeys}); it takes no new key` };
  }
  return null;
}
