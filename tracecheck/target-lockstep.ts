// Lockstep for targets: a target that declares the model's behaviour (capabilities.behaviour
// "model") is compared with the Basic Paxos model step by step, as impl/ always was. Synod keeps
// the messages (target/run.ts), so the model here is only its nodes: each step of the run is the
// same step of the model's handler (model/basic-paxos/next.ts handle), and what the target sent,
// learned and (white box) holds must be what the model sends, learns and holds, up to a renaming
// of ballots (protocol/ballot-renaming.ts). The first difference fails the step.
//
// One difference is allowed by design: a proposer that has learned may end its instance and
// ignore later Promises (its client has the answer), where the model's carries on to phase 2.
// Its silence then is taken as the model not taking that step.
import type { Action } from "../model/basic-paxos/actions.ts";
import type { ModelConfig } from "../model/basic-paxos/config.ts";
import type { PaxosState } from "../model/basic-paxos/state.ts";
import type { Ballot, Message, NodeId, Vote } from "../protocol/messages.ts";
import type { Capabilities, Meaning, Roles } from "../target/vocabulary.ts";
import type { ObservedStep, StepComparer } from "../target/run.ts";
import { initialState } from "../model/basic-paxos/state.ts";
import { handle, type Semantics } from "../model/basic-paxos/next.ts";
import { startsBallots } from "../model/basic-paxos/retry.ts";
import { describeMessage } from "../model/basic-paxos/describe.ts";
import { correctRules } from "../protocol/rules.ts";
import { BallotRenaming } from "../protocol/ballot-renaming.ts";
import { formatBallot } from "../protocol/ballot.ts";

export { LOCKSTEP_PROPERTY } from "../target/run.ts";

/** The comparison for one run (target/run.ts RunOptions.compareWith). */
export function compareWithModel(roles: Roles, capabilities: Capabilities): StepComparer {
  return new TargetLockstep(roles, capabilities);
}

type Sent = { readonly from: NodeId; readonly to: NodeId; readonly meaning: Meaning };

class TargetLockstep implements StepComparer {
  private model: PaxosState;
  private readonly sem: Semantics;
  private readonly names = new BallotRenaming();

  constructor(roles: Roles, capabilities: Capabilities) {
    // Only the handlers run here: the budgets are the run's (target/run.ts), never the model's.
    const config: ModelConfig = {
      acceptors: roles.acceptors.length,
      proposers: roles.proposers.length,
      retries: Number.MAX_SAFE_INTEGER,
      loss: true,
      losses: Number.MAX_SAFE_INTEGER,
      duplication: true,
      proposerCrashes: Number.MAX_SAFE_INTEGER,
      acceptorCrashes: Number.MAX_SAFE_INTEGER,
      acceptorStateLoss: false,
      nacks: capabilities.nacks,
      distinguished: false,
      stuckTimeouts: false,
    };
    this.sem = { config, rules: { ...correctRules, acceptToPromisers: capabilities.acceptRouting === "promisers" } };
    this.model = initialState(config);
  }

  compare(o: ObservedStep): string[] {
    const action = this.actionOf(o);
    if (typeof action === "string") return [action];
    const before = this.model;
    const step = action === null ? { state: before, send: [] } : handle(before, action, this.sem);
    const proposer = action?.kind === "deliver" ? before.proposers.find((p) => p.id === action.to) : undefined;
    // The one allowed difference: a proposer that has learned ends its instance (header).
    if (proposer?.learned != null && o.sent.length === 0 && o.learned.length === 0) return [];
    this.model = step.state;
    const started = this.pairStarted(before, o.sent);
    // A ballot that could not be paired would make every message of the step differ: say it once.
    if (started.length > 0) return started;
    const out = this.compareSent(step.send, o.sent);
    out.push(...this.compareLearned(before, o.learned));
    if (o.acceptors) out.push(...this.compareAcceptors(o.acceptors));
    return out;
  }

  /** The model action the step is; null when the model takes no step (a loss, a timer the model would not act on). */
  private actionOf(o: ObservedStep): Action | null | string {
    const c = o.command;
    switch (c.kind) {
      case "propose":
      case "timeout": {
        // The model starts no ballot for a proposer that has learned (its client has the answer).
        const p = this.proposerState(c.proposer);
        if (!p.up || p.learned !== null || !startsBallots(p, this.sem)) return null;
        // A proposer asked again after a restart starts its next ballot: the model's timeout step.
        if (c.kind === "propose") return p.round > 0 ? { kind: "timeout", proposer: p.id } : { kind: "propose", proposer: p.id };
        return p.phase !== "idle" && this.sem.rules.retryOnTimeout(p.phase) ? { kind: "timeout", proposer: p.id } : null;
      }
      case "deliver": {
        if (!o.delivered) return null;
        const msg = this.modelMessage(o.delivered);
        return typeof msg === "string" ? `delivered ${msg}` : { kind: "deliver", to: o.delivered.to, msg };
      }
      case "lose":
        return null;
      case "crash":
      case "restart":
        return { kind: c.kind, node: c.node };
    }
  }

  private proposerState(id: NodeId) {
    return this.model.proposers.find((p) => p.id === id)!;
  }

  /** When the model's step started a ballot, pairs it with the one the target's Prepares carry. */
  private pairStarted(before: PaxosState, sent: readonly Sent[]): string[] {
    const p = this.model.proposers.find((x, i) => x.round > before.proposers[i]!.round);
    if (!p) return [];
    const model: Ballot = { round: p.round, proposer: p.id };
    const prepared = sent.flatMap((e) => (e.meaning.type === "prepare" ? [e.meaning.ballot] : []));
    const r = this.names.pairStarted(model, prepared);
    const head = `${p.id} starts a ballot: the model starts ${formatBallot(model)}`;
    switch (r.kind) {
      case "paired":
        return [];
      case "no-renaming":
        return [`${p.id} starts a ballot: ${r.why}`];
      case "several":
        return [`${head}, the target several: ${r.started.map(formatBallot).join(", ")}`];
      case "none":
        return [r.reused.length === 0 ? `${head}, the target sends no Prepare` : `${head}, the target starts ${r.reused.map(formatBallot).join(", ")} again, which it used before`];
    }
  }

  private compareSent(modelSent: readonly { to: NodeId; msg: Message }[], targetSent: readonly Sent[]): string[] {
    const line = (to: NodeId, m: Message) => `${describeMessage(m)} ${m.from}->${to}`;
    const want = modelSent.map((e) => line(e.to, e.msg));
    const got: string[] = [];
    const out: string[] = [];
    for (const e of targetSent) {
      const m = this.modelMessage(e);
      if (typeof m === "string") out.push(`sent ${m}`);
      else got.push(line(e.to, m));
    }
    for (const l of minus(want, got)) out.push(`the model sends ${l}, the target does not`);
    for (const l of minus(got, want)) out.push(`the target sends ${l}, the model does not`);
    return out;
  }

  private compareLearned(before: PaxosState, learned: ObservedStep["learned"]): string[] {
    const out: string[] = [];
    for (const [i, p] of this.model.proposers.entries()) {
      const was = before.proposers[i]!.learned;
      const now = learned.filter((l) => l.node === p.id).map((l) => l.value);
      if (p.learned !== null && p.learned !== was && !now.includes(p.learned)) out.push(`${p.id} learns ${p.learned} in the model, not in the target`);
      for (const v of now) if (v !== p.learned) out.push(`${p.id} learns ${v} in the target, ${p.learned === null ? "nothing" : p.learned} in the model`);
    }
    for (const l of learned) if (!this.model.proposers.some((p) => p.id === l.node)) out.push(`${l.node} learns ${l.value}, but only proposers learn in the model`);
    return out;
  }

  private compareAcceptors(held: NonNullable<ObservedStep["acceptors"]>): string[] {
    const out: string[] = [];
    for (const a of this.model.acceptors) {
      const t = held.get(a.id);
      if (!a.up || !t) continue;
      const promised = this.names.ballot(a.promised);
      const accepted = this.names.vote(a.accepted);
      if (ballotText(promised) !== ballotText(t.promised)) out.push(`${a.id}'s promise: ${ballotText(promised)} in the model, ${ballotText(t.promised)} in the target`);
      if (voteText(accepted) !== voteText(t.accepted)) out.push(`${a.id}'s vote: ${voteText(accepted)} in the model, ${voteText(t.accepted)} in the target`);
    }
    return out;
  }

  /** The target's message in the model's words and ballots, or why it has none. */
  private modelMessage(e: Sent): Message | string {
    const m = e.meaning;
    const what = `${m.type} ${e.from}->${e.to}`;
    if (m.type === "other") return `${m.label ?? "a message"} ${e.from}->${e.to}, which the model has no counterpart for`;
    const ballot = this.names.modelBallot(m.ballot);
    if (!ballot) return `${what} in ballot ${formatBallot(m.ballot)}, which no proposer started as the model does`;
    switch (m.type) {
      case "prepare":
        return { type: "prepare", from: e.from, ballot };
      case "accept":
      case "accepted":
        return { type: m.type, from: e.from, ballot, value: m.value };
      case "nack": {
        const promised = m.promised ? this.names.modelBallot(m.promised) : ballot;
        return promised ? { type: "nack", from: e.from, ballot, promised } : `${what} naming promise ${formatBallot(m.promised!)}, which no proposer started`;
      }
      case "promise": {
        if (m.vote === "not-reported") return `${what} that does not report the acceptor's vote, which the model's Promise always does`;
        if (m.vote === null) return { type: "promise", from: e.from, ballot, voted: null };
        const vb = this.names.modelBallot(m.vote.ballot);
        return vb ? { type: "promise", from: e.from, ballot, voted: { ballot: vb, value: m.vote.value } } : `${what} reporting a vote in ballot ${formatBallot(m.vote.ballot)}, which no proposer started`;
      }
    }
  }
}

function minus(a: readonly string[], b: readonly string[]): string[] {
  const rest = [...b];
  return a.filter((x) => {
    const i = rest.indexOf(x);
    if (i < 0) return true;
    rest.splice(i, 1);
    return false;
  });
}

const ballotText = (b: Ballot | null) => (b === null ? "none" : formatBallot(b));
const voteText = (v: Vote | null) => (v === null ? "none" : `${v.value} in ${formatBallot(v.ballot)}`);
