// Between a Basic Paxos state object and its packed words (layout.ts). decode builds the
// object exactly as the model's own constructors would (same keys in the same order, arrays
// in their canonical order), so decode(encode(s)) and s have the same fingerprint.
import type { Ballot, Message, Value, Vote } from "../../../protocol/messages.ts";
import type { AcceptedReceived, AcceptorState, Ghost, InFlight, PaxosState, PromiseReceived, ProposerPhase, ProposerState } from "../state.ts";
import { inputValue } from "../config.ts";
import { ackKey, byKey, inFlightKey } from "../keys.ts";
import { PackOverflow, type PaxosLayout } from "./layout.ts";

const PHASES: readonly ProposerPhase[] = ["idle", "prepare", "accept"];

export class PaxosCodec {
  private readonly ballots: Ballot[];
  private readonly values: Value[];

  get words(): number {
    return this.L.words;
  }
  get viewWords(): number {
    return this.L.viewWords;
  }

  constructor(readonly L: PaxosLayout) {
    this.ballots = Array.from({ length: L.NB }, (_, b) => ({ round: L.roundOf(b), proposer: `p${L.proposerOf(b) + 1}` }));
    this.values = Array.from({ length: L.V }, (_, v) => inputValue(v));
  }

  ballot(b: number): Ballot {
    return this.ballots[b]!;
  }
  value(v: number): Value {
    return this.values[v]!;
  }

  /** The ballot number of a ballot object; PackOverflow if outside the layout. */
  ballotIndex(b: Ballot): number {
    const p = Number(b.proposer.slice(1)) - 1;
    if (!/^p\d$/.test(b.proposer) || p >= this.L.P || b.round < 1 || b.round > this.L.R) throw new PackOverflow(`ballot ${b.round}.${b.proposer} is outside the packed layout`);
    return this.L.ballot(b.round, p);
  }
  valueIndex(v: Value): number {
    const i = this.values.indexOf(v);
    if (i < 0) throw new PackOverflow(`value ${v} is not one of the proposers' inputs`);
    return i;
  }
  voteCode(voted: Vote | null): number {
    return voted === null ? 1 : 2 + this.ballotIndex(voted.ballot) * this.L.V + this.valueIndex(voted.value);
  }
  voteOf(code: number): Vote | null {
    if (code === 1) return null;
    const c = Math.floor((code - 2) / this.L.V);
    return { ballot: this.ballot(c), value: this.value((code - 2) % this.L.V) };
  }

  encode(s: PaxosState, out: Int32Array, off: number): void {
    const L = this.L;
    for (let i = 0; i < L.words; i++) out[off + i] = 0;
    const acc = (id: string) => index(id, "a", L.A);
    const prop = (id: string) => index(id, "p", L.P);
    /** Sets a slot that may be written twice only with the same value. */
    const put = (f: number, value: number, what: string) => {
      const old = L.get(out, off, f);
      if (old !== 0 && old !== value) throw new PackOverflow(`${what} does not fit its slot (two different contents)`);
      L.set(out, off, f, value);
    };
    for (const v of s.ghost.votes) put(L.ghostVote[acc(v.acceptor)]![this.ballotIndex(v.ballot)]!, 1 + this.valueIndex(v.value), "a vote");
    for (const p of s.ghost.promises) put(L.ghostPromise[acc(p.acceptor)]![this.ballotIndex(p.ballot)]!, this.voteCode(p.voted), "a promise");
    for (const p of s.ghost.proposals) put(L.ghostProposal[this.ballotIndex(p.ballot)]!, 1 + this.valueIndex(p.value), "a proposal");
    const voteValue = (a: number, b: number) => L.get(out, off, L.ghostVote[a]![b]!) - 1;
    s.acceptors.forEach((x, a) => {
      if (x.id !== `a${a + 1}`) throw new PackOverflow(`acceptor ${x.id} out of order`);
      L.set(out, off, L.promised[a]!, x.promised === null ? 0 : 1 + this.ballotIndex(x.promised));
      if (x.accepted !== null) {
        const b = this.ballotIndex(x.accepted.ballot);
        if (voteValue(a, b) !== this.valueIndex(x.accepted.value)) throw new PackOverflow(`${x.id}'s vote is not in the ghost history`);
        L.set(out, off, L.accepted[a]!, 1 + b);
      }
      L.set(out, off, L.accUp[a]!, x.up ? 1 : 0);
    });
    s.proposers.forEach((x, p) => {
      if (x.id !== `p${p + 1}` || x.input !== this.value(p)) throw new PackOverflow(`proposer ${x.id} out of order or with another input`);
      L.set(out, off, L.propUp[p]!, x.up ? 1 : 0);
      L.set(out, off, L.round[p]!, x.round);
      L.set(out, off, L.phase[p]!, PHASES.indexOf(x.phase));
      L.set(out, off, L.proposal[p]!, x.proposal === null ? 0 : 1 + this.valueIndex(x.proposal));
      L.set(out, off, L.learned[p]!, x.learned === null ? 0 : 1 + this.valueIndex(x.learned));
      for (const r of x.promises) {
        const a = acc(r.from);
        if (x.round < 1 || this.voteCode(r.voted) !== L.get(out, off, L.ghostPromise[a]![L.ballot(x.round, p)]!)) throw new PackOverflow(`${x.id} holds a promise that is not its ballot's`);
        const f = L.promiseCount[p]![a]!;
        L.set(out, off, f, L.get(out, off, f) + 1);
      }
      for (const k of x.acks) {
        const a = acc(k.from);
        const b = this.ballotIndex(k.ballot);
        if (L.proposerOf(b) !== p || voteValue(a, b) !== this.valueIndex(k.value)) throw new PackOverflow(`${x.id} holds an Accepted that is not in the ghost history`);
        const f = L.ackCount[p]![a]![L.roundOf(b) - 1]!;
        L.set(out, off, f, L.get(out, off, f) + 1);
      }
    });
    L.set(out, off, L.proposerCrashes, s.proposerCrashes);
    L.set(out, off, L.acceptorCrashes, s.acceptorCrashes);
    L.set(out, off, L.losses, s.losses);
    L.set(out, off, L.retries, s.retries);
    for (const { to, msg } of s.network) this.encodeInFlight(to, msg, out, off, acc, prop);
  }

  private encodeInFlight(to: string, m: Message, out: Int32Array, off: number, acc: (id: string) => number, prop: (id: string) => number): void {
    const L = this.L;
    const b = this.ballotIndex(m.ballot);
    const owner = L.proposerOf(b);
    const bad = () => new PackOverflow(`message ${inFlightKey({ to, msg: m })} does not match the ghost history`);
    switch (m.type) {
      case "prepare":
        if (prop(m.from) !== owner) throw bad();
        return L.set(out, off, L.prepare[b]![acc(to)]!, 1);
      case "promise": {
        const a = acc(m.from);
        if (prop(to) !== owner || L.get(out, off, L.ghostPromise[a]![b]!) !== this.voteCode(m.voted)) throw bad();
        return L.set(out, off, L.promise[a]![b]!, 1);
      }
      case "accept":
        if (prop(m.from) !== owner || L.get(out, off, L.ghostProposal[b]!) !== 1 + this.valueIndex(m.value)) throw bad();
        return L.set(out, off, L.accept[b]![acc(to)]!, 1);
      case "accepted": {
        const a = acc(m.from);
        if (prop(to) !== owner || L.get(out, off, L.ghostVote[a]![b]!) !== 1 + this.valueIndex(m.value)) throw bad();
        return L.set(out, off, L.acceptedMsg[a]![b]!, 1);
      }
      case "nack": {
        if (!this.L.config.nacks || prop(to) !== owner) throw bad();
        return L.set(out, off, L.nack[acc(m.from)]![b]![this.ballotIndex(m.promised)]!, 1);
      }
    }
  }

  /**
   * The state's view part only (acceptors, ghost history, learned values), as a PaxosState
   * whose network is empty and whose proposers hold nothing volatile but what they learned:
   * enough for every check, which reads the SystemView (model/view.ts) and nothing else.
   */
  decodeView(st: Int32Array, off: number): PaxosState {
    return this.decode(st, off, true);
  }

  decode(st: Int32Array, off: number, viewOnly = false): PaxosState {
    const L = this.L;
    const g = (f: number) => L.get(st, off, f);
    const aid = (a: number) => `a${a + 1}`;
    const pid = (p: number) => `p${p + 1}`;
    const voteIn = (a: number, b: number): Vote => ({ ballot: this.ballot(b), value: this.value(g(L.ghostVote[a]![b]!) - 1) });
    const acceptors: AcceptorState[] = [];
    for (let a = 0; a < L.A; a++) {
      const promised = g(L.promised[a]!);
      const accepted = g(L.accepted[a]!);
      acceptors.push({ id: aid(a), promised: promised === 0 ? null : this.ballot(promised - 1), accepted: accepted === 0 ? null : voteIn(a, accepted - 1), up: g(L.accUp[a]!) === 1 });
    }
    const proposers: ProposerState[] = [];
    for (let p = 0; p < L.P; p++) {
      const learned = g(L.learned[p]!);
      if (viewOnly) {
        proposers.push({ id: pid(p), input: this.value(p), up: true, round: 0, phase: "idle", promises: [], proposal: null, acks: [], learned: learned === 0 ? null : this.value(learned - 1) });
        continue;
      }
      const round = g(L.round[p]!);
      const promises: PromiseReceived[] = [];
      for (let a = 0; a < L.A; a++) {
        for (let n = g(L.promiseCount[p]![a]!); n > 0; n--) promises.push({ from: aid(a), voted: this.voteOf(g(L.ghostPromise[a]![L.ballot(round, p)]!)) });
      }
      const acks: AcceptedReceived[] = [];
      for (let a = 0; a < L.A; a++) {
        for (let r = 0; r < L.R; r++) {
          const b = L.ballot(r + 1, p);
          for (let n = g(L.ackCount[p]![a]![r]!); n > 0; n--) acks.push({ from: aid(a), ballot: this.ballot(b), value: this.value(g(L.ghostVote[a]![b]!) - 1) });
        }
      }
      acks.sort(byKey(ackKey));
      const proposal = g(L.proposal[p]!);
      proposers.push({
        id: pid(p),
        input: this.value(p),
        up: g(L.propUp[p]!) === 1,
        round,
        phase: PHASES[g(L.phase[p]!)]!,
        promises,
        proposal: proposal === 0 ? null : this.value(proposal - 1),
        acks,
        learned: learned === 0 ? null : this.value(learned - 1),
      });
    }
    const network: InFlight[] = [];
    // The ghost history is built in its canonical order (castVoteKey, sentPromiseKey,
    // proposalKey: by ballot, then acceptor), since ballot numbers run in compareBallots' order
    // and acceptors a1..a5 in theirs: no sort. Decoding views is the first sight of every view
    // and every pair of views the checks judge, and sorting by string keys was most of it.
    const ghost: { votes: Ghost["votes"][number][]; promises: Ghost["promises"][number][]; proposals: Ghost["proposals"][number][] } = { votes: [], promises: [], proposals: [] };
    for (let b = 0; b < L.NB; b++) {
      const ballot = this.ballot(b);
      const owner = pid(L.proposerOf(b));
      const proposed = g(L.ghostProposal[b]!);
      if (proposed !== 0) ghost.proposals.push({ ballot, value: this.value(proposed - 1) });
      for (let a = 0; a < L.A; a++) {
        const code = g(L.ghostPromise[a]![b]!);
        if (code !== 0) ghost.promises.push({ acceptor: aid(a), ballot, voted: this.voteOf(code) });
        const vote = g(L.ghostVote[a]![b]!);
        if (vote !== 0) ghost.votes.push({ acceptor: aid(a), ballot, value: this.value(vote - 1) });
        if (viewOnly) continue;
        if (g(L.prepare[b]![a]!)) network.push({ to: aid(a), msg: { type: "prepare", from: owner, ballot } });
        if (g(L.accept[b]![a]!)) network.push({ to: aid(a), msg: { type: "accept", from: owner, ballot, value: this.value(proposed - 1) } });
        if (g(L.promise[a]![b]!)) network.push({ to: owner, msg: { type: "promise", from: aid(a), ballot, voted: this.voteOf(code) } });
        if (g(L.acceptedMsg[a]![b]!)) network.push({ to: owner, msg: { type: "accepted", from: aid(a), ballot, value: this.value(vote - 1) } });
        L.nack[a]![b]!.forEach((f, c) => {
          if (g(f)) network.push({ to: owner, msg: { type: "nack", from: aid(a), ballot, promised: this.ballot(c) } });
        });
      }
    }
    network.sort(byKey(inFlightKey));
    return {
      acceptors,
      proposers,
      network,
      proposerCrashes: g(L.proposerCrashes),
      acceptorCrashes: g(L.acceptorCrashes),
      losses: g(L.losses),
      retries: g(L.retries),
      ghost,
    };
  }
}

function index(id: string, prefix: string, n: number): number {
  const i = Number(id.slice(1)) - 1;
  if (id[0] !== prefix || !Number.isInteger(i) || i < 0 || i >= n) throw new PackOverflow(`node ${id} is outside the packed layout`);
  return i;
}
