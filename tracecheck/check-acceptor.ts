// Acceptor events checked against the model's acceptor handlers (model/basic-paxos/steps/
// phase-1b.ts and phase-2b.ts): a logged Promise, Nack or vote must be exactly what onPrepare
// or onAccept sends for a message that was sent to the acceptor.
import type { Ballot, NodeId, Prepare, Value, Vote } from "../protocol/messages.ts";
import type { TraceEvent } from "../impl/trace-log.ts";
import type { AcceptorState } from "../model/basic-paxos/state.ts";
import { onAccept } from "../model/basic-paxos/steps/phase-2b.ts";
import { onPrepare } from "../model/basic-paxos/steps/phase-1b.ts";
import { ballotEquals, compareBallots, formatBallot } from "../protocol/ballot.ts";
import { hasOwner } from "../protocol/ballot-shapes.ts";
import { correctRules } from "../protocol/rules.ts";
import { EVERY_ACCEPTOR, type Network } from "./network.ts";
import { bad, ok, wait, type NodeCheck, type CheckStep, type Roles } from "./check-step.ts";

type AcceptorEvent = Extract<TraceEvent, { event: "promise-sent" | "vote-cast" | "nack-sent" }>;

/** A reported vote; `undefined` is a Promise whose log line leaves the vote out. */
export const showVote = (v: Vote | null | undefined): string => (v === undefined ? "not reported" : v ? `(${formatBallot(v.ballot)}, ${v.value})` : "none");

/**
 * Who sent the Prepare an acceptor's reply to `to` answers: the ballot's owner, or, for a
 * ballot nobody owns (bare integers shared by proposers), `to` itself: a reply goes back to
 * the proposer that asked.
 */
const asker = (ballot: Ballot, to: NodeId): NodeId => (hasOwner(ballot) ? ballot.proposer : to);

export function acceptorStep(n: NodeCheck, e: AcceptorEvent, net: Network, roles: Roles): CheckStep {
  const a = n.acceptor;
  if (a === null) return bad(`${n.id} is not an acceptor, yet it sent what only acceptors send`);
  if (e.event === "promise-sent") return promiseStep(n, a, e, net);
  if (e.event === "vote-cast") return voteStep(n, a, e, net, roles);
  return nackStep(n, a, e, net);
}

function promiseStep(n: NodeCheck, a: AcceptorState, e: Extract<TraceEvent, { event: "promise-sent" }>, net: Network): CheckStep {
  const b = formatBallot(e.ballot);
  const prepare: Prepare = { type: "prepare", from: asker(e.ballot, e.to), ballot: e.ballot };
  if (!net.has({ to: EVERY_ACCEPTOR, msg: prepare }))
    return wait(`a Prepare for ballot ${b}`, `${n.id} sent a Promise for ballot ${b}${hasOwner(e.ballot) ? "" : ` to ${e.to}`} that no Prepare asked for`);
  const step = onPrepare(a, prepare, correctRules, true);
  const sent = step.send[0];
  // The same Promise again (the ballot it promised, no vote since): one message of Paxos.tla's
  // set of messages, whoever it reaches; what a shared ballot makes of it is judged at phase 2a.
  const again = ballotEquals(a.promised, e.ballot) && compareBallots(a.accepted?.ballot ?? null, e.ballot) < 0;
  if (sent?.msg.type !== "promise" && !again)
    return bad(`${n.id} promised ballot ${b} after promising ${formatBallot(a.promised)}: an acceptor promises only ballots above its promise${keptSince(n, "promise")}`);
  const reported = sent?.msg.type === "promise" ? sent.msg.voted : a.accepted;
  // A vote the log does not report is not checked here: the proposer's side allows for any vote it could be.
  if (e.voted !== undefined && showVote(reported) !== showVote(e.voted))
    return bad(`${n.id}'s Promise for ballot ${b} reports vote ${showVote(e.voted)}, but ${n.id} had voted ${showVote(a.accepted)}: a Promise reports the acceptor's highest vote${keptSince(n, "vote")}`);
  if (e.to !== prepare.from) return bad(`${n.id} sent its reply for ballot ${b} to ${e.to}, not to the ballot's proposer ${prepare.from}`);
  return ok({ ...n, acceptor: sent?.msg.type === "promise" ? step.state : a });
}

function voteStep(n: NodeCheck, a: AcceptorState, e: Extract<TraceEvent, { event: "vote-cast" }>, net: Network, roles: Roles): CheckStep {
  const b = formatBallot(e.ballot);
  // For a ballot nobody owns, several proposers may have sent Accepts of it: any of them with this value.
  const accepts = net.acceptsTo(n.id, e.ballot).filter((m) => m.value === e.value);
  if (accepts.length === 0)
    return wait(`Accept(b=${b}, v=${e.value}) to ${n.id}`, `${n.id} voted in ballot ${b} for ${e.value}, which no Accept carried${otherAccepts(net, n.id, e.ballot, e.value)}`);
  const step = onAccept(a, accepts[0]!, correctRules, true);
  if (step.send[0]?.msg.type !== "accepted")
    return bad(`${n.id} voted in ballot ${b} after promising ${formatBallot(a.promised)}: an acceptor never votes below its promise${keptSince(n, "promise")}`);
  // Accepted goes to the proposer that sent the Accept, and may go to learners too.
  const proposers = [...new Set(accepts.map((m) => m.from))];
  if (!proposers.includes(e.to) && !roles.learners.includes(e.to))
    return bad(
      `${n.id} sent Accepted for ballot ${b} to ${e.to}, which is neither the ballot's proposer ${proposers.join(" or ")} nor a learner (learners: ${roles.learners.join(", ") || "none"}; name them with --learners)`,
    );
  return ok({ ...n, acceptor: step.state });
}

function otherAccepts(net: Network, to: NodeId, ballot: Ballot, value: Value): string {
  const mine = net.acceptsTo(to, ballot).length > 0;
  const values = net.acceptedValues(ballot).filter((v) => v !== value);
  if (values.length > 0) return ` (the Accepts of ${formatBallot(ballot)} carry ${values.join(", ")})`;
  return mine ? "" : net.acceptedValues(ballot).length > 0 ? ` (no Accept of ${formatBallot(ballot)} went to ${to})` : "";
}

/**
 * When the acceptor broke a rule about a promise or vote it held before its last restart, say
 * so: that is the bug restarts reveal, an acceptor whose state is not durable.
 */
function keptSince(n: NodeCheck, what: "promise" | "vote"): string {
  const was = n.durable;
  if (was === null) return "";
  if (what === "promise" && was.promised !== null && ballotEquals(was.promised, n.acceptor!.promised))
    return ` (it promised ${formatBallot(was.promised)} before its restart: a durable acceptor keeps its promise across restarts)`;
  if (what === "vote" && was.accepted !== null && showVote(was.accepted) === showVote(n.acceptor!.accepted))
    return ` (it voted ${showVote(was.accepted)} before its restart: a durable acceptor keeps its vote across restarts)`;
  return "";
}

/** A Nack answers a refused Prepare or Accept and names the promise that refused it. */
function nackStep(n: NodeCheck, a: AcceptorState, e: Extract<TraceEvent, { event: "nack-sent" }>, net: Network): CheckStep {
  const b = formatBallot(e.ballot);
  const prepare: Prepare = { type: "prepare", from: asker(e.ballot, e.to), ballot: e.ballot };
  const inputs = [
    ...(net.has({ to: EVERY_ACCEPTOR, msg: prepare }) ? [onPrepare(a, prepare, correctRules, true)] : []),
    ...net.acceptsTo(n.id, e.ballot).filter((m) => m.from === prepare.from).map((m) => onAccept(a, m, correctRules, true)),
  ];
  if (inputs.length === 0) return wait(`a Prepare or Accept for ballot ${b}`, `${n.id} sent a Nack for ballot ${b} that no Prepare or Accept asked for`);
  if (compareBallots(e.promised, a.promised) !== 0) return bad(`${n.id}'s Nack for ballot ${b} names promise ${formatBallot(e.promised)}, but its promise is ${formatBallot(a.promised)}`);
  if (!inputs.some((s) => s.send[0]?.msg.type === "nack")) return bad(`${n.id} refused ballot ${b}, which its promise ${formatBallot(a.promised)} allows`);
  return e.to === prepare.from ? ok(n) : bad(`${n.id} sent its Nack for ballot ${b} to ${e.to}, not to the ballot's proposer ${prepare.from}`);
}
