// `synod validate-trace` without the I/O: is a set of logged protocol events a behaviour the
// model allows? Each key is an independent single-decree instance, checked on its own.
import type { NodeId } from "../protocol/messages.ts";
import type { LoggedEvent } from "../impl/trace-log.ts";
import { formatBallot } from "../protocol/ballot.ts";
import { checkKey, type KeyVerdict, type Rejection } from "./check-key.ts";

export type TraceVerdict = {
  readonly acceptors: readonly NodeId[];
  readonly nodes: readonly NodeId[];
  readonly events: number;
  readonly keys: readonly KeyVerdict[];
  /** The first bad event, in the key order of the log; null when every key is a behaviour. */
  readonly rejection: (Rejection & { readonly key: string }) | null;
};

/** The logs given do not cover the cluster (a proposer's log missing, acceptors unknown): a usage error. */
export class IncompleteLogsError extends Error {
  override readonly name = "IncompleteLogsError";
}

export function validateTrace(events: readonly LoggedEvent[], acceptorsGiven?: readonly NodeId[]): TraceVerdict {
  const acceptors = acceptorsGiven ?? inferAcceptors(events);
  requireProposerLogs(events);
  const keys = [...new Set(events.map((e) => e.event.key))];
  const verdicts = keys.map((k) => checkKey(k, events.filter((e) => e.event.key === k), acceptors));
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
    throw new IncompleteLogsError(`a proposer sent ${most} Prepares for one ballot, but the log shows only ${ids.size} acceptor(s) (${[...ids].join(", ") || "none"}): name them all with --acceptors`);
  return [...ids].sort();
}

/** A ballot's proposer with no event in the logs: its Prepares and Accepts are unknown, so nothing can be checked. */
function requireProposerLogs(events: readonly LoggedEvent[]): void {
  const logged = new Set(events.map((e) => e.event.node));
  for (const { file, line, event: e } of events) {
    const ballot = "ballot" in e ? e.ballot : null;
    if (ballot && !logged.has(ballot.proposer))
      throw new IncompleteLogsError(
        `${file} line ${line} names ballot ${formatBallot(ballot)}, but the logs hold no event of its proposer ${ballot.proposer}: give every node's log (proposers log with synod propose --trace FILE)`,
      );
  }
}
