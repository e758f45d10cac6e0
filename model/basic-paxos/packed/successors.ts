// The successors of a packed Basic Paxos state, action by action in the order of
// model/next.ts enabledActions (proposers, then the network in canonical order, each message
// delivered then lost, then crashes and restarts), so that breadth-first search visits states
// in the same order on both engines. As there, a delivery that returns the very same state
// (a stale or repeated message) is not an action; one that changes nothing visible (a Nack
// sent again) is, and the engine counts it as a transition that stutters.
import type { PaxosLayout } from "./layout.ts";
import { PackOverflow } from "./layout.ts";
import type { RuleTables } from "./rule-tables.ts";

export type Successors = (st: Int32Array, off: number, out: Int32Array, emit: () => void) => void;

export function createSuccessors(L: PaxosLayout, rules: RuleTables): Successors {
  const { A, P, V, NB, config } = L;
  const W = L.words;
  const fw = Int32Array.from(L.fw);
  const fs = Int32Array.from(L.fs);
  const fm = Int32Array.from(L.fm);
  const fmax = Int32Array.from(L.fmax);
  const dup = config.duplication;
  const q = rules.quorum;
  const n1 = NB + 1;
  const counts = new Int32Array(A);
  const voteCodes = new Int32Array(A);

  let src: Int32Array = new Int32Array(W);
  let base = 0;
  let out: Int32Array = new Int32Array(W);
  const get = (f: number) => (src[base + fw[f]!]! >>> fs[f]!) & fm[f]!;
  const cur = (f: number) => (out[fw[f]!]! >>> fs[f]!) & fm[f]!;
  const set = (f: number, v: number) => {
    if (v > fmax[f]!) throw new PackOverflow(`the packed layout of ${config.acceptors} acceptors, ${config.proposers} proposers and ${config.retries} retries cannot hold this state (a field exceeds ${fmax[f]})`);
    const i = fw[f]!;
    out[i] = (out[i]! & ~(fm[f]! << fs[f]!)) | (v << fs[f]!);
  };
  /** Sets a ghost slot, which holds one content for good. */
  const record = (f: number, v: number) => {
    const old = cur(f);
    if (old !== 0 && old !== v) throw new PackOverflow("two different messages of one kind for one acceptor and ballot, where correct Paxos sends one");
    set(f, v);
  };
  const copy = () => {
    for (let i = 0; i < W; i++) out[i] = src[base + i]!;
  };

  const startBallot = (p: number, round: number) => {
    set(L.round[p]!, round + 1);
    set(L.phase[p]!, 1);
    for (let a = 0; a < A; a++) set(L.promiseCount[p]![a]!, 0);
    set(L.proposal[p]!, 0);
    const b = L.ballot(round + 1, p);
    for (let a = 0; a < A; a++) set(L.prepare[b]![a]!, 1);
  };

  /** A refused Prepare or Accept: a Nack where enabled, else silence (no action unless it consumes the message). */
  const refuse = (slot: number, a: number, b: number, emit: () => void) => {
    const promised = get(L.promised[a]!);
    if (config.nacks && promised !== 0) {
      copy();
      if (!dup) set(slot, 0);
      set(L.nack[a]![b]![promised - 1]!, 1);
      emit();
    } else if (!dup) consume(slot, emit);
  };
  const consume = (slot: number, emit: () => void) => {
    copy();
    set(slot, 0);
    emit();
  };
  const lose = (slot: number, emit: () => void) => {
    if (!config.loss || get(L.losses) >= config.losses) return;
    copy();
    set(slot, 0);
    set(L.losses, get(L.losses) + 1);
    emit();
  };

  const deliverPrepare = (b: number, a: number, emit: () => void) => {
    const slot = L.prepare[b]![a]!;
    if (!rules.promiseAllowed[b * n1 + get(L.promised[a]!)]) return refuse(slot, a, b, emit);
    copy();
    if (!dup) set(slot, 0);
    set(L.promised[a]!, b + 1);
    const acc = get(L.accepted[a]!);
    record(L.ghostPromise[a]![b]!, acc === 0 ? 1 : 2 + (acc - 1) * V + get(L.ghostVote[a]![acc - 1]!) - 1);
    set(L.promise[a]![b]!, 1);
    emit();
  };

  const deliverAccept = (b: number, a: number, emit: () => void) => {
    const slot = L.accept[b]![a]!;
    const promised = get(L.promised[a]!);
    if (!rules.acceptAllowed[b * n1 + promised]) return refuse(slot, a, b, emit);
    copy();
    if (!dup) set(slot, 0);
    if (promised <= b + 1) set(L.promised[a]!, b + 1);
    set(L.accepted[a]!, b + 1);
    record(L.ghostVote[a]![b]!, get(L.ghostProposal[b]!));
    set(L.acceptedMsg[a]![b]!, 1);
    emit();
  };

  const deliverPromise = (b: number, a: number, emit: () => void) => {
    const slot = L.promise[a]![b]!;
    const p = L.proposerOf(b);
    const round = get(L.round[p]!);
    const countField = L.promiseCount[p]![a]!;
    if (get(L.phase[p]!) !== 1 || round === 0 || L.ballot(round, p) !== b || (rules.countBySender && get(countField) > 0)) {
      if (!dup) consume(slot, emit);
      return;
    }
    copy();
    if (!dup) set(slot, 0);
    set(countField, get(countField) + 1);
    let total = 0;
    for (let x = 0; x < A; x++) {
      counts[x] = cur(L.promiseCount[p]![x]!);
      voteCodes[x] = cur(L.ghostPromise[x]![b]!);
      total += counts[x]!;
    }
    if (total >= q) {
      const value = rules.chooseValue(p, counts, voteCodes);
      set(L.phase[p]!, 2);
      set(L.proposal[p]!, value + 1);
      for (let x = 0; x < A; x++) if (!rules.acceptToPromisers || counts[x]! > 0) set(L.accept[b]![x]!, 1);
      record(L.ghostProposal[b]!, value + 1);
    }
    emit();
  };

  const deliverAccepted = (b: number, a: number, emit: () => void) => {
    const slot = L.acceptedMsg[a]![b]!;
    const p = L.proposerOf(b);
    const r = L.roundOf(b) - 1;
    const ackField = L.ackCount[p]![a]![r]!;
    if (get(L.learned[p]!) !== 0 || (rules.countBySender && get(ackField) > 0)) {
      if (!dup) consume(slot, emit);
      return;
    }
    copy();
    if (!dup) set(slot, 0);
    set(ackField, get(ackField) + 1);
    const value = get(L.ghostVote[a]![b]!);
    let voters = 0;
    for (let x = 0; x < A; x++) {
      let entries = 0;
      for (let y = 0; y < L.R; y++) {
        if (rules.learnerSameBallot && y !== r) continue;
        if (get(L.ghostVote[x]![L.ballot(y + 1, p)]!) === value) entries += cur(L.ackCount[p]![x]![y]!);
      }
      voters += rules.countBySender ? (entries > 0 ? 1 : 0) : entries;
    }
    if (voters >= q) set(L.learned[p]!, value);
    emit();
  };

  // Slots of the four message kinds, by [ballot][acceptor], in the order they are explored.
  const prepareSlots = L.prepare;
  const acceptSlots = L.accept;
  const promiseSlots = Array.from({ length: NB }, (_, b) => Array.from({ length: A }, (_, a) => L.promise[a]![b]!));
  const acceptedSlots = Array.from({ length: NB }, (_, b) => Array.from({ length: A }, (_, a) => L.acceptedMsg[a]![b]!));
  /** Each message of one kind in flight: delivered if its recipient is up, then lost. */
  const inFlight = (slots: number[][], toAcceptor: boolean, deliver: (b: number, a: number, emit: () => void) => void, emit: () => void) => {
    for (let b = 0; b < NB; b++) {
      const ownerUp = get(L.propUp[L.proposerOf(b)]!);
      for (let a = 0; a < A; a++) {
        const slot = slots[b]![a]!;
        if (!get(slot)) continue;
        if (toAcceptor ? get(L.accUp[a]!) : ownerUp) deliver(b, a, emit);
        lose(slot, emit);
      }
    }
  };

  return (st, off, o, emit) => {
    src = st;
    base = off;
    out = o;
    for (let p = 0; p < P; p++) {
      if (!get(L.propUp[p]!) || get(L.learned[p]!) !== 0) continue;
      const round = get(L.round[p]!);
      if (round === 0) {
        copy();
        startBallot(p, round);
        emit();
      } else if (get(L.retries) < config.retries) {
        copy();
        startBallot(p, round);
        set(L.retries, get(L.retries) + 1);
        emit();
      }
    }
    // The network, in inFlightKey order: Prepare (1a), Promise (1b), Accept (2a), Accepted (2b), Nack.
    inFlight(prepareSlots, true, deliverPrepare, emit);
    inFlight(promiseSlots, false, deliverPromise, emit);
    inFlight(acceptSlots, true, deliverAccept, emit);
    inFlight(acceptedSlots, false, deliverAccepted, emit);
    if (config.nacks) {
      for (let b = 0; b < NB; b++) {
        const ownerUp = get(L.propUp[L.proposerOf(b)]!);
        for (let a = 0; a < A; a++) {
          for (let c = 0; c < NB; c++) {
            const slot = L.nack[a]![b]![c]!;
            if (!get(slot)) continue;
            // A Nack changes nothing but the network: with duplication it is no action at all.
            if (ownerUp && !dup) consume(slot, emit);
            lose(slot, emit);
          }
        }
      }
    }
    for (let p = 0; p < P; p++) {
      const up = get(L.propUp[p]!);
      if (up && get(L.proposerCrashes) < config.proposerCrashes) {
        // A crash loses everything volatile: the phase, the replies counted, what was learned.
        copy();
        set(L.propUp[p]!, 0);
        set(L.phase[p]!, 0);
        set(L.proposal[p]!, 0);
        set(L.learned[p]!, 0);
        for (let a = 0; a < A; a++) {
          set(L.promiseCount[p]![a]!, 0);
          for (let r = 0; r < L.R; r++) set(L.ackCount[p]![a]![r]!, 0);
        }
        set(L.proposerCrashes, get(L.proposerCrashes) + 1);
        emit();
      }
      if (!up) {
        copy();
        set(L.propUp[p]!, 1);
        if (!rules.restartKeepsRound) set(L.round[p]!, 0);
        emit();
      }
    }
    for (let a = 0; a < A; a++) {
      const up = get(L.accUp[a]!);
      if (up && get(L.acceptorCrashes) < config.acceptorCrashes) {
        copy();
        set(L.accUp[a]!, 0);
        set(L.acceptorCrashes, get(L.acceptorCrashes) + 1);
        emit();
      }
      if (!up) {
        copy();
        set(L.accUp[a]!, 1);
        emit();
      }
      if (!up && config.acceptorStateLoss) {
        copy();
        set(L.promised[a]!, 0);
        set(L.accepted[a]!, 0);
        set(L.accUp[a]!, 1);
        emit();
      }
    }
  };
}
