// The successors of a packed Multi-Paxos state: the transitions of ../next.ts (each live node:
// its ballot, phase 1's end, a proposal, decisions, a heartbeat, receipts; then crashes and
// restarts; receipts by ballot rather than in the network's order, which may change which of
// the shortest runs a search finds, not their length), with the steps of ../steps/ computed on
// words for the correct rules.
// As in next.ts, a receipt is a transition only where it changes the node or sends something
// new, and every step drops the messages nobody can act on any more (../steps/settled.ts).
import { fieldCursor, fieldGroup } from "../../packed-fields.ts";
import { PackOverflow, type MultiPaxosLayout } from "./layout.ts";

export type Successors = (st: Int32Array, off: number, out: Int32Array, emit: () => void) => void;

export function createSuccessors(L: MultiPaxosLayout): Successors {
  const { N, S, K, NB, R, NOOP, quorum, config } = L;
  const leaders = L.L;
  const { get, cur, set, copy, bind, anyIn, clear } = fieldCursor(L, (max) => `a value does not fit its packed field (at most ${max})`);
  /** Sets a field that holds one content for good (a message of which correct runs send one). */
  const record = (f: number, v: number) => {
    const old = cur(f);
    if (old !== 0 && old !== v) throw new PackOverflow("two different messages where correct Multi-Paxos sends one");
    set(f, v);
  };

  /** phase-1b.ts on the successor: whether acceptor n promised b. */
  const promise = (n: number, b: number): boolean => {
    if (b + 1 <= cur(L.promised[n]!)) return false;
    set(L.promised[n]!, b + 1);
    let votes = 0;
    for (let s = S - 1; s >= 0; s--) votes = votes * L.voteCodes + cur(L.vote[n]![s]!);
    if (!promiseSettled(b)) record(L.promise[n]![b]!, 1 + votes);
    return true;
  };
  /** phase-2b.ts on the successor: acceptor n votes for (b, s) unless it promised higher (its refusal is dropped at once). */
  const accept = (n: number, b: number, s: number, command: number) => {
    if (b + 1 < cur(L.promised[n]!)) return;
    set(L.promised[n]!, b + 1);
    set(L.vote[n]![s]!, 1 + b * (K + 1) + command);
    if (!voteSettled(b, s)) set(L.accepted[n]![b]![s]!, 1);
    set(L.votes[n]![b]![s]!, 1);
    let voters = 0;
    for (let a = 0; a < N; a++) voters += cur(L.votes[a]![b]![s]!);
    if (voters >= quorum) set(L.chosen[b]![s]!, 1 + command);
  };
  /** replica.ts's learn: the slot's command unless one was learned (applying follows from decided). */
  const learn = (n: number, s: number, command: number): boolean => {
    if (cur(L.decided[n]![s]!) !== 0) return false;
    set(L.decided[n]![s]!, 1 + command);
    return true;
  };
  const stepDown = (n: number) => {
    set(L.phase[n]!, 0);
    set(L.leading[n]!, 0);
    for (let s = 0; s < S; s++) set(L.log[n]![s]!, 0);
    for (let s = 0; s < S; s++) set(L.logChosen[n]![s]!, 0);
  };
  /** settled.ts: whether b's Heartbeat of this decided vector can change no node, read with `at` (get or cur). */
  const heartbeatSettled = (b: number, vector: number, at: (f: number) => number): boolean => {
    for (let n = 0; n < N; n++) {
      for (let s = 0, v = vector; s < S; s++, v = Math.floor(v / (K + 2))) if (v % (K + 2) !== 0 && at(L.decided[n]![s]!) === 0) return false;
      if (n >= leaders) continue;
      const round = at(L.round[n]!);
      if (at(L.phase[n]!) !== 0 && L.ballot(round, n) < b) return false;
      const promised = at(L.promised[n]!);
      if (L.ballot(Math.max(round, promised === 0 ? 0 : L.roundOf(promised - 1)) + 1, n) < b) return false;
    }
    return true;
  };
  // settled.ts on the successor. A reply is settled by its leader's state alone: it is dropped
  // as it is sent if settled then, and a leader's replies are looked at again when its round,
  // phase or chosen slots change. A Heartbeat is settled by every node's state: looked at after
  // every step that changes a node.
  const latestOf = (p: number) => L.ballot(cur(L.round[p]!), p);
  const promiseSettled = (b: number) => b < latestOf(L.proposerOf(b)) || cur(L.phase[L.proposerOf(b)]!) !== 1;
  const voteSettled = (b: number, s: number) => {
    const p = L.proposerOf(b);
    return b < latestOf(p) || cur(L.phase[p]!) === 0 || cur(L.logChosen[p]![s]!) === 1;
  };
  const promises = Array.from({ length: NB }, (_, b) => fieldGroup(L, L.promise.map((p) => p[b]!)));
  const votes = Array.from({ length: NB }, (_, b) => Array.from({ length: S }, (_, s) => fieldGroup(L, L.accepted.map((a) => a[b]![s]!))));
  const allHeartbeats = fieldGroup(L, L.heartbeat.flat());
  /** Drops the replies to leader p it can no longer act on. */
  const dropRepliesTo = (p: number) => {
    for (let r = 1; r <= cur(L.round[p]!); r++) {
      const b = L.ballot(r, p);
      if (promiseSettled(b)) clear(promises[b]!);
      for (let s = 0; s < S; s++) if (voteSettled(b, s)) clear(votes[b]![s]!);
    }
  };
  /** heartbeat.ts's beat, of the successor's leader n: its ballot's heartbeat of its decided slots, and where it goes. */
  const beatOf = (n: number, at: (f: number) => number): { field: number; value: number; b: number; vector: number } => {
    const b = L.ballot(at(L.round[n]!), n);
    let vector = 0;
    let known = 0;
    for (let s = S - 1; s >= 0; s--) {
      const d = at(L.decided[n]![s]!);
      vector = vector * (K + 2) + d;
      if (d !== 0) known++;
    }
    return { field: L.heartbeat[b]![known]!, value: 1 + vector, b, vector };
  };
  /** After a step that changed a node: with heartbeats at once, every leader's new heartbeat sent; the settled ones dropped. */
  const updateHeartbeats = () => {
    if (config.heartbeatsAtOnce)
      for (let n = 0; n < leaders; n++) {
        if (cur(L.phase[n]!) !== 2) continue;
        const beat = beatOf(n, cur);
        if (cur(beat.field) !== beat.value && !heartbeatSettled(beat.b, beat.vector, cur)) record(beat.field, beat.value);
      }
    if (!anyIn(allHeartbeats)) return;
    for (let b = 0; b < NB; b++)
      for (let k = 0; k <= S; k++) {
        const h = cur(L.heartbeat[b]![k]!);
        if (h !== 0 && heartbeatSettled(b, h - 1, cur)) set(L.heartbeat[b]![k]!, 0);
      }
  };

  const best = new Int32Array(S);

  const leaderSteps = (n: number, emit: () => void) => {
    const phase = get(L.phase[n]!);
    if (phase === 0) {
      let someoneLeads = false;
      for (let o = 0; o < leaders; o++) if (o !== n && get(L.up[o]!) === 1 && get(L.phase[o]!) !== 0) someoneLeads = true;
      if (get(L.electionsStarted) < R && (!someoneLeads || config.suspicions)) {
        // phase-1a.ts: a ballot above every one started or promised; its own acceptor promises it at once (local.ts).
        copy();
        const promised = get(L.promised[n]!);
        const round = Math.max(get(L.round[n]!), promised === 0 ? 0 : L.roundOf(promised - 1)) + 1;
        set(L.round[n]!, round);
        set(L.phase[n]!, 1);
        const b = L.ballot(round, n);
        set(L.prepare[b]!, 1);
        promise(n, b);
        set(L.electionsStarted, get(L.electionsStarted) + 1);
        dropRepliesTo(n);
        updateHeartbeats();
        emit();
      }
      return;
    }
    const b = L.ballot(get(L.round[n]!), n);
    if (phase === 1) {
      // adopt.ts: with a quorum of promises, per slot the highest-ballot vote reported; gaps below the highest get the no-op.
      let promises = 0;
      best.fill(0);
      for (let a = 0; a < N; a++) {
        let code = get(L.promise[a]![b]!);
        if (code === 0) continue;
        promises++;
        code -= 1;
        for (let s = 0; s < S; s++, code = Math.floor(code / L.voteCodes)) best[s] = Math.max(best[s]!, code % L.voteCodes);
      }
      if (promises < quorum) return;
      let highest = 0;
      for (let s = 0; s < S; s++) if (best[s] !== 0) highest = s + 1;
      copy();
      set(L.phase[n]!, 2);
      set(L.leading[n]!, get(L.round[n]!));
      for (let s = 0; s < highest; s++) {
        const command = best[s] === 0 ? NOOP : (best[s]! - 1) % (K + 1);
        set(L.log[n]![s]!, 1 + command);
        record(L.accept[b]![s]!, 1 + command);
      }
      for (let s = 0; s < highest; s++) accept(n, b, s, cur(L.log[n]![s]!) - 1);
      let i = 0;
      while (i < R && cur(L.elections[i]!) !== 0) i++;
      if (i === R) throw new PackOverflow("more elections than started");
      set(L.elections[i]!, 1 + 2 * b + get(L.leaderCrashed));
      dropRepliesTo(n);
      updateHeartbeats();
      emit();
      return;
    }
    // phase-2a.ts: the oldest pending request in the lowest free slot.
    let free = -1;
    for (let s = 0; s < S && free < 0; s++) if (get(L.decided[n]![s]!) === 0 && get(L.log[n]![s]!) === 0) free = s;
    let pending = -1;
    for (let c = 0; c < K && pending < 0 && free >= 0; c++) {
      let taken = false;
      for (let s = 0; s < S; s++) {
        const e = get(L.log[n]![s]!);
        if (get(L.decided[n]![s]!) === 1 + c || e === 1 + c) taken = true;
      }
      if (!taken) pending = c;
    }
    if (pending >= 0) {
      copy();
      set(L.log[n]![free]!, 1 + pending);
      record(L.accept[b]![free]!, 1 + pending);
      accept(n, b, free, pending);
      updateHeartbeats();
      emit();
    }
    // decide.ts: a quorum voted for the entry in the leader's ballot.
    for (let s = 0; s < S; s++) {
      const e = get(L.log[n]![s]!);
      if (e === 0 || get(L.logChosen[n]![s]!) === 1) continue;
      let voters = 0;
      for (let a = 0; a < N; a++) voters += get(L.accepted[a]![b]![s]!);
      if (voters < quorum) continue;
      copy();
      set(L.logChosen[n]![s]!, 1);
      learn(n, s, e - 1);
      dropRepliesTo(n);
      updateHeartbeats();
      emit();
    }
    // heartbeat.ts: when what it would say is new to some node (and not sent with the step that made it new).
    if (config.heartbeatsAtOnce) return;
    const beat = beatOf(n, get);
    if (get(beat.field) !== beat.value && !heartbeatSettled(b, beat.vector, get)) {
      copy();
      record(beat.field, beat.value);
      emit();
    }
  };

  const receipts = (n: number, emit: () => void) => {
    for (let b = 0; b < NB; b++) {
      if (get(L.prepare[b]!) === 1 && b + 1 > get(L.promised[n]!)) {
        copy();
        promise(n, b);
        updateHeartbeats();
        emit();
      }
      for (let s = 0; s < S; s++) {
        const c = get(L.accept[b]![s]!);
        if (c === 0) continue;
        // A refusal changes nothing: its reply is read by nothing and dropped.
        if (b + 1 < get(L.promised[n]!)) continue;
        copy();
        accept(n, b, s, c - 1);
        updateHeartbeats();
        emit();
      }
      for (let k = 0; k <= S; k++) {
        let vector = get(L.heartbeat[b]![k]!);
        if (vector === 0) continue;
        vector -= 1;
        copy();
        let changed = false;
        for (let s = 0; s < S; s++, vector = Math.floor(vector / (K + 2))) if (vector % (K + 2) !== 0) changed = learn(n, s, (vector % (K + 2)) - 1) || changed;
        if (n < leaders && cur(L.phase[n]!) !== 0 && L.ballot(cur(L.round[n]!), n) < b) {
          stepDown(n);
          dropRepliesTo(n);
          changed = true;
        }
        if (!changed) continue;
        updateHeartbeats();
        emit();
      }
    }
  };

  return (st, off, o, emit) => {
    bind(st, off, o);
    for (let n = 0; n < N; n++) {
      if (get(L.up[n]!) === 0) continue;
      if (n < leaders) leaderSteps(n, emit);
      receipts(n, emit);
    }
    for (let n = 0; n < leaders; n++) {
      const up = get(L.up[n]!) === 1;
      const phase = get(L.phase[n]!);
      if (up && get(L.crashes) < config.crashes && phase !== 0) {
        // environment.ts: the leader role is lost; a crash while leading is remembered.
        copy();
        set(L.up[n]!, 0);
        stepDown(n);
        if (phase === 2) set(L.leaderCrashed, 1);
        set(L.crashes, get(L.crashes) + 1);
        dropRepliesTo(n);
        updateHeartbeats();
        emit();
      }
      if (!up) {
        copy();
        set(L.up[n]!, 1);
        emit();
      }
    }
  };
}
