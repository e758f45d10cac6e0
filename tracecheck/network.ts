// The network of a log being checked: the set of messages sent so far, read off the send events.
// As in Paxos.tla's `msgs`, a sent message may be received any number of times, later, and a
// message never received was simply lost; what a receive needs is only that it was sent.
import type { Accept, Ballot, Message, NodeId, PromiseMsg, Vote } from "../protocol/messages.ts";
import { ballotEquals, compareBallots } from "../protocol/ballot.ts";
import { ballotKey, inFlightKey } from "../model/basic-paxos/keys.ts";
import type { InFlight } from "../model/basic-paxos/state.ts";
import type { TraceEvent } from "../impl/trace-log.ts";

/** A Prepare goes to every acceptor and the log does not say to whom: addressed to all. */
export const EVERY_ACCEPTOR = "*";

/** A Promise as a log shows it: its vote may be unreported (undefined), which no model Promise is. */
export type LoggedPromise = Omit<PromiseMsg, "voted"> & { readonly voted: Vote | null | undefined };
/** A message as sent in a log: the model's, but a Promise may leave its vote unreported. */
export type Sent = { readonly to: NodeId; readonly msg: Exclude<Message, PromiseMsg> | LoggedPromise };

const sentKey = (s: Sent): string =>
  s.msg.type === "promise" && s.msg.voted === undefined ? `1b|${ballotKey(s.msg.ballot)}|${s.msg.from}|?>${s.to}` : inFlightKey(s as InFlight);

export class Network {
  private readonly keys = new Set<string>();
  private readonly sent: Sent[] = [];

  add(m: Sent | null): void {
    if (m === null || this.keys.has(sentKey(m))) return;
    this.keys.add(sentKey(m));
    this.sent.push(m);
  }

  has(m: InFlight): boolean {
    return this.keys.has(inFlightKey(m));
  }

  /** Accepts of `ballot` sent to `to`, whatever their value and sender. */
  acceptsTo(to: NodeId, ballot: Ballot): Accept[] {
    return this.accepts(to).filter((m) => ballotEquals(m.ballot, ballot));
  }

  /** Accepts sent to `to` in ballots below `ballot`: the votes `to` may hold when it promises `ballot`. */
  acceptsBelow(to: NodeId, ballot: Ballot): Accept[] {
    return this.accepts(to).filter((m) => compareBallots(m.ballot, ballot) < 0);
  }

  /** Promises for `ballot` sent to `to`. */
  promisesTo(to: NodeId, ballot: Ballot): LoggedPromise[] {
    return this.sent.flatMap((s) => (s.to === to && s.msg.type === "promise" && ballotEquals(s.msg.ballot, ballot) ? [s.msg] : []));
  }

  /** Who proposed what in `ballot`: each (sender, value) of its Accepts, to anyone. */
  proposals(ballot: Ballot): { from: NodeId; value: string }[] {
    const seen = new Set<string>();
    return this.accepts().flatMap((m) => (ballotEquals(m.ballot, ballot) && !seen.has(`${m.from}|${m.value}`) && seen.add(`${m.from}|${m.value}`) ? [{ from: m.from, value: m.value }] : []));
  }

  /** The values carried by the Accepts of `ballot`, to anyone. */
  acceptedValues(ballot: Ballot): string[] {
    return [...new Set(this.proposals(ballot).map((p) => p.value))];
  }

  /** The Accepts sent (to `to` only, when given). */
  private accepts(to?: NodeId): Accept[] {
    return this.sent.flatMap((s) => (s.msg.type === "accept" && (to === undefined || s.to === to) ? [s.msg] : []));
  }
}

/** The message a send event puts on the network (null for events that send nothing). */
export function sentBy(e: TraceEvent): Sent | null {
  const from = e.node;
  const msg = (m: Sent["msg"], to: NodeId): Sent => ({ to, msg: m });
  switch (e.event) {
    case "prepare-sent":
      return msg({ type: "prepare", from, ballot: e.ballot }, EVERY_ACCEPTOR);
    case "promise-sent":
      return msg({ type: "promise", from, ballot: e.ballot, voted: e.voted }, e.to);
    case "nack-sent":
      return msg({ type: "nack", from, ballot: e.ballot, promised: e.promised }, e.to);
    case "accept-sent":
      return msg({ type: "accept", from, ballot: e.ballot, value: e.value }, e.to);
    case "vote-cast":
      return msg({ type: "accepted", from, ballot: e.ballot, value: e.value }, e.to);
    default:
      return null;
  }
}

/** Every message any event of `events` sends: the network once everything has been sent. */
export function networkOf(events: readonly TraceEvent[]): Network {
  const net = new Network();
  for (const e of events) net.add(sentBy(e));
  return net;
}
