// `synod validate-trace` without the I/O: is a set of logged protocol events a behaviour the
// model allows? Each key is an independent single-decree instance, checked on its own.
import type { NodeId } from "../protocol/messages.ts";
import type { LoggedEvent } from "../impl/trace-log.ts";
import { formatBallot } from "../protocol/ballot.ts";
import { hasOwner } from "../protocol/ballot-shapes.ts";
import { checkKey, type KeyVerdict, type Rejection } from "./check-key.ts";
import type { Roles } from "./check-step.ts";

export type TraceVerdict = {
  readonly acceptors: readonly NodeId[];
  readonly learners: readonly NodeId[];
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

/** The roles as the user names them (--acceptors, --learners); those not named are inferred from the logs. */
export type GivenRoles = { readonly acceptors?: readonly NodeId[] | undefined; readonly learners?: readonly NodeId[] | undefined; readonly learningOptional?: boolean };

export function validateTrace(events: readonly LoggedEvent[], given: GivenRoles = {}): TraceVerdict {
  const roles: Roles = { acceptors: given.acceptors ?? inferAcceptors(events), learners: given.learners ?? inferLearners(events), learningOptional: given.learningOptional ?? false };
  requireProposerLogs(events);
  const keys = [...new Set(events.flatMap((e) => (e.event.key === undefined ? [] : [e.event.key])))];
  const verdicts = keys.map((k) => checkKey(k, eventsOfKey(events, k), roles));
  const bad = verdicts.find((v) => v.rejection !== null);
  return {
    ...roles,
    nodes: [...new Set(events.map((e) => e.event.node))],
    events: events.length,
    keys: verdicts,
    rejection: bad ? { key: bad.key, ...bad.rejection! } : null,
  };
}

/** The events of `key`, with the node-wide ones (a crash or restart with no key) of the nodes that act on it, in log order. */
function eventsOfKey(events: readonly LoggedEvent[], key: string): LoggedEvent[] {
  const nodes = new Set(events.filter((e) => e.event.key === key).map((e) => e.event.node));
  return events.filter((e) => e.event.key === key || (e.event.key === undefined && nodes.has(e.event.node)));
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
      // By proposer: two proposers may start one shared ballot (a bare integer).
      const k = `${e.node}|${e.key}|${formatBallot(e.ballot)}`;
      prepares.set(k, (prepares.get(k) ?? 0) + 1);
    }
  }
  const most = Math.max(0, ...prepares.values());
  if (most > ids.size)
    throw new IncompleteLogsError(`a proposer sent ${most} Prepares for one ballot, but the log shows only ${ids.size} acceptor(s) (${[...ids].join(", ") || "none"}): name them all with --acceptors`);
  return [...ids].sort();
}

/**
 * The learners besides each ballot's proposer: the nodes that received Accepted of a ballot they
 * did not start, or learned a value of a key in which they started no ballot. (A proposer learns
 * its own ballots' values as the model's proposers do, and is no learner for that.)
 */
export function inferLearners(events: readonly LoggedEvent[]): NodeId[] {
  const started = new Set<string>();
  const proposing = new Set<string>();
  for (const { event: e } of events)
    if (e.event === "prepare-sent") {
      started.add(`${e.node}|${e.key}|${formatBallot(e.ballot)}`);
      proposing.add(`${e.node}|${e.key}`);
    }
  const ids = new Set<NodeId>();
  for (const { event: e } of events) {
    if (e.event === "accepted-received" && !started.has(`${e.node}|${e.key}|${formatBallot(e.ballot)}`)) ids.add(e.node);
    else if (e.event === "value-learned" && !proposing.has(`${e.node}|${e.key}`)) ids.add(e.node);
  }
  return [...ids].sort();
}

/**
 * A ballot's proposer with no event in the logs: its Prepares and Accepts are unknown, so nothing
 * can be checked. A ballot nobody owns belongs to whoever sent its Prepare or Accept: some log
 * must show one, and the proposer a Promise or Nack went to must have a log.
 */
function requireProposerLogs(events: readonly LoggedEvent[]): void {
  const logged = new Set(events.map((e) => e.event.node));
  const started = new Set(events.flatMap(({ event: e }) => (e.event === "prepare-sent" || e.event === "accept-sent" ? [`${e.key}|${formatBallot(e.ballot)}`] : [])));
  for (const { file, line, event: e } of events) {
    const ballot = "ballot" in e ? e.ballot : null;
    if (!ballot) continue;
    const b = formatBallot(ballot);
    const to = e.event === "promise-sent" || e.event === "nack-sent" ? e.to : null;
    const proposer = hasOwner(ballot) ? ballot.proposer : to;
    if (proposer !== null && !logged.has(proposer))
      throw new IncompleteLogsError(
        `${file} line ${line} names ballot ${b}, but the logs hold no event of its proposer ${proposer}: give every node's log (proposers log with synod propose --trace FILE)`,
      );
    if (proposer === null && !started.has(`${e.key}|${b}`))
      throw new IncompleteLogsError(`${file} line ${line} names ballot ${b}, which nobody owns, but no log shows a Prepare or Accept of it for key ${e.key}: give every proposer's log`);
  }
}
