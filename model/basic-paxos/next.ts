// Which actions are enabled, and the transition each one takes. The order of enabled actions
// is deterministic (proposers, then the network in canonical order, then crashes and
// restarts), so exploration and its counterexamples are reproducible. The steps themselves,
// with the branch each takes, are in steps/; here the network delivers, and what a step sends
// goes in flight and into the ghost history.
import type { Message, NodeId } from "../../protocol/messages.ts";
import type { Action } from "./actions.ts";
import type { Ghost, PaxosState } from "./state.ts";
import type { BranchStep, Outbox, Semantics } from "./steps/step.ts";
import type { BranchId } from "./steps/branches.ts";
import { startBallotStep } from "./steps/phase-1a.ts";
import { deliverPrepare } from "./steps/phase-1b.ts";
import { deliverPromise } from "./steps/phase-2a.ts";
import { deliverAccept } from "./steps/phase-2b.ts";
import { deliverAccepted } from "./steps/learn.ts";
import { deliverNack } from "./steps/nack.ts";
import { crash, lose, restart, restartWithStateLost } from "./steps/environment.ts";
import { remove, send } from "./network.ts";
import { insertSorted } from "./state.ts";
import { castVoteKey, inFlightKey, proposalKey, sentPromiseKey } from "./keys.ts";
import { mayTimeOut, startsBallots } from "./retry.ts";

export type { Semantics } from "./steps/step.ts";

/** A transition of the model: the state after it, and the branch it took. */
export type Transition = { readonly state: PaxosState; readonly branch: BranchId };

/** The transition `action` takes from `s`. */
export function transition(s: PaxosState, action: Action, sem: Semantics): Transition {
  return take(s, action, sem);
}

/** The state after `action`. */
export function successor(s: PaxosState, action: Action, sem: Semantics): PaxosState {
  return transition(s, action, sem).state;
}

export function enabledActions(s: PaxosState, sem: Semantics): Action[] {
  return enabledTransitions(s, sem).map((t) => t.action);
}

/**
 * Every enabled action with the transition it takes. Deliveries are worked out to decide
 * whether they are stutters, so their transitions come with them rather than being computed again.
 */
export function enabledTransitions(s: PaxosState, sem: Semantics): (Transition & { readonly action: Action })[] {
  const out: (Transition & { action: Action })[] = [];
  const add = (action: Action) => out.push({ action, ...take(s, action, sem) });
  proposerActions(s, sem, add);
  const losing = mayLose(s, sem);
  for (const e of s.network) {
    // A delivery that changes nothing (a stale or repeated message) is a stutter: leave it out.
    if (isUp(s, e.to)) {
      const action: Action = { kind: "deliver", to: e.to, msg: e.msg };
      const t = take(s, action, sem);
      if (t.state !== s) out.push({ action, ...t });
    }
    if (losing) add({ kind: "lose", to: e.to, msg: e.msg });
  }
  nodeFaults(s, sem, add);
  return out;
}

// The proposers' and the nodes' enabled actions, each handed to `emit` in the canonical order:
// the checker's expansion calls them for every state, so they build no list of their own.

/** The proposers' enabled actions: a first ballot, or a timeout within the retries. */
function proposerActions(s: PaxosState, sem: Semantics, emit: (a: Action) => void): void {
  const deliversHere = (to: NodeId, msg: Message) => delivers(s, to, msg, sem);
  for (const p of s.proposers) {
    if (!p.up || p.learned !== null || !startsBallots(p, sem)) continue;
    if (p.round === 0) emit({ kind: "propose", proposer: p.id });
    else if (s.retries < sem.config.retries && mayTimeOut(s, p, sem, deliversHere)) emit({ kind: "timeout", proposer: p.id });
  }
}

/** The network may lose a message now. */
function mayLose(s: PaxosState, sem: Semantics): boolean {
  return sem.config.loss && s.losses < sem.config.losses;
}

/** Crashes and restarts enabled now, proposers first. */
function nodeFaults(s: PaxosState, { config }: Semantics, emit: (a: Action) => void): void {
  for (const p of s.proposers) {
    if (p.up && s.proposerCrashes < config.proposerCrashes) emit({ kind: "crash", node: p.id });
    if (!p.up) emit({ kind: "restart", node: p.id });
  }
  for (const a of s.acceptors) {
    if (a.up && s.acceptorCrashes < config.acceptorCrashes) emit({ kind: "crash", node: a.id });
    if (!a.up) emit({ kind: "restart", node: a.id });
    if (!a.up && config.acceptorStateLoss) emit({ kind: "restart-amnesia", node: a.id });
  }
}

/**
 * Every behaviour of the model in `s`, stutters included, in one canonical order (proposers, the
 * network's deliveries and losses message by message, crashes and restarts), without working out
 * a single transition: for a driver that picks among them and learns what each does by taking it.
 */
export function behaviours(s: PaxosState, sem: Semantics): Action[] {
  const out: Action[] = [];
  const push = (a: Action) => void out.push(a);
  proposerActions(s, sem, push);
  const losing = mayLose(s, sem);
  for (const e of s.network) {
    if (isUp(s, e.to)) out.push({ kind: "deliver", to: e.to, msg: e.msg });
    if (losing) out.push({ kind: "lose", to: e.to, msg: e.msg });
  }
  nodeFaults(s, sem, push);
  return out;
}

/**
 * Whether `a` is a behaviour of the model in `s`: one of its enabled actions or a stutter (a
 * delivery that changes nothing), decided without working out every transition.
 */
export function isPossible(s: PaxosState, a: Action, sem: Semantics): boolean {
  switch (a.kind) {
    case "deliver":
      return isUp(s, a.to) && inNetwork(s, a);
    case "lose":
      return mayLose(s, sem) && inNetwork(s, a);
    default: {
      let found = false;
      const match = (x: Action) => void (found ||= x.kind === a.kind && actor(x) === actor(a));
      if (a.kind === "propose" || a.kind === "timeout") proposerActions(s, sem, match);
      else nodeFaults(s, sem, match);
      return found;
    }
  }
}

/** The node an action of a proposer or of the environment is about. */
function actor(a: Action): NodeId | undefined {
  return a.kind === "propose" || a.kind === "timeout" ? a.proposer : a.kind === "deliver" || a.kind === "lose" ? undefined : a.node;
}

function inNetwork(s: PaxosState, e: { readonly to: NodeId; readonly msg: Message }): boolean {
  const key = inFlightKey(e);
  return s.network.some((x) => inFlightKey(x) === key);
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

/** Whether delivering `msg` to `to` changes the state (false: a stutter, or the node is down). */
export function delivers(s: PaxosState, to: NodeId, msg: Message, sem: Semantics): boolean {
  return isUp(s, to) && take(s, { kind: "deliver", to, msg }, sem).state !== s;
}

function isUp(s: PaxosState, id: string): boolean {
  return (s.acceptors.find((a) => a.id === id) ?? s.proposers.find((p) => p.id === id))?.up ?? false;
}

function take(s: PaxosState, action: Action, sem: Semantics): Transition {
  if (action.kind === "deliver" && !sem.config.duplication) {
    const network = remove(s.network, action.to, action.msg);
    return sent(handle(network === s.network ? s : { ...s, network }, action, sem));
  }
  return sent(handle(s, action, sem));
}

/**
 * What `action` does at its node, the network left as it is: the state after it, what it sends
 * and the branch it took. For a driver that keeps the messages itself (a target run compared
 * with the model step by step).
 */
export function handle(s: PaxosState, action: Action, sem: Semantics): BranchStep<PaxosState, BranchId> {
  switch (action.kind) {
    case "propose":
    case "timeout":
      return startBallotStep(s, action.proposer, action.kind === "timeout");
    case "deliver":
      return deliver(s, action.to, action.msg, sem);
    case "lose":
      return lose(s, action.to, action.msg);
    case "crash":
      return crash(s, action.node);
    case "restart":
      return restart(s, action.node, sem.rules);
    case "restart-amnesia":
      return restartWithStateLost(s, action.node);
  }
}

function deliver(s: PaxosState, to: NodeId, msg: Message, sem: Semantics): BranchStep<PaxosState, BranchId> {
  switch (msg.type) {
    case "prepare":
      return deliverPrepare(s, to, msg, sem);
    case "accept":
      return deliverAccept(s, to, msg, sem);
    case "promise":
      return deliverPromise(s, to, msg, sem);
    case "accepted":
      return deliverAccepted(s, to, msg, sem);
    case "nack":
      return deliverNack(s, to, sem);
  }
}

/** The step's messages put in flight and recorded in the ghost history. */
function sent(step: BranchStep<PaxosState, BranchId>): Transition {
  return { state: emit(step.state, step.send), branch: step.branch };
}

/** The very same state when nothing sent is new (a message already in flight, a fact already recorded). */
function emit(s: PaxosState, out: Outbox): PaxosState {
  if (out.length === 0) return s;
  const network = send(s.network, out);
  const ghost = record(s.ghost, out);
  return network === s.network && ghost === s.ghost ? s : { ...s, network, ghost };
}

function record(ghost: Ghost, out: Outbox): Ghost {
  let { votes, promises, proposals } = ghost;
  for (const { msg } of out) {
    if (msg.type === "accepted") votes = insertSorted(votes, { acceptor: msg.from, ballot: msg.ballot, value: msg.value }, castVoteKey, true);
    if (msg.type === "promise") promises = insertSorted(promises, { acceptor: msg.from, ballot: msg.ballot, voted: msg.voted }, sentPromiseKey, true);
    if (msg.type === "accept") proposals = insertSorted(proposals, { ballot: msg.ballot, value: msg.value }, proposalKey, true);
  }
  return votes === ghost.votes && promises === ghost.promises && proposals === ghost.proposals ? ghost : { votes, promises, proposals };
}
