// Between a Multi-Paxos state object and its packed words (layout.ts). decode builds the object
// as the model's own steps would (arrays in their canonical order, a replica's applied commands
// replayed by the replica's own learn), so decode(encode(s)) and s have the same fingerprint;
// encode throws PackOverflow on a state the layout cannot hold.
import type { Ballot } from "../../../protocol/messages.ts";
import { NOOP, type SlotVote } from "../../../invariants/log/view.ts";
import { commandIds, nodeIds } from "../config.ts";
import type { Accepted, Heartbeat, MultiPaxosMessage, PromiseMsg, SlotVoteMsg } from "../messages.ts";
import { messageKey } from "../msgs.ts";
import { voteKey } from "../next.ts";
import type { Entry, MultiPaxosState, NodeState } from "../state.ts";
import { learn } from "../steps/replica.ts";
import type { StepContext } from "../steps/step.ts";
import { PackOverflow, type MultiPaxosLayout } from "./layout.ts";

const PHASES = [null, "scouting", "leading"] as const;

export class MultiPaxosCodec {
  private readonly ids: string[];
  private readonly commands: string[];
  private readonly ballots: Ballot[];

  constructor(readonly L: MultiPaxosLayout, private readonly ctx: StepContext) {
    this.ids = nodeIds(L.config);
    this.commands = [...commandIds(L.config), NOOP];
    this.ballots = Array.from({ length: L.NB }, (_, b) => ({ round: L.roundOf(b), proposer: this.ids[L.proposerOf(b)]! }));
  }

  get words(): number {
    return this.L.words;
  }
  get viewWords(): number {
    return this.L.viewWords;
  }

  ballot(b: number): Ballot {
    return this.ballots[b]!;
  }
  command(c: number): string {
    return this.commands[c]!;
  }

  ballotIndex(b: Ballot): number {
    const leader = this.ids.indexOf(b.proposer);
    if (leader < 0 || leader >= this.L.L || b.round < 1 || b.round > this.L.R) throw new PackOverflow(`ballot ${b.round}.${b.proposer} is outside the packed layout`);
    return this.L.ballot(b.round, leader);
  }
  commandIndex(c: string): number {
    const i = this.commands.indexOf(c);
    if (i < 0) throw new PackOverflow(`${c} is not one of the commands the packed layout holds`);
    return i;
  }
  node(id: string): number {
    return this.ids.indexOf(id);
  }

  /** One slot's vote: 0 none, 1 + b * (K + 1) + command. */
  voteCode(v: SlotVoteMsg | undefined): number {
    return v === undefined ? 0 : 1 + this.ballotIndex(v.ballot) * (this.L.K + 1) + this.commandIndex(v.command);
  }
  /** The votes a Promise reports, one vote code per slot. */
  votesCode(votes: readonly SlotVoteMsg[]): number {
    let code = 0;
    for (let s = this.L.S; s >= 1; s--) code = code * this.L.voteCodes + this.voteCode(votes.find((v) => v.slot === s));
    return code;
  }
  votesOf(code: number): SlotVoteMsg[] {
    const out: SlotVoteMsg[] = [];
    for (let s = 1; s <= this.L.S; s++, code = Math.floor(code / this.L.voteCodes)) {
      const v = code % this.L.voteCodes;
      if (v !== 0) out.push({ slot: s, ballot: this.ballot(Math.floor((v - 1) / (this.L.K + 1))), command: this.command((v - 1) % (this.L.K + 1)) });
    }
    return out;
  }
  /** A decided vector: per slot 0 none, 1 + command. */
  vectorCode(decided: readonly { readonly slot: number; readonly command: string }[]): number {
    let code = 0;
    for (let s = this.L.S; s >= 1; s--) {
      const d = decided.find((x) => x.slot === s);
      code = code * (this.L.K + 2) + (d ? 1 + this.commandIndex(d.command) : 0);
    }
    return code;
  }
  vectorOf(code: number): { slot: number; command: string }[] {
    const out: { slot: number; command: string }[] = [];
    for (let s = 1; s <= this.L.S; s++, code = Math.floor(code / (this.L.K + 2))) if (code % (this.L.K + 2) !== 0) out.push({ slot: s, command: this.command((code % (this.L.K + 2)) - 1) });
    return out;
  }

  encode(st: MultiPaxosState, out: Int32Array, off: number): void {
    const L = this.L;
    for (let i = 0; i < L.words; i++) out[off + i] = 0;
    const set = (f: number, v: number) => L.set(out, off, f, v);
    /** Sets a field that holds one content for good. */
    const put = (f: number, v: number, what: string) => {
      const old = L.get(out, off, f);
      if (old !== 0 && old !== v) throw new PackOverflow(`${what} does not fit its packed field (two different contents)`);
      set(f, v);
    };
    if (st.reads.length > 0 || st.requested.join() !== commandIds(L.config).join()) throw new PackOverflow("the packed encoding holds no reads and the configured commands only");
    st.nodes.forEach((n, i) => this.encodeNode(n, i, set));
    for (const v of st.votes) put(L.votes[this.node(v.acceptor)]![this.ballotIndex(v.ballot)]![v.slot - 1]!, 1, "a vote");
    st.elections.forEach((e, i) => set(L.elections[i]!, 1 + 2 * this.ballotIndex(e.ballot) + (e.afterLeaderCrash ? 1 : 0)));
    set(L.leaderCrashed, st.leaderCrashed ? 1 : 0);
    set(L.crashes, st.crashes);
    set(L.electionsStarted, st.electionsStarted);
    for (const m of st.msgs) {
      const b = this.ballotIndex(m.ballot);
      if (m.from !== m.ballot.proposer && (m.type === "prepare" || m.type === "accept" || m.type === "heartbeat")) throw new PackOverflow(`${m.type} of ${m.ballot.proposer}'s ballot sent by ${m.from}`);
      switch (m.type) {
        case "prepare":
          set(L.prepare[b]!, 1);
          break;
        case "promise":
          if (m.to !== m.ballot.proposer) throw new PackOverflow("a Promise to another node than its ballot's");
          put(L.promise[this.node(m.from)]![b]!, 1 + this.votesCode(m.votes), "a Promise");
          break;
        case "accept":
          put(L.accept[b]![m.slot - 1]!, 1 + this.commandIndex(m.command), "an Accept");
          break;
        case "accepted":
          if (m.to !== m.ballot.proposer || this.ballotIndex(m.promised) !== b) throw new PackOverflow("an Accepted that is not a vote, which the packed layout does not hold");
          set(L.accepted[this.node(m.from)]![b]![m.slot - 1]!, 1);
          break;
        case "heartbeat":
          put(L.heartbeat[b]![m.decided.length]!, 1 + this.vectorCode(m.decided), "a Heartbeat");
          break;
        default:
          throw new PackOverflow(`the packed encoding holds no ${m.type} messages`);
      }
    }
    // What the network does not say itself, it takes from the ghost and the Accepts.
    if (st.msgs.some((m) => m.type === "accepted" && L.get(out, off, L.accept[this.ballotIndex(m.ballot)]![m.slot - 1]!) !== 1 + this.commandIndex(m.command))) throw new PackOverflow("an Accepted whose command is not its Accept's");
    if (st.votes.some((v) => L.get(out, off, L.accept[this.ballotIndex(v.ballot)]![v.slot - 1]!) !== 1 + this.commandIndex(v.command))) throw new PackOverflow("a vote whose command is not its Accept's");
    for (let b = 0; b < L.NB; b++)
      for (let s = 0; s < L.S; s++) if (L.votes.filter((v) => L.get(out, off, v[b]![s]!) === 1).length >= L.quorum) set(L.chosen[b]![s]!, L.get(out, off, L.accept[b]![s]!));
  }

  private encodeNode(n: NodeState, i: number, set: (f: number, v: number) => void): void {
    const L = this.L;
    if (n.id !== this.ids[i] || n.answers.length > 0) throw new PackOverflow(`node ${n.id} does not fit the packed layout`);
    set(L.up[i]!, n.up ? 1 : 0);
    set(L.promised[i]!, n.promised === null ? 0 : 1 + this.ballotIndex(n.promised));
    for (const v of n.votes) set(L.vote[i]![v.slot - 1]!, this.voteCode(v));
    n.decided.forEach((c, s) => set(L.decided[i]![s]!, c === null ? 0 : 1 + this.commandIndex(c)));
    const replayed = this.replica(i, n.decided);
    if (replayed.next !== n.next || replayed.applied.join() !== n.applied.join()) throw new PackOverflow(`${n.id}'s applied commands are not its decided slots applied in order`);
    if (i >= L.L) {
      if (n.round !== 0 || n.leadership !== null) throw new PackOverflow(`${n.id} leads but is not a leader candidate`);
      return;
    }
    set(L.round[i]!, n.round);
    const l = n.leadership;
    if (l === null) return;
    if (l.ballot.proposer !== n.id || l.ballot.round !== n.round) throw new PackOverflow(`${n.id} leads a ballot other than its latest round's`);
    set(L.phase[i]!, PHASES.indexOf(l.phase));
    if (l.phase === "leading") set(L.leading[i]!, n.round);
    for (const e of l.log) {
      set(L.log[i]![e.slot - 1]!, 1 + this.commandIndex(e.command));
      set(L.logChosen[i]![e.slot - 1]!, e.chosen ? 1 : 0);
    }
  }

  /** A replica's state after learning these decided slots (its own learn, in slot order). */
  private replica(i: number, decided: readonly (string | null)[]): NodeState {
    const blank: NodeState = { id: this.ids[i]!, up: true, promised: null, votes: [], decided: decided.map(() => null), next: 0, applied: [], answers: [], round: 0, leadership: null };
    return decided.reduce<NodeState>((n, c, s) => (c === null ? n : learn(n, s + 1, c, this.ctx)), blank);
  }

  private decodeNode(st: Int32Array, off: number, i: number): NodeState {
    const L = this.L;
    const get = (f: number) => L.get(st, off, f);
    const slots = Array.from({ length: L.S }, (_, s) => s);
    const decided = slots.map((s) => get(L.decided[i]![s]!)).map((c) => (c === 0 ? null : this.command(c - 1)));
    const { next, applied } = this.replica(i, decided);
    const promised = get(L.promised[i]!);
    const votes = this.votesOf(slots.reduceRight((code, s) => code * L.voteCodes + get(L.vote[i]![s]!), 0));
    const round = i < L.L ? get(L.round[i]!) : 0;
    const phase = i < L.L ? PHASES[get(L.phase[i]!)]! : null;
    const log = slots.flatMap((s): Entry[] => {
      const e = phase === null ? 0 : get(L.log[i]![s]!);
      return e === 0 ? [] : [{ slot: s + 1, command: this.command(e - 1), chosen: get(L.logChosen[i]![s]!) === 1 }];
    });
    return {
      id: this.ids[i]!,
      up: get(L.up[i]!) === 1,
      promised: promised === 0 ? null : this.ballot(promised - 1),
      votes,
      decided,
      next,
      applied,
      answers: [],
      round,
      leadership: phase === null ? null : { ballot: this.ballot(L.ballot(round, i)), phase, log },
    };
  }

  /** The state without its network: all the invariants and witnesses read (the LogView). */
  decodeView(st: Int32Array, off: number): MultiPaxosState {
    const L = this.L;
    const get = (f: number) => L.get(st, off, f);
    const votes: SlotVote[] = [];
    for (let a = 0; a < L.N; a++)
      for (let b = 0; b < L.NB; b++)
        for (let s = 0; s < L.S; s++) if (get(L.votes[a]![b]![s]!) === 1) votes.push({ acceptor: this.ids[a]!, ballot: this.ballot(b), slot: s + 1, command: this.command(get(L.accept[b]![s]!) - 1) });
    votes.sort((x, y) => (voteKey(x) < voteKey(y) ? -1 : 1));
    const elections = L.elections.map(get).filter((e) => e !== 0).map((e) => ({ ballot: this.ballot((e - 1) >> 1), afterLeaderCrash: ((e - 1) & 1) === 1 }));
    return {
      nodes: this.ids.map((_, i) => this.decodeNode(st, off, i)),
      msgs: [],
      requested: commandIds(L.config),
      reads: [],
      votes,
      elections,
      leaderCrashed: get(L.leaderCrashed) === 1,
      crashes: get(L.crashes),
      electionsStarted: get(L.electionsStarted),
    };
  }

  decode(st: Int32Array, off: number): MultiPaxosState {
    const L = this.L;
    const get = (f: number) => L.get(st, off, f);
    const msgs: MultiPaxosMessage[] = [];
    for (let b = 0; b < L.NB; b++) {
      const from = this.ids[L.proposerOf(b)]!;
      const ballot = this.ballot(b);
      if (get(L.prepare[b]!) === 1) msgs.push({ type: "prepare", from, ballot });
      for (let a = 0; a < L.N; a++) {
        const p = get(L.promise[a]![b]!);
        if (p !== 0) msgs.push({ type: "promise", from: this.ids[a]!, to: from, ballot, votes: this.votesOf(p - 1) } satisfies PromiseMsg);
      }
      for (let s = 0; s < L.S; s++) {
        const c = get(L.accept[b]![s]!);
        if (c === 0) continue;
        const command = this.command(c - 1);
        msgs.push({ type: "accept", from, ballot, slot: s + 1, command });
        for (let a = 0; a < L.N; a++) if (get(L.accepted[a]![b]![s]!) === 1) msgs.push({ type: "accepted", from: this.ids[a]!, to: from, ballot, promised: ballot, slot: s + 1, command } satisfies Accepted);
      }
      for (const h of L.heartbeat[b]!) if (get(h) !== 0) msgs.push({ type: "heartbeat", from, ballot, decided: this.vectorOf(get(h) - 1) } satisfies Heartbeat);
    }
    msgs.sort((x, y) => (messageKey(x) < messageKey(y) ? -1 : 1));
    return { ...this.decodeView(st, off), msgs };
  }
}
