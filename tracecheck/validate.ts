// `synod validate-trace` without the I/O: is a set of logged protocol events a behaviour the
// model allows? Each key is an independent single-decree instance, replayed on its own.
import type { NodeId } from "../model/messages.ts";
import type { LoggedEvent } from "../impl/trace-log.ts";
import { formatBallot } from "../model/ballot.ts";
import { replayKey, type KeyVerdict, type Rejection } from "./replay-key.ts";

export type TraceVerdict = {
  readonly acceptors: readonly NodeId[];
  readonly nodes: readonly NodeId[];
  readonly events: number;
  readonly keys: readonly KeyVerdict[];
  /** The first bad event, in the key order of the log; null when every key is a behaviour. */
  readonly rejection: (Rejection & { readonly key: string }) | null;
};

/** The acceptor set cannot be read off the log with certainty; a wrong one is a usage error. */
export class AcceptorSetError extends Error {
  override readonly name = "AcceptorSetError";
}

export function validateTrace(events: readonly LoggedEvent[], acceptorsGiven?: readonly NodeId[]): TraceVerdict {
  const acceptors = acceptorsGiven ?? inferAcceptors(events);
  const keys = [...new Set(events.map((e) => e.event.key))];
  const verdicts = keys.map((k) => replayKey(k, events.filter((e) => e.event.key === k), acceptors));
  const bad = verdicts.find((v) => v.rejection !== null);
  return {
    acceptors,
    nodes: [...new Set(events.map((e) => e.event.node))],
    events: events.length,
    keys: verdicts,
    rejection: bad ? { key: bad.key, ...bad.rejection! } : null,
  };
}

/**
 * The acceptors are the nodes that acted as one (Promise, Nack, vote) or were sent an Accept.
 * A proposer sends its Prepare to every acceptor, so more Prepares of one ballot than that means
 * an acceptor the log never shows, which would make quorums too small: then --acceptors is needed.
 */
export function inferAcceptors(events: readonly LoggedEvent[]): NodeId[] {
  const ids = new Set<NodeId>();
  const prepares = new Map<string, number>();
  for (const { event: e } of events) {
    if (e.event === "promise-sent" || e.event === "vote-cast" || e.event === "nack-sent") ids.add(e.node);
    else if (e.event === "accept-sent") ids.add(e.to);
    else if (e.event === "prepare-sent") {
      const k = `${e.key}|${formatBallot(e.ballot)}`;
      prepares.set(k, (prepares.get(k) ?? 0) + 1);
    }
  }
  const most = Math.max(0, ...prepares.values());
  if (most > ids.size)
    throw new AcceptorSetError(`a proposer sent ${most} Prepares for one ballot, but the log shows only ${ids.size} acceptor(s) (${[...ids].join(", ") || "none"}): name them all with --acceptors`);
  return [...ids].sort();
}
