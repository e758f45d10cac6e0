// A Basic Paxos state as the HTML report shows it (model/inspection.ts): per acceptor its
// promise and vote, per proposer its phase, ballot, the promises and Accepteds it counted and
// what it learned; the messages in flight; the values chosen by the votes ever cast. And each
// action as a sequence-chart event: a delivery is an arrow from sender to receiver.
import type { ChartEvent, Inspection, InspectedNode } from "../inspection.ts";
import type { Action } from "./actions.ts";
import type { PaxosState, ProposerState } from "./state.ts";
import { formatBallot } from "../../protocol/ballot.ts";
import type { ReportedVote } from "../../protocol/rules.ts";
import type { Vote } from "../../protocol/messages.ts";
import { chosenIn } from "../../protocol/chosen.ts";
import { majority } from "../../protocol/quorum.ts";
import { describeMessage } from "./describe.ts";

const PHASES: Record<string, string> = { idle: "idle", prepare: "1 (prepare)", accept: "2 (accept)" };

/** A proposer's phase as the report names it (an implementation's "done" stays "done"). */
export const phaseName = (phase: string): string => PHASES[phase] ?? phase;

/** An acceptor's vote: `A in 1.p1`, or none. */
export const formatVote = (v: Vote | null): string => (v ? `${v.value} in ${formatBallot(v.ballot)}` : "none");

/** The promises a proposer counted: each sender, and the vote it reported. */
export function formatPromises(promises: readonly ReportedVote[]): string {
  return promises.map((x) => `${x.from}${x.voted ? ` (${formatBallot(x.voted.ballot)}:${x.voted.value})` : ""}`).join(", ") || "none";
}

function proposerNode(p: ProposerState): InspectedNode {
  return {
    id: p.id,
    role: "proposer",
    up: p.up,
    fields: [
      { name: "phase", value: phaseName(p.phase) },
      { name: "ballot", value: p.round === 0 ? "none" : `${p.round}.${p.id}` },
      { name: "input", value: p.input },
      { name: "promises from", value: formatPromises(p.promises) },
      { name: "proposal", value: p.proposal ?? "none" },
      { name: "accepted from", value: p.acks.map((x) => `${x.from} (${formatBallot(x.ballot)}:${x.value})`).join(", ") || "none" },
      { name: "learned", value: p.learned ?? "nothing" },
    ],
  };
}

export function inspectPaxos(s: PaxosState): Inspection {
  const acceptors: InspectedNode[] = s.acceptors.map((a) => ({
    id: a.id,
    role: "acceptor",
    up: a.up,
    fields: [
      { name: "promised", value: formatBallot(a.promised) },
      { name: "voted", value: formatVote(a.accepted) },
    ],
  }));
  const chosen = chosenIn({ votes: s.ghost.votes, quorumSize: majority(s.acceptors.length) });
  return {
    nodes: [...acceptors, ...s.proposers.map(proposerNode)],
    inFlight: s.network.map((e) => ({ from: e.msg.from, to: e.to, label: describeMessage(e.msg) })),
    facts: [
      { name: "chosen", value: chosen.map((c) => `${c.value} in ${formatBallot(c.ballot)}`).join(", ") || "nothing" },
      { name: "votes cast", value: String(s.ghost.votes.length) },
      { name: "faults used", value: `${s.losses} lost, ${s.retries} retries, ${s.proposerCrashes} proposer and ${s.acceptorCrashes} acceptor crashes` },
    ],
  };
}

export function paxosChartEvent(a: Action): ChartEvent {
  switch (a.kind) {
    case "deliver":
    case "lose":
      return { kind: "message", from: a.msg.from, to: a.to, label: describeMessage(a.msg), lost: a.kind === "lose" };
    case "propose":
      return { kind: "note", over: [a.proposer], text: "propose: ballot 1" };
    case "timeout":
      return { kind: "note", over: [a.proposer], text: "timeout: next ballot" };
    case "crash":
    case "restart":
      return { kind: "note", over: [a.node], text: a.kind };
    case "restart-amnesia":
      return { kind: "note", over: [a.node], text: "restart, state lost" };
  }
}
