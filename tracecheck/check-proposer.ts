// Proposer and learner events checked against the model's handlers (model/basic-paxos/steps/:
// phase-1a.ts, phase-2a.ts, learn.ts). The log does not say which Promises a proposer
// received, so phase 2a is checked by search: some quorum of the Promises sent to it for the
// ballot must lead the model's onPromise to propose the logged value.
import type { Ballot, NodeId, PromiseMsg, Value } from "../protocol/messages.ts";
import type { TraceEvent } from "../impl/trace-log.ts";
import type { ProposerState } from "../model/basic-paxos/state.ts";
import { ballotEquals, compareBallots, formatBallot } from "../protocol/ballot.ts";
import { hasOwner, NO_OWNER } from "../protocol/ballot-shapes.ts";
import { majority } from "../protocol/quorum.ts";
import { onAccepted } from "../model/basic-paxos/steps/learn.ts";
import { currentBallot, startBallot } from "../model/basic-paxos/steps/phase-1a.ts";
import { onPromise } from "../model/basic-paxos/steps/phase-2a.ts";
import { correctRules, type Rules } from "../protocol/rules.ts";
import type { LoggedPromise, Network } from "./network.ts";
import { showVote } from "./check-acceptor.ts";
import { bad, ok, wait, type NodeCheck, type CheckStep, type Roles } from "./check-step.ts";

/**
 * Paxos allows phase 2a to go to any acceptors, and the TCP client sends it to all of them
 * (acceptToPromisers false): with it, the only check on an Accept's target is that it is an acceptor.
 */
const rules: Rules = { ...correctRules, acceptToPromisers: false };

type ProposerEvent = Extract<TraceEvent, { event: "proposal-input" | "prepare-sent" | "accept-sent" | "accepted-received" | "value-learned" | "timeout" }>;

export function proposerStep(n: NodeCheck, e: ProposerEvent, net: Network, { acceptors, learningOptional }: Roles): CheckStep {
  const p = n.proposer;
  switch (e.event) {
    case "proposal-input":
      return ok({ ...n, inputs: n.inputs.includes(e.value) ? n.inputs : [...n.inputs, e.value] });
    case "timeout":
      return ok(n); // the next prepare-sent starts the higher ballot
    case "prepare-sent":
      return prepareStep(n, e.ballot, acceptors);
    case "accept-sent":
      return acceptStep(n, e, net, acceptors);
    case "accepted-received": {
      const b = formatBallot(e.ballot);
      const msg = { type: "accepted" as const, from: e.from, ballot: e.ballot, value: e.value };
      if (!net.has({ to: n.id, msg })) return wait(`Accepted(b=${b}, v=${e.value}) from ${e.from}`, `${n.id} received Accepted(b=${b}, v=${e.value}) from ${e.from}, which ${e.from} never sent`);
      const next = onAccepted(p, msg, acceptors.length, correctRules).state;
      const learned = p.learned === null && next.learned !== null ? { ballot: e.ballot, value: next.learned } : null;
      return ok({ ...n, proposer: next, mustLearn: learned });
    }
    case "value-learned":
      return learnStep(n, e.ballot, e.value, net, acceptors.length, learningOptional ?? false);
  }
}

function prepareStep(n: NodeCheck, ballot: Ballot, acceptors: readonly NodeId[]): CheckStep {
  const p = n.proposer;
  const b = formatBallot(ballot);
  // A ballot nobody owns (a bare integer) may be started by any proposer, by several at once.
  if (hasOwner(ballot) && ballot.proposer !== n.id) return bad(`${n.id} sent a Prepare for ballot ${b}, which belongs to ${ballot.proposer}: a proposer uses only its own ballots`);
  if (p.phase !== "idle" && ballotEquals(ballot, n.lastBallot)) {
    // One more Prepare of the ballot it started, unless every acceptor already had one.
    if (n.prepares < acceptors.length) return ok({ ...n, prepares: n.prepares + 1 });
    return bad(`${n.id} sent a Prepare for ballot ${b} to more than the ${acceptors.length} acceptors: it started ballot ${b} twice, and a proposer never reuses a ballot`);
  }
  if (n.lastBallot !== null && compareBallots(ballot, n.lastBallot) <= 0) {
    const again = ballotEquals(ballot, n.lastBallot) ? `started ballot ${b} again` : `started ballot ${b} after ballot ${formatBallot(n.lastBallot)}`;
    return bad(`${n.id} ${again}${n.restarted ? " after its restart" : ""}: a proposer's ballots only go up${n.restarted ? ", across restarts too (a proposer never reuses a ballot)" : ""}`);
  }
  // The model's startBallot takes the next round; a real proposer may skip rounds (past a Nack's).
  // The model proposer owns the ballots it starts: a ballot nobody owns is run as NO_OWNER's.
  const start = { ...p, id: hasOwner(ballot) ? n.id : NO_OWNER, round: ballot.round - 1 };
  return ok({ ...n, proposer: startBallot(start, acceptors).state, prepares: 1, lastBallot: ballot });
}

function acceptStep(n: NodeCheck, e: Extract<TraceEvent, { event: "accept-sent" }>, net: Network, acceptors: readonly NodeId[]): CheckStep {
  const p = n.proposer;
  const b = formatBallot(e.ballot);
  if (!acceptors.includes(e.to)) return bad(`${n.id} sent an Accept for ballot ${b} to ${e.to}, which is not an acceptor`);
  if (p.phase === "idle" || !ballotEquals(e.ballot, currentBallot(p)))
    return bad(`${n.id} sent an Accept for ballot ${b}, but ${p.phase === "idle" ? "it started no ballot" : `its ballot is ${formatBallot(currentBallot(p))}`}`);
  if (p.phase === "accept")
    return p.proposal === e.value ? ok(n) : bad(`${n.id} sent Accept(b=${b}, v=${e.value}) after proposing ${p.proposal} in that ballot: a proposer proposes one value per ballot`);
  // A ballot shared by proposers (no owner) lets two of them propose in it: two values in one ballot.
  const other = net.proposals(e.ballot).find((q) => q.value !== e.value);
  if (other) return bad(`${n.id} proposed ${e.value} in ballot ${b}, in which ${other.from} proposed ${other.value}: two values in one ballot`);
  const promises = net.promisesTo(n.id, e.ballot);
  const quorum = majority(acceptors.length);
  for (const input of ["", ...n.inputs]) {
    for (const q of quorums(readings(promises, net), quorum)) {
      const next = q.reduce((s: ProposerState, m) => onPromise(s, m, acceptors, rules).state, { ...p, input });
      if (next.phase === "accept" && next.proposal === e.value) return ok({ ...n, proposer: { ...next, input: p.input } });
    }
  }
  const senders = new Set(promises.map((m) => m.from));
  if (senders.size < quorum)
    return wait(`a quorum of Promises for ballot ${b}`, `${n.id} sent an Accept for ballot ${b} with Promises from ${list(senders)}: no quorum (${quorum} of ${acceptors.length})`);
  const reported = promises.map((m) => `${m.from}: ${showVote(m.voted)}`).join(", ");
  const own = n.inputs.length ? `its input${n.inputs.length > 1 ? "s" : ""} ${n.inputs.join(", ")}` : "no input (a read)";
  return wait(
    `Promises for ballot ${b} from which ${e.value} follows`,
    `${n.id} proposed ${e.value} in ballot ${b}, which no quorum of its Promises (${reported}; ${own}) leads to: a proposer takes the highest vote reported, or its own value if none`,
  );
}

/** Learned after a quorum of Accepted (the model's learner), or from a quorum of Promises
 *  that all report one vote (the TCP client's shortcut: that vote is chosen). */
function learnStep(n: NodeCheck, ballot: Ballot, value: Value, net: Network, acceptors: number, learningOptional: boolean): CheckStep {
  const p = n.proposer;
  const b = formatBallot(ballot);
  const must = n.mustLearn;
  if (must !== null && ballotEquals(must.ballot, ballot) && must.value === value) return ok({ ...n, mustLearn: null });
  // Where learning need not be logged, the model's learner may have learned silently (from a
  // quorum it heard) what the log learns now: learning that value again is no new decision.
  if (learningOptional && p.learned === value) return ok(n);
  if (p.learned !== null) return bad(`${n.id} learned ${value} in ballot ${b} after learning ${p.learned}: a learner learns once`);
  const quorum = majority(acceptors);
  if (p.phase !== "idle") {
    const reporting = net.promisesTo(n.id, currentBallot(p)).filter((m) => m.voted && ballotEquals(m.voted.ballot, ballot) && m.voted.value === value);
    if (new Set(reporting.map((m) => m.from)).size >= quorum) return ok({ ...n, proposer: { ...p, learned: value } });
  }
  const from = new Set(p.acks.filter((a) => a.value === value && ballotEquals(a.ballot, ballot)).map((a) => a.from));
  return wait(
    `a quorum of Promises reporting (${b}, ${value})`,
    `${n.id} learned ${value} in ballot ${b} with Accepted from ${from.size ? `only ${list(from)}` : "no acceptor"}: no quorum (${quorum} of ${acceptors})${p.phase !== "idle" ? ", nor a quorum of Promises reporting that vote" : ""}`,
  );
}

/**
 * The Promises as the proposer may have read them. One whose vote the log does not report stands
 * for each vote its acceptor could have held: none, or the value of an Accept of a lower ballot
 * sent to it (an acceptor votes only for what an Accept carried). A quorum takes one reading per acceptor.
 */
function readings(promises: readonly LoggedPromise[], net: Network): PromiseMsg[] {
  return promises.flatMap((m): PromiseMsg[] =>
    m.voted !== undefined
      ? [{ ...m, voted: m.voted }]
      : [{ ...m, voted: null }, ...net.acceptsBelow(m.from, m.ballot).map((a) => ({ ...m, voted: { ballot: a.ballot, value: a.value } }))],
  );
}

/** Each set of `size` Promises from distinct acceptors. */
function quorums(promises: readonly PromiseMsg[], size: number): PromiseMsg[][] {
  const out: PromiseMsg[][] = [];
  const pick = (from: number, chosen: PromiseMsg[]) => {
    if (chosen.length === size) return void out.push(chosen);
    for (let i = from; i < promises.length; i++) if (!chosen.some((c) => c.from === promises[i]!.from)) pick(i + 1, [...chosen, promises[i]!]);
  };
  pick(0, []);
  return out;
}

const list = (s: ReadonlySet<string>): string => (s.size ? [...s].join(", ") : "no acceptor");
