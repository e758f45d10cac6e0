// The transitions of the Multi-Paxos model: every enabled action with the state it leads to, in
// a fixed order (each node: elections, phase 1's end, proposals, decisions,
// heartbeats, reads, then receipts; then crashes and restarts, then a client's read). A receipt
// is enabled only where it changes something: the network keeps every message, so a useless
// receipt would only repeat.
import type { SlotVote } from "../../invariants/log/view.ts";
import { isLeaderCandidate, readId } from "./config.ts";
import type { MultiPaxosAction } from "./actions.ts";
import type { MultiPaxosMessage } from "./messages.ts";
import { messageKey, sendAll, wasSent } from "./msgs.ts";
import { nodeOf, replaceNode, type MultiPaxosState, type NodeState } from "./state.ts";
import { unchanged, type Step, type StepContext } from "./steps/step.ts";
import { startBallot } from "./steps/phase-1a.ts";
import { onPrepare } from "./steps/phase-1b.ts";
import { adopt } from "./steps/adopt.ts";
import { freeSlot, mayPropose, pendingRequests, propose } from "./steps/phase-2a.ts";
import { onAccept } from "./steps/phase-2b.ts";
import { decide } from "./steps/decide.ts";
import { heartbeatOf, onHeartbeat } from "./steps/heartbeat.ts";
import { crashed, restarted } from "./steps/environment.ts";
import { withOwnAcceptor } from "./steps/local.ts";
import { confirmFor, mayConfirm, mayServe, onConfirm, proposable, requestRead, serve } from "./steps/read.ts";
import { settled } from "./steps/settled.ts";

export type Transition = { readonly action: MultiPaxosAction; readonly state: MultiPaxosState };

/** The ghost history's order of votes. */
export const voteKey = (v: SlotVote) => `${v.slot}|${v.ballot.round}.${v.ballot.proposer}|${v.acceptor}|${v.command}`;

function withVote(votes: readonly SlotVote[], v: SlotVote): readonly SlotVote[] {
  const key = voteKey(v);
  if (votes.some((x) => voteKey(x) === key)) return votes;
  return [...votes, v].sort((a, b) => (voteKey(a) < voteKey(b) ? -1 : 1));
}

/** The network without the messages nobody can act on any more (settled.ts). */
const withoutSettled = (msgs: readonly MultiPaxosMessage[], nodes: readonly NodeState[], ctx: StepContext) => (msgs.some((m) => settled(m, nodes, ctx)) ? msgs.filter((m) => !settled(m, nodes, ctx)) : msgs);

/** With heartbeats at once: the network with every leader's heartbeat that is new to some node. */
function withHeartbeats(msgs: readonly MultiPaxosMessage[], nodes: readonly NodeState[], ctx: StepContext): readonly MultiPaxosMessage[] {
  if (!ctx.config.heartbeatsAtOnce) return msgs;
  const beats = nodes.flatMap((n) => heartbeatOf(n) ?? []).filter((beat) => !wasSent(msgs, beat) && !settled(beat, nodes, ctx));
  return beats.length > 0 ? sendAll(msgs, beats) : msgs;
}

/** The state after a node's step: its new state, its messages sent, the ghost facts recorded. */
function applyStep(s: MultiPaxosState, step: Step, ctx: StepContext): MultiPaxosState {
  const nodes = replaceNode(s.nodes, step.node);
  return {
    ...s,
    nodes,
    msgs: withHeartbeats(withoutSettled(sendAll(s.msgs, step.send), nodes, ctx), nodes, ctx),
    ...(step.voted?.length ? { votes: step.voted.reduce(withVote, s.votes) } : {}),
    ...(step.elected ? { elections: [...s.elections, { ballot: step.elected, afterLeaderCrash: s.leaderCrashed }] } : {}),
  };
}

/** The node's step on receiving `m`; a leader reads replies where it counts them (adopt, decide). */
function receive(node: NodeState, m: MultiPaxosMessage, s: MultiPaxosState, ctx: StepContext): Step {
  switch (m.type) {
    case "prepare":
      return onPrepare(node, m, ctx);
    case "accept":
      return onAccept(node, m, ctx);
    case "heartbeat":
      return { node: onHeartbeat(node, m, ctx), send: [] };
    case "confirm":
      return onConfirm(node, m);
    case "promise":
    case "accepted":
    case "confirmed":
      return unchanged(node);
  }
}

/** Whether `m` is addressed to the node: replies to their leader, everything else to all. */
const addressedTo = (m: MultiPaxosMessage, id: string) => ("to" in m ? m.to === id : true);

const sameMessages = (a: readonly MultiPaxosMessage[], b: readonly MultiPaxosMessage[]) => a === b || (a.length === b.length && a.every((m, i) => messageKey(m) === messageKey(b[i]!)));

export function nextState(s: MultiPaxosState, a: MultiPaxosAction, ctx: StepContext): MultiPaxosState {
  if (a.kind === "read") return { ...s, reads: [...s.reads, requestRead(s)] };
  const node = nodeOf(s, a.node);
  switch (a.kind) {
    case "timeout":
    case "suspect":
      return { ...applyStep(s, withOwnAcceptor(startBallot(node), ctx), ctx), electionsStarted: s.electionsStarted + 1 };
    case "adopt":
      return applyStep(s, withOwnAcceptor(adopt(node, s.msgs, proposable(s, ctx), ctx)!, ctx), ctx);
    case "propose":
      return applyStep(s, withOwnAcceptor(propose(node, a.command), ctx), ctx);
    case "decide":
      return applyStep(s, { node: decide(node, a.slot, s.msgs, ctx)!, send: [] }, ctx);
    case "heartbeat":
      return applyStep(s, { node, send: [heartbeatOf(node)!] }, ctx);
    case "confirm":
      return applyStep(s, withOwnAcceptor({ node, send: [confirmFor(node, a.read)] }, ctx), ctx);
    case "serve":
      return applyStep(s, { node: serve(node, a.read), send: [] }, ctx);
    case "receive":
      return applyStep(s, receive(node, a.msg, s, ctx), ctx);
    case "crash": {
      // A crash ends the node's leadership, which settles the replies to it.
      const nodes = replaceNode(s.nodes, crashed(node));
      return { ...s, nodes, msgs: withoutSettled(s.msgs, nodes, ctx), crashes: s.crashes + 1, leaderCrashed: s.leaderCrashed || node.leadership?.phase === "leading" };
    }
    case "restart":
      return { ...s, nodes: replaceNode(s.nodes, restarted(node, ctx.config.acceptorStateLoss)) };
  }
}

function nodeTransitions(s: MultiPaxosState, n: NodeState, ctx: StepContext, add: (a: MultiPaxosAction, state?: MultiPaxosState) => void): void {
  const someoneLeads = s.nodes.some((o) => o.id !== n.id && o.up && o.leadership !== null);
  if (isLeaderCandidate(ctx.config, n.id) && n.leadership === null && s.electionsStarted < ctx.config.elections && (!someoneLeads || ctx.config.suspicions)) add({ kind: someoneLeads ? "suspect" : "timeout", node: n.id });
  const requests = proposable(s, ctx);
  if (adopt(n, s.msgs, requests, ctx)) add({ kind: "adopt", node: n.id });
  const command = mayPropose(n, ctx) && freeSlot(n) !== null ? pendingRequests(n, requests, ctx)[0] : undefined;
  if (command !== undefined) add({ kind: "propose", node: n.id, command });
  for (const e of n.leadership?.log ?? []) if (decide(n, e.slot, s.msgs, ctx)) add({ kind: "decide", node: n.id, slot: e.slot });
  const beat = heartbeatOf(n);
  if (beat && !ctx.config.heartbeatsAtOnce && !wasSent(s.msgs, beat) && !settled(beat, s.nodes, ctx)) add({ kind: "heartbeat", node: n.id });
  for (const { id } of s.reads) {
    if (mayConfirm(n, id, s.msgs, ctx)) add({ kind: "confirm", node: n.id, read: id });
    if (mayServe(n, id, s.msgs, ctx)) add({ kind: "serve", node: n.id, read: id });
  }
  for (const m of s.msgs) {
    if (!addressedTo(m, n.id)) continue;
    const step = receive(n, m, s, ctx);
    // The network holds no settled reply (every step drops them), so a receipt that leaves the
    // node as it was and sends only what was sent already changes nothing.
    if (step.node === n && step.send.every((x) => wasSent(s.msgs, x))) continue;
    const after = applyStep(s, step, ctx);
    if (step.node !== n || !sameMessages(after.msgs, s.msgs)) add({ kind: "receive", node: n.id, msg: m }, after);
  }
}

/**
 * Every enabled action, with its state. A node that neither leads nor seeks to loses nothing in
 * a crash (its acceptor and replica are durable): its crash and restart are a pause, which the
 * network already gives (it may receive nothing for a while), so only a leader's or a would-be
 * leader's crash is explored, unless restarts lose state.
 */
export function transitions(s: MultiPaxosState, ctx: StepContext): Transition[] {
  const out: Transition[] = [];
  const add = (action: MultiPaxosAction, state = nextState(s, action, ctx)) => out.push({ action, state });
  for (const n of s.nodes) if (n.up) nodeTransitions(s, n, ctx, add);
  for (const n of s.nodes) {
    if (n.up && s.crashes < ctx.config.crashes && (n.leadership !== null || ctx.config.acceptorStateLoss)) add({ kind: "crash", node: n.id });
    if (!n.up) add({ kind: "restart", node: n.id });
  }
  if (s.reads.length < ctx.config.reads) add({ kind: "read", read: readId(s.reads.length + 1) });
  return out;
}
