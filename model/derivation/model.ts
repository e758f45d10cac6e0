// One checkable Model (checker/model.ts) for any scheme of seed 004: the scheme's handlers
// (scheme.ts) inside the network and faults all three share, judged by the invariants of
// invariants/ through a view (agreement, validity, learned-is-chosen, learners agree, chosen
// stays chosen), with the witness that a value gets chosen, and liveness under weak fairness:
// every delivery to a live node and every step of a live proposer is weakly fair; losses,
// crashes and restarts are the environment's and need not happen.
import type { z } from "zod";
import type { Model, ProgressCheck } from "../../checker/model.ts";
import type { SystemView } from "../../invariants/view.ts";
import type { Ballot } from "../../protocol/messages.ts";
import { majority } from "../../protocol/quorum.ts";
import { chosenValues } from "../../protocol/chosen.ts";
import { agreement } from "../../invariants/agreement.ts";
import { validity } from "../../invariants/validity.ts";
import { learnedIsChosen } from "../../invariants/learned-is-chosen.ts";
import { learnersAgree } from "../../invariants/learners-agree.ts";
import { chosenStaysChosen } from "../../invariants/chosen-stays-chosen.ts";
import { valueChosen } from "../../invariants/witnesses.ts";
import { livenessProperties } from "../../invariants/registry.ts";
import { acceptorIds, proposerInputs, type DerivationConfig } from "./config.ts";
import { actionSchema, type DerivationAction } from "./actions.ts";
import { inFlightKey, remove, send, type InFlight } from "./network.ts";
import { replaceNode, type DerivationState } from "./state.ts";
import { renumberEpochs } from "./renumber.ts";
import type { Node, ProposerCore, Scheme, Step } from "./scheme.ts";

export type { DerivationState } from "./state.ts";

export type DerivationModel<AS extends Node, PS extends ProposerCore, M> = Model<DerivationState<AS, PS, M>, DerivationAction<M>>;

export type ModelOptions = {
  /** Check that progress stays possible (checker/progress.ts) where a majority of acceptors is up and a proposer can still act. */
  readonly progress?: boolean;
};

export function derivationModel<AS extends Node, PS extends ProposerCore, M>(scheme: Scheme<AS, PS, M>, config: DerivationConfig, message: z.ZodType<M>, options: ModelOptions = {}): DerivationModel<AS, PS, M> {
  type S = DerivationState<AS, PS, M>;
  type A = DerivationAction<M>;
  const ids = acceptorIds(config);
  const initial: S = {
    acceptors: ids.map((id) => scheme.initialAcceptor(id)),
    proposers: proposerInputs(config).map(({ id, input }) => scheme.initialProposer(id, input)),
    network: [],
    losses: 0,
    proposerCrashes: 0,
    acceptorCrashes: 0,
  };
  const isAcceptor = (id: string) => ids.includes(id);
  const proposerOf = (s: S, id: string) => s.proposers.find((p) => p.id === id)!;
  const acceptorOf = (s: S, id: string) => s.acceptors.find((a) => a.id === id)!;
  const upNode = (s: S, id: string) => (isAcceptor(id) ? acceptorOf(s, id).up : proposerOf(s, id).up);

  const withProposer = (s: S, step: Step<PS, M>): S => ({ ...s, proposers: replaceNode(s.proposers, step.state), network: send(s.network, step.send) });
  const deliver = (s: S, e: InFlight<M>): S => {
    const network = config.duplication ? s.network : remove(s.network, e);
    if (isAcceptor(e.to)) {
      const before = acceptorOf(s, e.to);
      const step = scheme.onAcceptor(before, e.msg);
      const after = send(network, step.send);
      if (step.state === before && after === s.network) return s;
      return { ...s, acceptors: step.state === before ? s.acceptors : replaceNode(s.acceptors, step.state), network: after };
    }
    const before = proposerOf(s, e.to);
    const step = scheme.onProposer(before, e.msg, ids);
    const after = send(network, step.send);
    if (step.state === before && after === s.network) return s;
    return { ...s, proposers: step.state === before ? s.proposers : replaceNode(s.proposers, step.state), network: after };
  };

  // Without duplication, epochs are unbounded and states kept up to renumbering them (renumber.ts).
  const normal = scheme.ballotName === "epoch" && !config.duplication ? (s: S) => renumberEpochs(s) : (s: S) => s;
  const nextState = (s: S, a: A): S => normal(step(s, a));
  const step = (s: S, a: A): S => {
    switch (a.kind) {
      case "propose":
        return withProposer(s, scheme.propose(proposerOf(s, a.proposer), ids));
      case "timeout":
        return withProposer(s, scheme.timeout(proposerOf(s, a.proposer), ids)!);
      case "retry":
        return withProposer(s, scheme.retry(proposerOf(s, a.proposer), ids, config) as Step<PS, M>);
      case "deliver":
        return deliver(s, { to: a.to, msg: a.msg });
      case "lose":
        return { ...s, network: remove(s.network, { to: a.to, msg: a.msg }), losses: s.losses + 1 };
      case "crash":
        if (isAcceptor(a.node)) return { ...s, acceptors: replaceNode(s.acceptors, { ...acceptorOf(s, a.node), up: false }), acceptorCrashes: s.acceptorCrashes + 1 };
        return { ...s, proposers: replaceNode(s.proposers, scheme.crashed(proposerOf(s, a.node))), proposerCrashes: s.proposerCrashes + 1 };
      case "restart":
        if (isAcceptor(a.node)) return { ...s, acceptors: replaceNode(s.acceptors, { ...acceptorOf(s, a.node), up: true }) };
        return { ...s, proposers: replaceNode(s.proposers, { ...proposerOf(s, a.node), up: true }) };
    }
  };
  type Transition = { readonly action: A; readonly state: S };
  /**
   * Every enabled action with the state it leads to, in a fixed order (proposers, the network,
   * crashes and restarts). Deliveries are worked out to leave out those that change nothing, so
   * their successors come with them rather than being computed again.
   */
  const transitions = (s: S): Transition[] => {
    // Deliveries first: a proposer times out only when nothing it sent or is sent can still arrive.
    const delivered = new Map<InFlight<M>, S>();
    const busy = new Set<string>();
    for (const e of s.network) {
      if (!upNode(s, e.to)) continue;
      const after = deliver(s, e);
      if (after === s) continue;
      delivered.set(e, normal(after));
      busy.add(e.to).add(scheme.sender(e.msg));
    }
    const out: Transition[] = [];
    const add = (action: A) => out.push({ action, state: nextState(s, action) });
    for (const p of s.proposers) {
      if (!p.up) continue;
      if (p.phase === "idle" && p.learned === null) add({ kind: "propose", proposer: p.id });
      if (!busy.has(p.id) && scheme.timeout(p, ids)) add({ kind: "timeout", proposer: p.id });
      const retry = scheme.retry(p, ids, config);
      if (retry !== null && retry !== "cut") add({ kind: "retry", proposer: p.id });
    }
    for (const e of s.network) {
      const after = delivered.get(e);
      if (after) out.push({ action: { kind: "deliver", to: e.to, msg: e.msg }, state: after });
      if (s.losses < config.losses) add({ kind: "lose", to: e.to, msg: e.msg });
    }
    for (const p of s.proposers) {
      if (p.up && s.proposerCrashes < config.proposerCrashes) add({ kind: "crash", node: p.id });
      if (!p.up) add({ kind: "restart", node: p.id });
    }
    for (const a of s.acceptors) {
      if (a.up && s.acceptorCrashes < config.acceptorCrashes) add({ kind: "crash", node: a.id });
      if (!a.up) add({ kind: "restart", node: a.id });
    }
    return out;
  };

  const ballot = (epoch: number): Ballot => ({ round: epoch, proposer: scheme.ballotName });
  const toView = (s: S): SystemView => ({
    acceptors: s.acceptors.map((a) => {
      const held = scheme.held(a);
      const granted = scheme.granted(a);
      return { id: a.id, up: a.up, promised: granted === null ? null : ballot(granted), accepted: held ? { ballot: ballot(held.epoch), value: held.value } : null };
    }),
    quorumSize: majority(ids.length),
    inputs: s.proposers.map((p) => p.input),
    // An acceptor of seed 004 never changes what it accepted, so its state is its history of votes.
    votes: s.acceptors.flatMap((a) => {
      const held = scheme.held(a);
      return held ? [{ acceptor: a.id, ballot: ballot(held.epoch), value: held.value }] : [];
    }),
    promises: [],
    proposals: [],
    learned: s.proposers.flatMap((p) => (p.learned === null ? [] : [{ learner: p.id, value: p.learned }])),
    // Every client called propose and waits for its answer: each live proposer must learn.
    learners: s.proposers.filter((p) => p.up).map((p) => p.id),
  });
  const views = new WeakMap<S, SystemView>();
  const viewOf = (s: S) => {
    let v = views.get(s);
    if (!v) views.set(s, (v = toView(s)));
    return v;
  };
  // Weak fairness per message; without duplication per channel (kind of call, sender, receiver),
  // which renumbering epochs leaves as it is, and which delivers each message in turn since a
  // delivery consumes it.
  const deliveryClass = (to: string, msg: M) => (config.duplication ? `deliver ${inFlightKey({ to, msg })}` : `deliver ${(msg as { type: string }).type} ${scheme.sender(msg)}->${to}`);
  const cutOff = (s: S): string | null => {
    const p = s.proposers.find((x) => x.up && scheme.retry(x, ids, config) === "cut");
    return p ? scheme.cutReason(p, config) : null;
  };
  const progress: ProgressCheck<S> = {
    id: "progress-possible",
    goal: (s) => chosenValues(viewOf(s)).length > 0,
    expected: (s) => s.acceptors.filter((a) => a.up).length >= majority(ids.length) && s.proposers.some((p) => p.up && p.learned === null && scheme.retry(p, ids, config) !== "cut"),
  };

  const describeAction = (a: A): string => {
    switch (a.kind) {
      case "propose":
        return `propose ${a.proposer} (${proposerOf(initial, a.proposer).input})`;
      case "timeout":
      case "retry":
        return `${a.kind} ${a.proposer}`;
      case "deliver":
      case "lose":
        return `${a.kind} ${scheme.describeMessage(a.msg)} ${scheme.sender(a.msg)}->${a.to}`;
      case "crash":
      case "restart":
        return `${a.kind} ${a.node}`;
    }
  };
  const describeChange = (before: S, after: S): string[] => {
    const out: string[] = [];
    after.acceptors.forEach((a, i) => {
      const was = before.acceptors[i]!;
      if (a.up !== was.up) out.push(`${a.id} is ${a.up ? "up" : "down"}`);
      out.push(...scheme.describeAcceptor(was, a));
    });
    after.proposers.forEach((p, i) => {
      const was = before.proposers[i]!;
      if (p.up !== was.up) out.push(`${p.id} is ${p.up ? "up" : "down"}`);
      out.push(...scheme.describeProposer(was, p));
      if (p.learned !== was.learned) out.push(p.learned === null ? `${p.id} forgot its answer` : `${p.id}'s propose returns ${p.learned}`);
    });
    const had = new Set(before.network.map(inFlightKey));
    for (const e of after.network) if (!had.has(inFlightKey(e))) out.push(`sends ${scheme.describeMessage(e.msg)} ${scheme.sender(e.msg)}->${e.to}`);
    return out;
  };

  return {
    name: scheme.name,
    config,
    initialStates: () => [initial],
    actions: (s) => transitions(s).map((t) => t.action),
    next: nextState,
    transitions,
    describeAction,
    describeChange,
    actionSchema: actionSchema(message) as z.ZodType<A>,
    invariants: [agreement, validity, learnedIsChosen, learnersAgree].map((inv) => ({ id: inv.id, check: (s: S) => inv.check(viewOf(s)) })),
    stepChecks: [{ id: chosenStaysChosen.id, check: (b: S, a: S) => chosenStaysChosen.check(viewOf(b), viewOf(a)) }],
    witnesses: [{ id: valueChosen.id, reached: (s: S) => valueChosen.reached(viewOf(s)) }],
    ...(options.progress ? { progress } : {}),
    liveness: {
      properties: livenessProperties.map((p) => ({ id: p.id, goal: (s: S) => p.goal(viewOf(s)) })),
      fairClass: (a) => (a.kind === "deliver" ? deliveryClass(a.to, a.msg) : a.kind === "propose" || a.kind === "timeout" || a.kind === "retry" ? `${a.kind} ${a.proposer}` : null),
      cutOff,
    },
  };
}
