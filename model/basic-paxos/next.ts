// Which actions are enabled, and the state each one leads to. The order of enabled actions
// is deterministic (proposers, then the network in canonical order, then crashes and
// restarts), so exploration and its counterexamples are reproducible.
import type { Message } from "../../protocol/messages.ts";
import type { Action } from "./actions.ts";
import type { ModelConfig } from "./config.ts";
import type { Rules } from "../../protocol/rules.ts";
import type { AcceptorState, Ghost, PaxosState, ProposerState } from "./state.ts";
import type { Outbox } from "./acceptor.ts";
import { onAccept, onPrepare } from "./acceptor.ts";
import { onPromise, startBallot } from "./proposer.ts";
import { onAccepted } from "./learner.ts";
import { remove, send } from "./network.ts";
import { insertSorted } from "./state.ts";
import { castVoteKey, inFlightKey, proposalKey, sentPromiseKey } from "./keys.ts";
import { mayTimeOut, onNack, sameState, startsBallots } from "./retry.ts";

export type Semantics = { readonly config: ModelConfig; readonly rules: Rules };

// Deliveries are computed once when deciding whether they are stutters; the successor is
// remembered for the action object, so exploring it does not compute it again.
const computed = new WeakMap<Action, PaxosState>();

/** The state after `action`, reusing the one enabledActions already computed for it. */
export function successor(s: PaxosState, action: Action, sem: Semantics): PaxosState {
  return computed.get(action) ?? nextState(s, action, sem);
}

export function enabledActions(s: PaxosState, sem: Semantics): Action[] {
  const { config } = sem;
  const actions: Action[] = [];
  const delivers = (to: string, msg: Message) => isUp(s, to) && !sameState(nextState(s, { kind: "deliver", to, msg }, sem), s);
  for (const p of s.proposers) {
    if (!p.up || p.learned !== null || !startsBallots(p, sem)) continue;
    if (p.round === 0) actions.push({ kind: "propose", proposer: p.id });
    else if (s.retries < config.retries && mayTimeOut(s, p, sem, delivers)) actions.push({ kind: "timeout", proposer: p.id });
  }
  for (const e of s.network) {
    // A delivery that changes nothing (a stale or repeated message) is a stutter: leave it out.
    if (isUp(s, e.to)) {
      const deliver: Action = { kind: "deliver", to: e.to, msg: e.msg };
      const after = nextState(s, deliver, sem);
      if (after !== s) {
        computed.set(deliver, after);
        actions.push(deliver);
      }
    }
    if (config.loss && s.losses < config.losses) actions.push({ kind: "lose", to: e.to, msg: e.msg });
  }
  for (const p of s.proposers) {
    if (p.up && s.proposerCrashes < config.proposerCrashes) actions.push({ kind: "crash", node: p.id });
    if (!p.up) actions.push({ kind: "restart", node: p.id });
  }
  for (const a of s.acceptors) {
    if (a.up && s.acceptorCrashes < config.acceptorCrashes) actions.push({ kind: "crash", node: a.id });
    if (!a.up) actions.push({ kind: "restart", node: a.id });
    if (!a.up && config.acceptorStateLoss) actions.push({ kind: "restart-amnesia", node: a.id });
  }
  return actions;
}

/**
 * The enabled actions, then every delivery enabledActions leaves out as a stutter (a message in
 * flight to a node that is up): all the behaviours of the model, for driving an implementation,
 * where a stutter must stay one (a Prepare answered twice, a duplicate counted twice show there).
 */
export function withStutters(s: PaxosState, sem: Semantics, enabled: readonly Action[] = enabledActions(s, sem)): Action[] {
  const delivered = new Set(enabled.flatMap((a) => (a.kind === "deliver" ? [inFlightKey(a)] : [])));
  const stutters = s.network.filter((e) => isUp(s, e.to) && !delivered.has(inFlightKey(e)));
  return [...enabled, ...stutters.map((e): Action => ({ kind: "deliver", to: e.to, msg: e.msg }))];
}

function isUp(s: PaxosState, id: string): boolean {
  return (s.acceptors.find((a) => a.id === id) ?? s.proposers.find((p) => p.id === id))?.up ?? false;
}

export function nextState(s: PaxosState, action: Action, sem: Semantics): PaxosState {
  switch (action.kind) {
    case "propose":
    case "timeout": {
      const step = startBallot(proposer(s, action.proposer), s.acceptors.map((a) => a.id));
      const retries = action.kind === "timeout" ? s.retries + 1 : s.retries;
      return emit({ ...withProposer(s, step.state), retries }, step.send);
    }
    case "deliver": {
      const network = sem.config.duplication ? s.network : remove(s.network, action.to, action.msg);
      return deliver(network === s.network ? s : { ...s, network }, action.to, action.msg, sem);
    }
    case "lose":
      return { ...s, network: remove(s.network, action.to, action.msg), losses: s.losses + 1 };
    case "crash":
      return crash(s, action.node);
    case "restart":
      return restart(s, action.node, false, sem);
    case "restart-amnesia":
      return restart(s, action.node, true, sem);
  }
}

function deliver(s: PaxosState, to: string, msg: Message, sem: Semantics): PaxosState {
  const { rules, config } = sem;
  switch (msg.type) {
    case "prepare": {
      const step = onPrepare(acceptor(s, to), msg, rules, config.nacks);
      return emit(withAcceptor(s, step.state), step.send);
    }
    case "accept": {
      const step = onAccept(acceptor(s, to), msg, rules, config.nacks);
      return emit(withAcceptor(s, step.state), step.send);
    }
    case "promise": {
      const step = onPromise(proposer(s, to), msg, s.acceptors.map((a) => a.id), rules);
      return emit(withProposer(s, step.state), step.send);
    }
    case "accepted":
      return withProposer(s, onAccepted(proposer(s, to), msg, s.acceptors.length, rules));
    case "nack":
      // Proposers here react to refusals by timing out; a Nack only leaves the network (but for a variant that gives up).
      return withProposer(s, onNack(proposer(s, to), msg, sem));
  }
}

/** Puts messages on the network and records what they witness in the ghost history. */
function emit(s: PaxosState, out: Outbox): PaxosState {
  if (out.length === 0) return s;
  return { ...s, network: send(s.network, out), ghost: record(s.ghost, out) };
}

function record(ghost: Ghost, out: Outbox): Ghost {
  let { votes, promises, proposals } = ghost;
  for (const { msg } of out) {
    if (msg.type === "accepted") votes = insertSorted(votes, { acceptor: msg.from, ballot: msg.ballot, value: msg.value }, castVoteKey, true);
    if (msg.type === "promise") promises = insertSorted(promises, { acceptor: msg.from, ballot: msg.ballot, voted: msg.voted }, sentPromiseKey, true);
    if (msg.type === "accept") proposals = insertSorted(proposals, { ballot: msg.ballot, value: msg.value }, proposalKey, true);
  }
  return { votes, promises, proposals };
}

function crash(s: PaxosState, node: string): PaxosState {
  if (s.acceptors.some((a) => a.id === node)) {
    return { ...withAcceptor(s, { ...acceptor(s, node), up: false }), acceptorCrashes: s.acceptorCrashes + 1 };
  }
  // A crash loses everything volatile: the phase, the replies counted, what was learned.
  const p = proposer(s, node);
  const down: ProposerState = { ...p, up: false, phase: "idle", promises: [], proposal: null, acks: [], learned: null };
  return { ...withProposer(s, down), proposerCrashes: s.proposerCrashes + 1 };
}

function restart(s: PaxosState, node: string, amnesia: boolean, { rules }: Semantics): PaxosState {
  if (s.acceptors.some((a) => a.id === node)) {
    const a = acceptor(s, node);
    return withAcceptor(s, amnesia ? { id: a.id, promised: null, accepted: null, up: true } : { ...a, up: true });
  }
  const p = proposer(s, node);
  return withProposer(s, { ...p, up: true, round: rules.restartKeepsRound ? p.round : 0 });
}

function acceptor(s: PaxosState, id: string): AcceptorState {
  return s.acceptors.find((a) => a.id === id)!;
}
function proposer(s: PaxosState, id: string): ProposerState {
  return s.proposers.find((p) => p.id === id)!;
}
function withAcceptor(s: PaxosState, a: AcceptorState): PaxosState {
  if (s.acceptors.includes(a)) return s;
  return { ...s, acceptors: s.acceptors.map((x) => (x.id === a.id ? a : x)) };
}
function withProposer(s: PaxosState, p: ProposerState): PaxosState {
  if (s.proposers.includes(p)) return s;
  return { ...s, proposers: s.proposers.map((x) => (x.id === p.id ? p : x)) };
}
