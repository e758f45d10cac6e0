// The Synod adapter for reducer-paxos: the only file here that knows Synod. It keeps one state per
// node, feeds each call of Synod to the node's reducer as an event, and hands the reducer's
// outbox back to Synod, which holds the messages and decides when (and whether) each arrives.
//
//   npx synod mbt --target examples/reducer-paxos/target.ts --target-args mode=first-vote
// As a user's project imports it: synod is a dependency, and this is its public entry.
import { defineTarget, type Effects, type Envelope, type Meaning as MeaningInput, type Roles, type Target, type TargetCluster } from "synod/target";
import {
  acceptor,
  initialAcceptor,
  initialLearner,
  initialProposer,
  isMode,
  learner,
  MODES,
  proposer,
  type AcceptorState,
  type LearnerState,
  type Mode,
  type Msg,
  type Out,
  type ProposerState,
  type Setup,
  type Step,
} from "./paxos.ts";

export type ReducerTargetOptions = {
  /** One of MODES (paxos.ts); "correct" when absent. */
  readonly mode?: string;
  /** Let Synod read each acceptor's promise and vote (white box); otherwise it rebuilds them from the messages. */
  readonly whiteBox?: boolean | "true" | "false";
};

const ballot = (m: { n: number; by: string }) => ({ round: m.n, owner: m.by });

export function meaning(msg: Msg): MeaningInput {
  switch (msg.kind) {
    case "P1a":
      return { type: "prepare", ballot: ballot(msg) };
    case "P1b":
      return { type: "promise", ballot: ballot(msg), vote: msg.vote ? { ballot: ballot(msg.vote), value: msg.vote.v } : null };
    case "P2a":
      return { type: "accept", ballot: ballot(msg), value: msg.v };
    case "P2b":
      return { type: "accepted", ballot: ballot(msg), value: msg.v };
    case "Nack":
      return { type: "nack", ballot: ballot(msg), promised: ballot(msg.promised) };
  }
}

export function describe(msg: Msg): string {
  const b = `${msg.n}/${msg.by}`;
  switch (msg.kind) {
    case "P1b":
      return `P1b ${b} vote=${msg.vote ? `${msg.vote.n}/${msg.vote.by}:${msg.vote.v}` : "-"}`;
    case "P2a":
    case "P2b":
      return `${msg.kind} ${b} ${msg.v}`;
    case "Nack":
      return `Nack ${b} promised=${msg.promised.n}/${msg.promised.by}`;
    default:
      return `${msg.kind} ${b}`;
  }
}

export function reducerTarget(options: ReducerTargetOptions = {}): Target<Msg> {
  const mode = options.mode ?? "correct";
  if (!isMode(mode)) throw new Error(`reducer-paxos: no mode '${mode}'; modes: ${Object.keys(MODES).join(", ")}`);
  const whiteBox = options.whiteBox === true || options.whiteBox === "true";
  return defineTarget<Msg>({
    name: `reducer-paxos:${mode}${whiteBox ? "+white-box" : ""}`,
    capabilities: {
      nacks: mode === "nacks",
      acceptRouting: mode === "p2a-to-all" ? "all" : "promisers",
      learners: "separate",
      // The forgetful acceptor says so too: that is the bug.
      acceptors: "durable",
      ballots: "owned",
    },
    create: (roles) => new ReducerCluster(roles, mode, whiteBox),
    meaning,
    describe,
  });
}

export default reducerTarget;

class ReducerCluster implements TargetCluster<Msg> {
  private readonly setup: Setup;
  private readonly acceptors = new Map<string, AcceptorState>();
  private readonly proposers = new Map<string, ProposerState>();
  private readonly learners = new Map<string, LearnerState>();
  acceptorState?: (id: string) => { promised: { round: number; owner: string } | null; accepted: { ballot: { round: number; owner: string }; value: string } | null };

  constructor(roles: Roles, mode: Mode, whiteBox: boolean) {
    this.setup = { mode, acceptors: roles.acceptors, learners: roles.learners };
    for (const a of roles.acceptors) this.acceptors.set(a, initialAcceptor);
    for (const p of roles.proposers) this.proposers.set(p, initialProposer(p));
    for (const l of roles.learners) this.learners.set(l, initialLearner);
    if (whiteBox)
      this.acceptorState = (id) => {
        const s = this.get(this.acceptors, id);
        return { promised: s.promised && ballot(s.promised), accepted: s.accepted && { ballot: ballot(s.accepted), value: s.accepted.v } };
      };
  }

  propose(p: string, value: string): Effects<Msg> {
    return this.run(this.proposers, p, (s) => proposer(this.setup, s, { type: "propose", value }));
  }

  timeout(p: string): Effects<Msg> {
    return this.run(this.proposers, p, (s) => proposer(this.setup, s, { type: "tick" }));
  }

  deliver({ from, to, msg }: Envelope<Msg>): Effects<Msg> {
    const e = { type: "recv", from, msg } as const;
    if (this.acceptors.has(to)) return this.run(this.acceptors, to, (s) => acceptor(this.setup, s, e));
    if (this.proposers.has(to)) return this.run(this.proposers, to, (s) => proposer(this.setup, s, e));
    return this.run(this.learners, to, (s) => learner(this.setup, s, e));
  }

  /** Nothing to do: a crashed node is called no more until it restarts, and its restart drops what it kept in memory. */
  crash(node: string): void {
    if (!this.acceptors.has(node) && !this.proposers.has(node)) throw new Error(`no acceptor or proposer ${node}`);
  }

  restart(node: string): Effects<Msg> {
    if (this.acceptors.has(node)) return this.run(this.acceptors, node, (s) => acceptor(this.setup, s, { type: "restart" }));
    return this.run(this.proposers, node, (s) => proposer(this.setup, s, { type: "restart" }));
  }

  private run<S>(states: Map<string, S>, node: string, f: (s: S) => Step<S>): Effects<Msg> {
    const r = f(this.get(states, node));
    states.set(node, r.state);
    return { sent: r.out.map((o: Out) => ({ from: node, to: o.to, msg: o.msg })), learned: r.decided === undefined ? [] : [{ node, value: r.decided }] };
  }

  private get<S>(states: Map<string, S>, node: string): S {
    const s = states.get(node);
    if (s === undefined) throw new Error(`no such node here: ${node}`);
    return s;
  }
}
