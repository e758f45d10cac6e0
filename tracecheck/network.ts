// The network of a log being checked: the set of messages sent so far, read off the send events.
// As in Paxos.tla's `msgs`, a sent message may be received any number of times, later, and a
// message never received was simply lost; what a receive needs is only that it was sent.
import type { Ballot, Message, NodeId, PromiseMsg } from "../protocol/messages.ts";
import { ballotEquals } from "../protocol/ballot.ts";
import { inFlightKey } from "../model/basic-paxos/keys.ts";
import type { InFlight } from "../model/basic-paxos/state.ts";
import type { TraceEvent } from "../impl/trace-log.ts";

/** A Prepare goes to every acceptor and the log does not say to whom: addressed to all. */
export const EVERY_ACCEPTOR = "*";

export class Network {
  private readonly keys = new Set<string>();
  private readonly sent: InFlight[] = [];

  add(m: InFlight | null): void {
    if (m === null || this.keys.has(inFlightKey(m))) return;
    this.keys.add(inFlightKey(m));
    this.sent.push(m);
  }

  has(m: InFlight): boolean {
    return this.keys.has(inFlightKey(m));
  }

  /** Accepts of `ballot` sent to `to`, whatever their value. */
  acceptsTo(to: NodeId, ballot: Ballot): InFlight[] {
    return this.sent.filter((s) => s.to === to && s.msg.type === "accept" && ballotEquals(s.msg.ballot, ballot));
  }

  /** Promises for `ballot` sent to `to`. */
  promisesTo(to: NodeId, ballot: Ballot): PromiseMsg[] {
    return this.sent.flatMap((s) => (s.to === to && s.msg.type === "promise" && ballotEquals(s.msg.ballot, ballot) ? [s.msg] : []));
  }

  /** The values carried by the Accepts of `ballot`, to anyone. */
  acceptedValues(ballot: Ballot): string[] {
    return [...new Set(this.sent.flatMap((s) => (s.msg.type === "accept" && ballotEquals(s.msg.ballot, ballot) ? [s.msg.value] : [])))];
  }
}

/** The message a send event puts on the network (null for events that send nothing). */
export function sentBy(e: TraceEvent): InFlight | null {
  const from = e.node;
  const msg = (m: Message, to: NodeId): InFlight => ({ to, msg: m });
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
