// Clients' reads (config `reads`). A client asks for a read at any moment; the ghost records
// what it must see then: every command some replica had applied, whose client may have had its
// answer. Correct Multi-Paxos sends a read through the log: a leader proposes it like a command
// (phase-2a.ts) and a replica answers it when it applies the read's slot (replica.ts). The other
// read path of rules.ts answers from a leader's own replica, which is up to date only if it
// checks two things: that a quorum confirmed, after the read was requested, that none promised
// a ballot above the leader's (so no newer leader can have decided anything yet), and that its
// replica applied every slot of its log (a new leader holds every command chosen before its
// ballot, but has not applied them yet). Raft's ReadIndex checks the same two.
import { compareBallots } from "../../../protocol/ballot.ts";
import { readId } from "../config.ts";
import type { Confirm, Confirmed, MultiPaxosMessage } from "../messages.ts";
import { answered, type MultiPaxosState, type NodeState, type ReadRequest } from "../state.ts";
import { wasSent } from "../msgs.ts";
import type { Step, StepContext } from "./step.ts";

/** The next read a client asks for, with every command applied by some replica so far. */
export function requestRead(s: MultiPaxosState): ReadRequest {
  const applied = new Set(s.nodes.flatMap((n) => n.applied));
  return { id: readId(s.reads.length + 1), appliedBefore: [...applied].sort() };
}

/** What a leader may propose: the clients' commands, and their reads when reads go through the log. */
export const proposable = (s: MultiPaxosState, ctx: StepContext): readonly string[] =>
  s.reads.length === 0 || ctx.rules.readPath !== "log" ? s.requested : [...s.requested, ...s.reads.map((r) => r.id)];

const leading = (node: NodeState) => node.leadership?.phase === "leading";

export const confirmFor = (node: NodeState, read: string): Confirm => ({ type: "confirm", from: node.id, ballot: node.leadership!.ballot, read });

/** Whether the leader may ask for confirmation of its ballot for `read` now. */
export const mayConfirm = (node: NodeState, read: string, msgs: readonly MultiPaxosMessage[], ctx: StepContext): boolean =>
  ctx.rules.readPath === "leader-state" && ctx.rules.leaderReadConfirmed && leading(node) && !answered(node, read) && !wasSent(msgs, confirmFor(node, read));

/** An acceptor answers a Confirm with its promise; it changes nothing. */
export function onConfirm(node: NodeState, m: Confirm): Step {
  return { node, send: [{ type: "confirmed", from: node.id, to: m.from, ballot: m.ballot, promised: node.promised, read: m.read }] };
}

/** A quorum answered the leader's Confirm for `read` with no promise above its ballot. */
function confirmed(node: NodeState, read: string, msgs: readonly MultiPaxosMessage[], ctx: StepContext): boolean {
  const b = node.leadership!.ballot;
  const from = msgs.filter((m): m is Confirmed => m.type === "confirmed" && m.to === node.id && m.read === read && compareBallots(m.ballot, b) === 0 && compareBallots(m.promised, b) <= 0);
  return new Set(from.map((m) => m.from)).size >= ctx.quorum;
}

/** The leader's replica applied every slot its log holds. */
const appliedLog = (node: NodeState) => node.leadership!.log.every((e) => e.slot <= node.next);

/** Whether the leader may answer `read` from its replica's state now. */
export function mayServe(node: NodeState, read: string, msgs: readonly MultiPaxosMessage[], ctx: StepContext): boolean {
  if (ctx.rules.readPath === "log" || !leading(node) || answered(node, read)) return false;
  return (!ctx.rules.leaderReadConfirmed || confirmed(node, read, msgs, ctx)) && (!ctx.rules.leaderReadCaughtUp || appliedLog(node));
}

export const serve = (node: NodeState, read: string): NodeState => ({ ...node, answers: [...node.answers, { read, state: node.applied }] });
