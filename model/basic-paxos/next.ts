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

export type { Semantics } from "./steps/step.ts";

/** A transition of the model: the state after it, and the branch it took. */
export type Transition = { readonly state: PaxosState; readonly branch: BranchId };

// Deliveries are computed once when deciding whether they are stutters; the transition is
// remembered for the action object, so exploring it does not compute it again.
const computed = new WeakMap<Action, Transition>();

/** The transition `action` takes from `s`, reusing the one enabledActions already computed for it. */
export function transition(s: PaxosState, action: Action, sem: Semantics): Transition {
  return computed.get(action) ?? take(s, action, sem);
}

/** The state after `action`. */
export function successor(s: PaxosState, action: Action, sem: Semantics): PaxosState {
  return transition(s, action, sem).state;
}

export function enabledActions(s: PaxosState, sem: Semantics): Action[] {
  const { config } = sem;
  const actions: Action[] = [];
  for (const p of s.proposers) {
    if (!p.up || p.learned !== null) continue;
    if (p.round === 0) actions.push({ kind: "propose", proposer: p.id });
    else if (s.retries < config.retries) actions.push({ kind: "timeout", proposer: p.id });
  }
  for (const e of s.network) {
    // A delivery that changes nothing (a stale or repeated message) is a stutter: leave it out.
    if (isUp(s, e.to)) {
      const deliver: Action = { kind: "deliver", to: e.to, msg: e.msg };
      const t = take(s, deliver, sem);
      if (t.state !== s) {
        computed.set(deliver, t);
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

function take(s: PaxosState, action: Action, sem: Semantics): Transition {
  switch (action.kind) {
    case "propose":
    case "timeout":
      return sent(startBallotStep(s, action.proposer, action.kind === "timeout"));
    case "deliver": {
      const network = sem.config.duplication ? s.network : remove(s.network, action.to, action.msg);
      return sent(deliver(network === s.network ? s : { ...s, network }, action.to, action.msg, sem));
    }
    case "lose":
      return sent(lose(s, action.to, action.msg));
    case "crash":
      return sent(crash(s, action.node));
    case "restart":
      return sent(restart(s, action.node, sem.rules));
    case "restart-amnesia":
      return sent(restartWithStateLost(s, action.node));
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
      return deliverNack(s);
  }
}

/** The step's messages put in flight and recorded in the ghost history. */
function sent(step: BranchStep<PaxosState, BranchId>): Transition {
  return { state: emit(step.state, step.send), branch: step.branch };
}

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
