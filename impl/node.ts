// The node shell: the short loop around the pure steps. For each input it runs one step of
// the key's acceptor, proposer or learner, then performs the effects in order: persist (and
// wait until durable), then send, then arm timers and answer clients. Inputs for one key are
// handled one at a time; different keys proceed concurrently and share group commits.
import type { Ballot, Message, NodeId, Value } from "../protocol/messages.ts";
import type { PaxosFrame } from "./codec.ts";
import { emptySlot, onAccept, onPrepare, type AcceptorSlot } from "./core/acceptor.ts";
import { admit, type Refusal } from "./core/admission.ts";
import type { Effect } from "./core/effects.ts";
import { LiveState } from "./core/live-state.ts";
import { emptyLearner, onAccepted, type LearnerSlot } from "./core/learner.ts";
import * as proposer from "./core/proposer.ts";
import type { Clock } from "./ports/clock.ts";
import type { Rng } from "./ports/rng.ts";
import type { Storage } from "./ports/storage.ts";
import type { Transport } from "./ports/transport.ts";
import type { TraceEvent, TraceSink } from "./trace-log.ts";
import { correctRules, type Rules } from "../protocol/rules.ts";
import { frozenClock } from "./adapters/system-clock.ts";
import { WaitingRequests } from "./waiting-requests.ts";
import { seededRng } from "./adapters/prng.ts";

export type Timing = { readonly roundMs: number; readonly backoffBaseMs: number; readonly backoffMaxMs: number };
export const defaultTiming: Timing = { roundMs: 500, backoffBaseMs: 5, backoffMaxMs: 400 };

export type NodeOptions = {
  readonly id: NodeId;
  /** Every acceptor of the cluster; this node acts as an acceptor if its id is among them. */
  readonly acceptors: readonly NodeId[];
  readonly transport: Transport;
  readonly storage: Storage;
  readonly clock?: Clock;
  readonly rng?: Rng;
  /** The protocol's decision rules (protocol/rules.ts); Paxos Made Simple's by default. */
  readonly rules?: Rules;
  /** Acceptors answer refused requests with a Nack (default true). */
  readonly nack?: boolean;
  readonly timing?: Timing;
  readonly trace?: TraceSink;
  /** Proposer shortcuts for real networks (core/proposer.ts Shortcuts); default off, as the model. */
  readonly shortcuts?: boolean;
  /** Called once if the node stops on its own: its storage failed (fail-stop). */
  readonly onFatal?: (e: Error) => void;
  /** Keys this node holds acceptor state for at most (default: no limit). */
  readonly maxKeys?: number;
  /** Frames the node refuses (admission.ts), counted and answered to their sender. */
  readonly onRefused?: (to: NodeId, key: string, refusal: Refusal) => void;
};


export class NodeStoppedError extends Error {
  constructor(id: NodeId) {
    super(`node ${id} stopped before the request finished`);
    this.name = "NodeStoppedError";
  }
}

export class PaxosNode {
  readonly id: NodeId;
  readonly rules: Rules;
  readonly slots = new Map<string, AcceptorSlot>();
  readonly learners = new Map<string, LearnerSlot>();
  readonly instances = new Map<string, proposer.ProposerInstance>();
  private readonly rounds = new Map<string, number>();
  private readonly waiting = new WaitingRequests();
  private readonly timers = new Map<string, (() => void)[]>();
  private readonly chains = new Map<string, Promise<void>>();
  private busy = 0;
  private stopped = false;
  private readonly isAcceptor: boolean;
  private readonly quorum: number;
  private readonly shortcuts: proposer.Shortcuts | null;

  private constructor(private readonly o: NodeOptions) {
    this.id = o.id;
    this.rules = o.rules ?? correctRules;
    this.isAcceptor = o.acceptors.includes(o.id);
    this.quorum = this.rules.quorum(o.acceptors.length);
    // Phase 2a to every acceptor: the TCP store's shortcut, or the accept-routing rule.
    this.shortcuts = o.shortcuts || !this.rules.acceptToPromisers ? { learnFromPromises: o.shortcuts ?? false, acceptToAll: true, acceptors: o.acceptors } : null;
  }

  /** Recover from storage, then start taking frames. */
  static async start(o: NodeOptions): Promise<PaxosNode> {
    const node = new PaxosNode(o);
    const records = await o.storage.load();
    for (const [key, { slot, round }] of LiveState.of(records).entries()) {
      if (slot !== emptySlot) node.slots.set(key, node.rules.recoverAcceptor(slot));
      if (round > 0) node.rounds.set(key, round);
    }
    // Booting over existing storage is a restart: trace validation then knows that this node's
    // volatile state is gone and its durable state (promises, votes, rounds) must not be.
    if (records.length > 0) node.emit({ event: "restart", node: o.id });
    o.transport.onFrame((f) => node.receive(f));
    return node;
  }

  /** Ask this node's proposer for `value` under `key` (null: read). Resolves with the chosen value. */
  request(key: string, value: Value | null): Promise<Value | null> {
    const known = this.learners.get(key)?.learned ?? null;
    if (known !== null) return Promise.resolve(known);
    const done = this.waiting.add(key, value);
    if (value !== null) this.emit({ event: "proposal-input", node: this.id, key, value });
    void this.enqueue(key, () => this.stepProposer(key, (p) => proposer.onPropose(p, value, this.o.acceptors, this.rules), true)).catch(this.stopOnBug);
    return done;
  }

  /** The proposer of `key` gives up its ballot and starts a higher one (ballot null: whatever it is). */
  timeout(key: string, ballot: Ballot | null = null): Promise<void> {
    return this.enqueue(key, () => {
      this.emit({ event: "timeout", node: this.id, key, ballot });
      return this.stepProposer(key, (p) => proposer.onTimeout(p, ballot, this.o.acceptors, this.rules));
    }).catch(this.stopOnBug);
  }

  /**
   * An acceptor refused this node's frames for a key (key limit, ballot out of reach): once so
   * many acceptors refused it that no quorum is left, the key's requests fail with the reason.
   */
  onRefused(r: { from: NodeId; key?: string; reason: string; detail: string }): void {
    if (r.key === undefined) return;
    const err = this.waiting.refused({ ...r, key: r.key }, this.o.acceptors.length - this.quorum);
    if (err) this.abandon(r.key, err);
  }

  /** Keys with requests waiting for an answer. */
  pendingKeys(): string[] {
    return this.waiting.keys();
  }

  /** Stop working on `key` for the client (deadline passed); waiters get `err`. */
  abandon(key: string, err: Error): void {
    const p = this.instances.get(key);
    if (p) this.instances.set(key, proposer.onAbandon(p));
    this.cancelTimers(key);
    this.waiting.fail(key, err);
  }

  /** A frame from the network; resolves once it is handled (its writes durable, its replies sent). */
  receive(frame: PaxosFrame): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const { key, msg } = frame;
    const refusal = admit(msg, { acceptors: this.o.acceptors, slot: this.slots.get(key), keys: this.slots.size, maxKeys: this.o.maxKeys ?? Infinity });
    if (refusal) {
      this.o.onRefused?.(msg.from, key, refusal);
      return Promise.resolve();
    }
    return this.enqueue(key, () => this.dispatch(key, msg)).catch(this.stopOnBug);
  }

  private dispatch(key: string, msg: Message): Promise<void> {
    const nack = this.o.nack ?? true;
    const slot = this.slots.get(key) ?? emptySlot;
    switch (msg.type) {
      case "prepare":
        return this.isAcceptor ? this.stepAcceptor(key, onPrepare(slot, key, this.id, msg, this.rules, nack)) : Promise.resolve();
      case "accept":
        return this.isAcceptor ? this.stepAcceptor(key, onAccept(slot, key, this.id, msg, this.rules, nack)) : Promise.resolve();
      case "promise":
        return this.stepProposer(key, (p) => proposer.onPromise(p, msg, this.quorum, this.rules, this.shortcuts));
      case "nack":
        return this.stepProposer(key, (p) => proposer.onNack(p, msg));
      case "accepted":
        return this.learn(key, msg);
    }
  }

  private async stepAcceptor(key: string, step: { state: AcceptorSlot; effects: readonly Effect[] }): Promise<void> {
    this.slots.set(key, step.state);
    await this.perform(key, step.effects);
  }

  /**
   * One step of the key's proposer. Only a request starts one (`start`); any other input for
   * a key without a proposer (a late Promise, a timer, an Accepted after the value was learned
   * and the proposer dropped) finds nothing to do, as an idle proposer would.
   */
  private async stepProposer(key: string, f: (p: proposer.ProposerInstance) => { state: proposer.ProposerInstance; effects: readonly Effect[] }, start = false): Promise<void> {
    const p = this.instances.get(key) ?? (start ? proposer.newInstance(key, this.id, this.rounds.get(key) ?? 0) : null);
    if (!p) return;
    const step = f(p);
    if (step.state.round > p.round) {
      this.waiting.ballotStarted(key);
      this.ballotStartedAt.set(key, this.clock.now());
    }
    if (p.phase === "prepare" && step.state.phase !== "prepare") this.sampleRoundTrip(this.clock.now() - (this.ballotStartedAt.get(key) ?? this.clock.now()));
    this.instances.set(key, step.state);
    this.rounds.set(key, step.state.round);
    await this.perform(key, step.effects);
  }

  private async learn(key: string, msg: Extract<Message, { type: "accepted" }>): Promise<void> {
    this.emit({ event: "accepted-received", node: this.id, key, from: msg.from, ballot: msg.ballot, value: msg.value });
    const r = onAccepted(this.learners.get(key) ?? emptyLearner, msg, this.quorum, this.rules);
    // Once learned, the Accepteds heard are no longer needed: only the value is kept.
    this.learners.set(key, r.learned === null ? r.state : { heard: [], learned: r.learned });
    if (r.learned === null) return;
    this.emit({ event: "value-learned", node: this.id, key, ballot: msg.ballot, value: r.learned });
    // A chosen value answers every request of the key, and the instance is dropped (finish):
    // nothing of the proposer's phase outlives it.
    this.finish(key, r.learned);
  }

  /** Effects in order: persist (durable before anything leaves), send, timers, results. */
  private async perform(key: string, effects: readonly Effect[]): Promise<void> {
    const records = effects.flatMap((e) => (e.kind === "persist" ? [e.record] : []));
    if (records.length > 0) {
      try {
        await this.o.storage.append(records);
      } catch (e) {
        return this.fail(e as Error);
      }
    }
    if (this.stopped) return;
    for (const e of effects) {
      if (e.kind === "send") this.send(key, e.to, e.msg);
      else if (e.kind === "timer") this.arm(key, e.ballot, e.reason, e.attempt);
      else if (e.kind === "result") this.answer(key, e.value, e.learnedIn);
      // Effects are a closed union: anything else is a bug in a step, which stops the node (stopOnBug).
      else if (e.kind !== "persist") throw new Error(`a step asked for an effect that does not exist: ${JSON.stringify(e)}`);
    }
  }

  private send(key: string, to: NodeId, msg: Message): void {
    this.traceSend(key, to, msg);
    this.o.transport.send(to, { type: "paxos", key, msg });
  }

  private traceSend(key: string, to: NodeId, m: Message): void {
    const node = this.id;
    if (m.type === "prepare") this.emit({ event: "prepare-sent", node, key, ballot: m.ballot });
    else if (m.type === "promise") this.emit({ event: "promise-sent", node, key, to, ballot: m.ballot, voted: m.voted });
    else if (m.type === "accept") this.emit({ event: "accept-sent", node, key, to, ballot: m.ballot, value: m.value });
    else if (m.type === "accepted") this.emit({ event: "vote-cast", node, key, to, ballot: m.ballot, value: m.value });
    else this.emit({ event: "nack-sent", node, key, to, ballot: m.ballot, promised: m.promised });
  }

  /** A smoothed phase-1 round trip (Prepare to a quorum of Promises), as TCP smooths its RTT. */
  private roundTrip = 0;
  private readonly ballotStartedAt = new Map<string, number>();

  private sampleRoundTrip(ms: number): void {
    this.roundTrip = this.roundTrip === 0 ? ms : 0.8 * this.roundTrip + 0.2 * ms;
  }

  private get clock(): Clock {
    return this.o.clock ?? frozenClock;
  }

  /**
   * Round timers, and backoff after a Nack: randomized, exponential, and at least two round
   * trips long, so that the proposer that preempted this one has time to finish its two phases
   * before this one preempts it back (duelling proposers then settle).
   */
  private arm(key: string, ballot: Ballot, reason: "round" | "backoff", attempt: number): void {
    const t = this.o.timing ?? defaultTiming;
    const rng = this.o.rng ?? fallbackRng;
    const base = Math.max(t.backoffBaseMs, 2 * this.roundTrip);
    const ms = reason === "round" ? t.roundMs : Math.min(t.backoffMaxMs, base * 2 ** (attempt - 1)) * (0.5 + rng.next());
    const cancel = this.clock.setTimer(ms, () => void this.timeout(key, ballot));
    this.timers.set(key, [...(this.timers.get(key) ?? []), cancel]);
  }

  private answer(key: string, value: Value | null, learnedIn: Ballot | undefined): void {
    if (value !== null && learnedIn) {
      this.learners.set(key, { heard: [], learned: value });
      this.emit({ event: "value-learned", node: this.id, key, ballot: learnedIn, value });
    }
    this.finish(key, value);
  }

  /** The key's instance is over (waiting-requests.ts says whom its answer answers). */
  private finish(key: string, value: Value | null): void {
    this.cancelTimers(key);
    const input = this.waiting.answer(key, value);
    if (input !== undefined) {
      void this.enqueue(key, () => this.stepProposer(key, (p) => proposer.onPropose(p, input, this.o.acceptors, this.rules), true)).catch(this.stopOnBug);
      return;
    }
    // Nothing waits: keep only what outlives the request (the durable round, the learned value).
    this.ballotStartedAt.delete(key);
    if (value !== null) this.instances.delete(key);
  }

  private cancelTimers(key: string): void {
    for (const c of this.timers.get(key) ?? []) c();
    this.timers.delete(key);
  }

  private emit(e: TraceEvent): void {
    this.o.trace?.(e);
  }

  /** Run `f` after every earlier input of the same key. */
  private enqueue(key: string, f: () => Promise<void>): Promise<void> {
    this.busy++;
    const prev = this.chains.get(key) ?? Promise.resolve();
    const next = prev.then(() => (this.stopped ? undefined : f())).finally(() => {
      this.busy--;
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
    this.chains.set(key, next.catch(() => {}));
    return next;
  }

  isIdle(): boolean {
    return this.busy === 0;
  }

  /** Resolves once no input is being handled (every write of every step has completed). */
  async idle(): Promise<void> {
    while (this.busy > 0) await Promise.all([...this.chains.values()]);
  }

  /**
   * Fail-stop: a write or fsync failed (or a step threw), so nothing that depends on it may
   * leave. The node stops taking input, sends nothing more, fails its requests with the error
   * and says so once.
   */
  private fail(e: Error): void {
    if (this.stopped) return;
    this.fatal = e;
    void this.stop();
    this.o.onFatal?.(e);
  }

  /**
   * A step threw. Frames are parsed and admitted before any step sees them and storage failures
   * are caught where they happen, so this is a bug in the node: it stops, as on a failed write,
   * rather than go on from a state half updated, and says why (never swallowed).
   */
  private readonly stopOnBug = (e: unknown): void => this.fail(new Error(`internal error: ${e instanceof Error ? e.message : String(e)}`));

  /** Why the node stopped on its own, if it did. */
  fatal: Error | null = null;

  /** Stop at once (a crash): pending requests fail, unsynced writes are lost. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const key of [...this.timers.keys()]) this.cancelTimers(key);
    for (const key of this.waiting.keys()) this.abandon(key, this.fatal ?? new NodeStoppedError(this.id));
    await this.o.transport.close();
  }

  /** Round used last for `key` (durable: recovered from storage after a restart). */
  roundOf(key: string): number {
    return this.rounds.get(key) ?? 0;
  }
}

const fallbackRng = seededRng(1);
