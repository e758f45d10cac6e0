// One run of a target under Synod's network: the driver every target stage builds on (model-based
// schedules, bounded exploration, replay). It offers the commands possible now, applies one at a
// time, keeps the messages in flight, and after every step judges the invariants on what it
// observed (observed.ts). A target that breaks its contract (throws, answers with a malformed
// effect or meaning, does not answer in time) ends the run with a fault naming the call and the
// reason: that is never taken for a verdict on Paxos.
import { z } from "zod";
import type { Ballot, NodeId, Vote } from "../protocol/messages.ts";
import { NodeId as NodeIdSchema } from "../protocol/messages.ts";
import type { SystemView } from "../invariants/view.ts";
import { brokenProperties, type BrokenProperty } from "../invariants/broken.ts";
import { chosenValues } from "../protocol/chosen.ts";
import { formatBallot } from "../protocol/ballot.ts";
import { AcceptorState, Capabilities, Learned, Meaning, type Roles } from "./vocabulary.ts";
import type { Effects, Target, TargetCluster } from "./target.ts";
import type { TargetConfig } from "./config.ts";
import { rolesFor } from "./config.ts";
import type { TargetCommand } from "./command.ts";
import { ObservedSystem } from "./observed.ts";
import { describeCommand, kindOf, messageLine } from "./describe.ts";

/**
 * A message in flight: the target's own message, what it means, the number Synod gave it, and
 * `what` it is in one line (sender, recipient, meaning), which names it in commands.
 */
export type InFlight<M> = { readonly id: number; readonly from: NodeId; readonly to: NodeId; readonly msg: M; readonly meaning: Meaning; readonly what: string; readonly line: string };

export type TargetStep = {
  /** 1-based. */
  readonly step: number;
  readonly command: TargetCommand;
  readonly description: string;
  /** The messages the step sent, one line each. */
  readonly sent: readonly string[];
  readonly learned: readonly Learned[];
  readonly broken: readonly BrokenProperty[];
  /** The target broke its contract on this step; the run cannot go on. */
  readonly fault: string | null;
  readonly ok: boolean;
};

/**
 * What happened in a run, in Synod's words, step by step: the log a judge of whole runs reads
 * (trace validation: tracecheck/target-log.ts). A learned value carries the ballot of the message
 * that taught it, when the step delivered one that names it.
 */
export type RunEvent =
  | { readonly step: number; readonly kind: "input"; readonly node: NodeId; readonly value: string }
  | { readonly step: number; readonly kind: "sent" | "delivered"; readonly from: NodeId; readonly to: NodeId; readonly meaning: Meaning }
  | { readonly step: number; readonly kind: "learned"; readonly node: NodeId; readonly value: string; readonly ballot: Ballot | null }
  | { readonly step: number; readonly kind: "timeout" | "crash" | "restart"; readonly node: NodeId };

/** What one step of a target did, for a judge that compares it with a model step by step. */
export type ObservedStep = {
  readonly command: TargetCommand;
  /** The message a delivery delivered. */
  readonly delivered: { readonly from: NodeId; readonly to: NodeId; readonly meaning: Meaning } | null;
  readonly sent: readonly { readonly from: NodeId; readonly to: NodeId; readonly meaning: Meaning }[];
  readonly learned: readonly Learned[];
  /** The acceptors' promise and vote after the step, when the target exposes them (white box). */
  readonly acceptors: ReadonlyMap<NodeId, { readonly promised: Ballot | null; readonly accepted: Vote | null }> | null;
};

/** Compares each step of one run with a model (tracecheck/target-lockstep.ts): the differences, one line each. */
export interface StepComparer {
  compare(step: ObservedStep): string[];
}

/** The property a step that differs from the model breaks, as reports name it. */
export const LOCKSTEP_PROPERTY = "lockstep-with-the-model";

/** A judge of a whole run, read once the run ends: the step it rejects, the property, and why. */
export type RunJudge = (events: readonly RunEvent[], roles: Roles) => { readonly step: number; readonly property: string; readonly message: string } | null;

export type RunOptions = {
  readonly config: TargetConfig;
  readonly seed: number;
  /** Longest a call of the target may take before the run fails, in ms. */
  readonly callTimeoutMs?: number;
  /** Judges the whole run once it ends without a failed step (schedule.ts). */
  readonly judgeRun?: RunJudge;
  /**
   * For a target that declares the model's behaviour: a comparer per run, which fails every step
   * that differs from the model's (lockstep). Never used for a target that does not declare it.
   */
  readonly compareWith?: (roles: Roles, capabilities: Capabilities) => StepComparer;
  /**
   * "multiset" (default): every message sent is in flight until delivered or lost. "set": a
   * message equal to one already in flight joins it, as in the model's network, for a driver
   * that plays the model's actions (mbt/lockstep.ts).
   */
  readonly network?: "multiset" | "set";
};

const DEFAULT_CALL_TIMEOUT_MS = 5_000;

/** A call of the target that broke the contract: the run ends with this message. */
export class TargetFault extends Error {
  override readonly name = "TargetFault";
}

const EffectsShape = z.strictObject({
  sent: z.array(z.strictObject({ from: NodeIdSchema, to: NodeIdSchema, msg: z.unknown() })).optional(),
  learned: z.array(Learned).optional(),
});

export class TargetRun<M = unknown> {
  readonly roles: Roles;
  readonly capabilities: Capabilities;
  /** Every node of the cluster: where a message may go. */
  private readonly nodes: ReadonlySet<NodeId>;
  private readonly observed: ObservedSystem;
  private readonly flight: InFlight<M>[] = [];
  private nextId = 1;
  private readonly down = new Set<NodeId>();
  /** Proposers that proposed since they last (re)started. */
  private readonly proposed = new Set<NodeId>();
  private readonly used = { retries: 0, losses: 0, duplicates: 0, proposerCrashes: 0, acceptorCrashes: 0 };
  private whiteBox: Map<NodeId, { promised: Ballot | null; accepted: Vote | null }> | undefined;
  private viewNow: SystemView;
  private steps = 0;
  private closed = false;
  private readonly log: RunEvent[] = [];
  private readonly comparer: StepComparer | null;

  private constructor(
    private readonly target: Target<M>,
    private readonly targetCluster: TargetCluster<M>,
    private readonly o: RunOptions,
    roles: Roles,
    capabilities: Capabilities,
  ) {
    this.roles = roles;
    this.capabilities = capabilities;
    this.nodes = new Set([...roles.acceptors, ...roles.proposers, ...roles.learners]);
    this.observed = new ObservedSystem(roles);
    if (targetCluster.acceptorState) this.whiteBox = new Map();
    this.comparer = capabilities.behaviour === "model" && o.compareWith ? o.compareWith(roles, capabilities) : null;
    this.viewNow = this.observed.view(this.whiteBox);
  }

  static async start<M>(target: Target<M>, o: RunOptions): Promise<TargetRun<M>> {
    const caps = Capabilities.safeParse(target.capabilities ?? {});
    if (!caps.success) throw new TargetFault(`target ${target.name}: capabilities: ${issueText(caps.error)}`);
    const roles = rolesFor(o.config, caps.data, o.seed);
    const cluster = await within(o.callTimeoutMs, `create`, () => target.create(roles));
    const run = new TargetRun(target, cluster, o, roles, caps.data);
    await run.readWhiteBox();
    run.viewNow = run.observed.view(run.whiteBox);
    return run;
  }

  /** What happened so far, for judges of whole runs. */
  get events(): readonly RunEvent[] {
    return this.log;
  }

  /** The target's cluster of this run, for a report that shows what the target lets it see. */
  get cluster(): TargetCluster<M> {
    return this.targetCluster;
  }

  /** The target exposes its acceptors' state (white box). */
  get whiteBoxed(): boolean {
    return this.whiteBox !== undefined;
  }
  get stepsTaken(): number {
    return this.steps;
  }
  get inFlight(): readonly InFlight<M>[] {
    return this.flight;
  }
  get view(): SystemView {
    return this.viewNow;
  }
  /** A value is chosen now: the witness that a run got somewhere. */
  get chosen(): boolean {
    return chosenValues(this.viewNow).length > 0;
  }
  /** The observable state in one string, for coverage: acceptors, who is down, what is in flight, what was learned. */
  stateKey(): string {
    const v = this.viewNow;
    const acceptors = v.acceptors.map((a) => [formatBallot(a.promised), a.accepted ? `${formatBallot(a.accepted.ballot)}:${a.accepted.value}` : "-", a.up]);
    return JSON.stringify([acceptors, [...this.down].sort(), this.flight.map((e) => e.what).sort(), [...new Set(v.learned.map((l) => `${l.learner}:${l.value}`))].sort()]);
  }

  isUp(node: NodeId): boolean {
    return !this.down.has(node);
  }

  /** What may happen next, in a fixed order (schedules pick among them by index). */
  commands(): TargetCommand[] {
    const out: TargetCommand[] = [];
    for (const p of this.roles.proposers) {
      if (this.mayPropose(p)) out.push({ kind: "propose", proposer: p });
      else if (this.mayTimeOut(p)) out.push({ kind: "timeout", proposer: p });
    }
    const deliverable = this.flight.filter((e) => !this.down.has(e.to));
    for (const e of deliverable) out.push({ kind: "deliver", id: e.id, message: e.what, keep: false });
    if (this.mayDuplicate()) for (const e of deliverable) out.push({ kind: "deliver", id: e.id, message: e.what, keep: true });
    if (this.mayLose()) for (const e of this.flight) out.push({ kind: "lose", id: e.id, message: e.what });
    for (const n of [...this.roles.acceptors, ...this.roles.proposers]) {
      if (this.mayCrash(n)) out.push({ kind: "crash", node: n });
      else if (this.mayRestart(n)) out.push({ kind: "restart", node: n });
    }
    return out;
  }

  /** Whether `c` is one of commands(), without listing them all (a step asks it every time). */
  isPossible(c: TargetCommand): boolean {
    switch (c.kind) {
      case "propose":
        return this.roles.proposers.includes(c.proposer) && this.mayPropose(c.proposer);
      case "timeout":
        return this.mayTimeOut(c.proposer);
      case "deliver": {
        const e = this.flight.find((x) => x.id === c.id);
        return e !== undefined && !this.down.has(e.to) && (!c.keep || this.mayDuplicate());
      }
      case "lose":
        return this.mayLose() && this.flight.some((x) => x.id === c.id);
      case "crash":
        return this.mayCrash(c.node);
      case "restart":
        return this.mayRestart(c.node);
    }
  }

  // What the budgets and the declared capabilities allow now, for commands() and isPossible() alike.
  private mayPropose(p: NodeId): boolean {
    return !this.down.has(p) && !this.proposed.has(p);
  }
  private mayTimeOut(p: NodeId): boolean {
    return !this.down.has(p) && this.proposed.has(p) && this.used.retries < this.o.config.retries;
  }
  private mayDuplicate(): boolean {
    return this.used.duplicates < this.o.config.duplicates;
  }
  private mayLose(): boolean {
    return this.used.losses < this.o.config.losses;
  }
  private mayCrash(n: NodeId): boolean {
    if (this.down.has(n)) return false;
    if (this.roles.acceptors.includes(n)) return this.used.acceptorCrashes < this.o.config.acceptorCrashes;
    return this.roles.proposers.includes(n) && this.used.proposerCrashes < this.o.config.proposerCrashes;
  }
  /** Only durable acceptors come back: an amnesic one would break Paxos by design. */
  private mayRestart(n: NodeId): boolean {
    return this.down.has(n) && (!this.roles.acceptors.includes(n) || this.capabilities.acceptors === "durable");
  }

  /**
   * Applies `requested`, which must be possible now (one of commands(), or a delivery or loss of a
   * message that is in flight by what it is); a step with a fault ends the run.
   */
  async step(requested: TargetCommand): Promise<TargetStep> {
    if (this.closed) throw new TargetFault("the run is closed");
    const c = this.resolve(requested);
    const description = describeCommand(c, (id) => this.flight.find((e) => e.id === id));
    const possible = this.isPossible(c);
    this.steps++;
    const base = { step: this.steps, command: c, description };
    if (!possible) return { ...base, sent: [], learned: [], broken: [], fault: `${description} is not possible here`, ok: false };
    const before = this.viewNow;
    const sent: string[] = [];
    const broken: BrokenProperty[] = [];
    let learned: Learned[] = [];
    const { call, actor, teacher } = this.callOf(c);
    const delivered = c.kind === "deliver" ? this.flight.find((e) => e.id === c.id)! : null;
    const out: InFlight<M>[] = [];
    try {
      const effects = await this.apply(c, call);
      const checked = this.checkEffects(effects, actor, call);
      out.push(...checked.sent);
      for (const e of checked.sent) {
        if (this.o.network !== "set" || !this.flight.some((x) => x.what === e.what)) this.flight.push(e);
        this.log.push({ step: this.steps, kind: "sent", from: e.from, to: e.to, meaning: e.meaning });
        sent.push(e.line);
        const b = this.observed.sent(e.from, e.meaning);
        // An Accept to each acceptor breaks the same rule once per message: say it once.
        if (b && !broken.some((x) => x.property === b.property && x.message === b.message)) broken.push(b);
      }
      learned = checked.learned;
      for (const l of learned) {
        this.observed.learn(l.node, l.value);
        this.log.push({ step: this.steps, kind: "learned", node: l.node, value: l.value, ballot: teacher });
      }
      // One node acts per call: only its state can have changed.
      if (actor !== null && this.roles.acceptors.includes(actor)) await this.readWhiteBox([actor]);
    } catch (err) {
      if (!(err instanceof TargetFault)) throw err;
      return { ...base, sent, learned, broken, fault: err.message, ok: false };
    }
    this.viewNow = this.observed.view(this.whiteBox);
    broken.push(...brokenProperties("impl", before, this.viewNow));
    if (this.comparer) {
      const acceptors = this.whiteBox ?? null;
      const differences = this.comparer.compare({ command: c, delivered, sent: out, learned, acceptors });
      if (differences.length > 0) broken.push({ side: "impl", kind: "step", property: LOCKSTEP_PROPERTY, message: `differs from the model: ${differences.join("; ")}` });
    }
    return { ...base, sent, learned, broken, fault: null, ok: broken.length === 0 };
  }

  /** A delivery or loss names its message by number and by what it is: the number wins while it is still that message. */
  private resolve(c: TargetCommand): TargetCommand {
    if (c.kind !== "deliver" && c.kind !== "lose") return c;
    const byId = this.flight.find((e) => e.id === c.id);
    if (byId?.what === c.message) return c;
    const same = this.flight.find((e) => e.what === c.message && !this.down.has(e.to));
    if (same) return { ...c, id: same.id };
    // A schedule with a step removed may number its ballots otherwise: the same kind of message
    // between the same nodes is the candidate (a minimizer keeps it only if the run fails the same way).
    const like = this.flight.find((e) => kindOf(e.what) === kindOf(c.message) && !this.down.has(e.to));
    return like ? { ...c, id: like.id, message: like.what } : c;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await within(this.o.callTimeoutMs, "close", async () => void (await this.targetCluster.close?.()));
  }

  /**
   * The call a command makes, as failures name it (`propose p1 A`, `deliver #4 to p1`); the node
   * it is about (a loss is about none); and the ballot a delivered message teaches a learner.
   */
  private callOf(c: TargetCommand): { call: string; actor: NodeId | null; teacher: Ballot | null } {
    switch (c.kind) {
      case "propose":
        return { call: `propose ${c.proposer} ${this.roles.inputs[c.proposer]}`, actor: c.proposer, teacher: null };
      case "timeout":
        return { call: `timeout ${c.proposer}`, actor: c.proposer, teacher: null };
      case "deliver": {
        const e = this.flight.find((x) => x.id === c.id)!;
        const m = e.meaning;
        const teacher = m.type === "accepted" ? m.ballot : m.type === "promise" && m.vote !== null && m.vote !== "not-reported" ? m.vote.ballot : null;
        return { call: `deliver #${e.id} to ${e.to}`, actor: e.to, teacher };
      }
      case "lose":
        return { call: `lose #${c.id}`, actor: null, teacher: null };
      default:
        return { call: `${c.kind} ${c.node}`, actor: c.node, teacher: null };
    }
  }

  /** Makes the call (`call` names it in a failure) and keeps Synod's side of it: budgets, the network, the log. */
  private async apply(c: TargetCommand, call: string): Promise<Effects<M> | void> {
    const t = this.o.callTimeoutMs;
    switch (c.kind) {
      case "propose": {
        const value = this.roles.inputs[c.proposer]!;
        this.proposed.add(c.proposer);
        this.observed.input(value);
        this.log.push({ step: this.steps, kind: "input", node: c.proposer, value });
        return within(t, call, () => this.targetCluster.propose(c.proposer, value));
      }
      case "timeout":
        this.used.retries++;
        this.log.push({ step: this.steps, kind: "timeout", node: c.proposer });
        return within(t, call, () => this.targetCluster.timeout(c.proposer));
      case "deliver": {
        const at = this.flight.findIndex((e) => e.id === c.id);
        const e = this.flight[at]!;
        if (c.keep) this.used.duplicates++;
        else this.flight.splice(at, 1);
        this.observed.delivered(e.to, e.from, e.meaning);
        this.log.push({ step: this.steps, kind: "delivered", from: e.from, to: e.to, meaning: e.meaning });
        return within(t, call, () => this.targetCluster.deliver({ from: e.from, to: e.to, msg: e.msg }));
      }
      case "lose":
        this.used.losses++;
        this.flight.splice(
          this.flight.findIndex((e) => e.id === c.id),
          1,
        );
        return;
      case "crash": {
        if (this.roles.acceptors.includes(c.node)) this.used.acceptorCrashes++;
        else this.used.proposerCrashes++;
        this.down.add(c.node);
        this.proposed.delete(c.node);
        this.observed.setUp(c.node, false);
        this.log.push({ step: this.steps, kind: "crash", node: c.node });
        await within(t, call, () => this.targetCluster.crash(c.node));
        return; // a crashed node sends nothing
      }
      case "restart":
        this.down.delete(c.node);
        this.observed.setUp(c.node, true);
        this.log.push({ step: this.steps, kind: "restart", node: c.node });
        return within(t, call, () => this.targetCluster.restart(c.node));
    }
  }

  private checkEffects(effects: Effects<M> | void, actor: NodeId | null, call: string): { sent: InFlight<M>[]; learned: Learned[] } {
    if (effects === undefined) return { sent: [], learned: [] };
    const r = EffectsShape.safeParse(effects);
    if (!r.success) throw new TargetFault(`${call}: the target's answer: ${issueText(r.error)}`);
    const known = this.nodes;
    const sent: InFlight<M>[] = [];
    for (const [i, e] of (r.data.sent ?? []).entries()) {
      if (e.from !== actor) throw new TargetFault(`${call}: sent[${i}] is from ${e.from}, but only ${actor ?? "nobody"} acted`);
      if (!known.has(e.to)) throw new TargetFault(`${call}: sent[${i}] is to ${e.to}, which is no node of this cluster`);
      const msg = e.msg as M;
      let meant: unknown;
      try {
        meant = this.target.meaning(msg);
      } catch (err) {
        throw new TargetFault(`${call}: meaning of sent[${i}] threw: ${(err as Error).message}`);
      }
      const m = Meaning.safeParse(meant);
      if (!m.success) throw new TargetFault(`${call}: meaning of sent[${i}] ${short(msg)}: ${issueText(m.error)}`);
      const id = this.nextId++;
      const own = this.target.describe?.(msg);
      const what = messageLine(e.from, e.to, m.data, own);
      sent.push({ id, from: e.from, to: e.to, msg, meaning: m.data, what, line: `#${id} ${what}` });
    }
    const learned = r.data.learned ?? [];
    for (const [i, l] of learned.entries()) if (l.node !== actor) throw new TargetFault(`${call}: learned[${i}] is by ${l.node}, but only ${actor ?? "nobody"} acted`);
    return { sent, learned };
  }

  private async readWhiteBox(acceptors: readonly NodeId[] = this.roles.acceptors): Promise<void> {
    if (!this.whiteBox || !this.targetCluster.acceptorState) return;
    for (const id of acceptors) {
      if (this.down.has(id)) continue;
      const raw = await within(this.o.callTimeoutMs, `acceptorState ${id}`, () => this.targetCluster.acceptorState!(id));
      const r = AcceptorState.safeParse(raw);
      if (!r.success) throw new TargetFault(`acceptorState ${id}: ${issueText(r.error)}`);
      this.whiteBox.set(id, r.data);
    }
  }
}


/** Calls the target; an asynchronous answer must come within the limit. */
async function within<T>(ms: number | undefined, call: string, f: () => T | Promise<T>): Promise<T> {
  const limit = ms ?? DEFAULT_CALL_TIMEOUT_MS;
  try {
    const answer = f();
    if (!(answer instanceof Promise)) return answer;
    return await new Promise<T>((resolve, reject) => {
      const wait: Waiting = { deadline: Date.now() + limit, expire: () => reject(new TargetFault(`${call}: no answer within ${limit} ms`)) };
      watch(wait);
      answer.then(
        (v) => (waiting.delete(wait), resolve(v)),
        (e) => (waiting.delete(wait), reject(e)),
      );
    });
  } catch (err) {
    if (err instanceof TargetFault) throw err;
    throw new TargetFault(`${call}: the target threw: ${(err as Error)?.message ?? String(err)}`);
  }
}

// Calls waiting for an answer, and one timer for all of them: a timer per call cost more than
// many a call itself. It ticks only while some call waits, so a hung target still fails its run
// within a tick of the limit, and an idle process is free to exit.
type Waiting = { readonly deadline: number; readonly expire: () => void };
const waiting = new Set<Waiting>();
const TICK_MS = 10;
let watchdog: NodeJS.Timeout | undefined;

function watch(w: Waiting): void {
  waiting.add(w);
  watchdog ??= setInterval(() => {
    const now = Date.now();
    for (const x of waiting) if (now >= x.deadline) (waiting.delete(x), x.expire());
    if (waiting.size === 0) watchdog = void clearInterval(watchdog);
  }, TICK_MS);
}

function issueText(e: z.ZodError): string {
  const i = e.issues[0]!;
  return `${i.path.length ? `field ${i.path.join(".")}` : "value"}: ${i.message}`;
}

function short(msg: unknown): string {
  const s = JSON.stringify(msg) ?? String(msg);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
