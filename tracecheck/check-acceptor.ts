// Acceptor events checked against the model's acceptor handlers (model/basic-paxos/steps/
// phase-1b.ts and phase-2b.ts): a logged Promise, Nack or vote must be exactly what onPrepare
// or onAccept sends for a message that was sent to the acceptor.
import type { Ballot, Message, NodeId, Value, Vote } from "../protocol/messages.ts";
import type { TraceEvent } from "../impl/trace-log.ts";
import type { AcceptorState } from "../model/basic-paxos/state.ts";
import { onAccept } from "../model/basic-paxos/steps/phase-2b.ts";
import { onPrepare } from "../model/basic-paxos/steps/phase-1b.ts";
import type { Step } from "../model/basic-paxos/steps/step.ts";
import { compareBallots, formatBallot } from "../protocol/ballot.ts";
import { describeMessage } from "../model/basic-paxos/describe.ts";
import { correctRules } from "../protocol/rules.ts";
import { EVERY_ACCEPTOR, type Network } from "./network.ts";
import { bad, ok, wait, type NodeCheck, type CheckStep } from "./check-step.ts";

type AcceptorEvent = Extract<TraceEvent, { event: "promise-sent" | "vote-cast" | "nack-sent" }>;

export const showVote = (v: Vote | null): string => (v ? `(${formatBallot(v.ballot)}, ${v.value})` : "none");

export function acceptorStep(n: NodeCheck, e: AcceptorEvent, net: Network): CheckStep {
  const a = n.acceptor;
  if (a === null) return bad(`${n.id} is not an acceptor, yet it sent what only acceptors send`);
  const b = formatBallot(e.ballot);
  const was = formatBallot(a.promised);
  if (e.event === "promise-sent") {
    const prepare: Message = { type: "prepare", from: e.ballot.proposer, ballot: e.ballot };
    if (!net.has({ to: EVERY_ACCEPTOR, msg: prepare })) return wait(`a Prepare for ballot ${b}`, `${n.id} sent a Promise for ballot ${b} that no Prepare asked for`);
    const step = onPrepare(a, prepare, correctRules, true);
    const sent = step.send[0];
    if (sent?.msg.type !== "promise") return bad(`${n.id} promised ballot ${b} after promising ${was}: an acceptor promises only ballots above its promise`);
    if (showVote(sent.msg.voted) !== showVote(e.voted))
      return bad(`${n.id}'s Promise for ballot ${b} reports vote ${showVote(e.voted)}, but ${n.id} had voted ${showVote(a.accepted)}: a Promise reports the acceptor's highest vote`);
    return sendsAs(n, step, e.to, b);
  }
  if (e.event === "vote-cast") {
    const accept: Message = { type: "accept", from: e.ballot.proposer, ballot: e.ballot, value: e.value };
    if (!net.has({ to: n.id, msg: accept })) return wait(`${describeMessage(accept)} to ${n.id}`, `${n.id} voted in ballot ${b} for ${e.value}, which no Accept carried${otherAccepts(net, n.id, e.ballot, e.value)}`);
    const step = onAccept(a, accept, correctRules, true);
    if (step.send[0]?.msg.type !== "accepted") return bad(`${n.id} voted in ballot ${b} after promising ${was}: an acceptor never votes below its promise`);
    return sendsAs(n, step, e.to, b);
  }
  return nackStep(n, a, e, net);
}

/** The logged reply went where the handler sends it: to the ballot's proposer. */
function sendsAs(n: NodeCheck, step: Step<AcceptorState>, to: NodeId, b: string): CheckStep {
  const want = step.send[0]!.to;
  if (want !== to) return bad(`${n.id} sent its reply for ballot ${b} to ${to}, not to the ballot's proposer ${want}`);
  return ok({ ...n, acceptor: step.state });
}

function otherAccepts(net: Network, to: NodeId, ballot: Ballot, value: Value): string {
  const mine = net.acceptsTo(to, ballot).length > 0;
  const values = net.acceptedValues(ballot).filter((v) => v !== value);
  if (values.length > 0) return ` (the Accepts of ${formatBallot(ballot)} carry ${values.join(", ")})`;
  return mine ? "" : net.acceptedValues(ballot).length > 0 ? ` (no Accept of ${formatBallot(ballot)} went to ${to})` : "";
}

/** A Nack answers a refused Prepare or Accept and names the promise that refused it. */
function nackStep(n: NodeCheck, a: AcceptorState, e: Extract<TraceEvent, { event: "nack-sent" }>, net: Network): CheckStep {
  const b = formatBallot(e.ballot);
  const prepare: Message = { type: "prepare", from: e.ballot.proposer, ballot: e.ballot };
  const inputs = [
    ...(net.has({ to: EVERY_ACCEPTOR, msg: prepare }) ? [onPrepare(a, prepare, correctRules, true)] : []),
    ...net.acceptsTo(n.id, e.ballot).map((m) => onAccept(a, m.msg as Extract<Message, { type: "accept" }>, correctRules, true)),
  ];
  if (inputs.length === 0) return wait(`a Prepare or Accept for ballot ${b}`, `${n.id} sent a Nack for ballot ${b} that no Prepare or Accept asked for`);
  if (compareBallots(e.promised, a.promised) !== 0) return bad(`${n.id}'s Nack for ballot ${b} names promise ${formatBallot(e.promised)}, but its promise is ${formatBallot(a.promised)}`);
  if (!inputs.some((s) => s.send[0]?.msg.type === "nack")) return bad(`${n.id} refused ballot ${b}, which its promise ${formatBallot(a.promised)} allows`);
  return e.to === e.ballot.proposer ? ok(n) : bad(`${n.id} sent its Nack for ballot ${b} to ${e.to}, not to the ballot's proposer ${e.ballot.proposer}`);
}
