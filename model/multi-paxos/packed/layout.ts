// Where each part of a Multi-Paxos state lives in the packed words. Ballots are numbered
// as ../../packed-fields.ts says, the leaders n1..nL being the proposers; commands are
// c1..cK as 0..K-1 and the no-op as K. A leader's ballot is always (its round, itself), so a
// node holds its round and its phase, not its ballot; with applying in slot order, a replica's
// applied commands and next slot follow from its decided slots, so only those are held. The
// packing relies on facts every run of correct Multi-Paxos keeps (the encoder and the
// successors check them, throwing PackOverflow where a run breaks one):
// - an acceptor promises a ballot once (it promises only above its promise), so the Promise of
//   (a, b) is one code, the votes it reports;
// - a leader proposes one command per slot in its ballot, so the Accept of (b, s) is one
//   command, and every vote and Accepted of (b, s) carries it: a vote is a bit per (a, b, s), and
//   so is an Accepted, as only those that report a vote stay in the network;
// - a leader's decided slots only grow while it leads its ballot, so the Heartbeats of b form a
//   chain: one per number of slots decided.
// The fields the checks depend on come first, in words 0..viewWords-1, so that they are
// memoized on those words alone (checker/memo-checks.ts): they read the LogView only, and of
// it the replicas' decided slots (applied follows), the leaders' ballots and logs' commands, the elections, and the
// ghost votes only through what a quorum voted for in each ballot and slot (chosen-slots.ts),
// which the view holds instead of the votes. Acceptors, votes, counters and the network follow.
import { BitLayout, type Field } from "../../../checker/bit-layout.ts";
import { PackOverflow } from "../../../checker/packed-model.ts";
import { PackedFields } from "../../packed-fields.ts";
import type { MultiPaxosConfig } from "../config.ts";

export { PackOverflow };

export class MultiPaxosLayout extends PackedFields {
  /** Nodes, leaders (candidates n1..nL), slots, client commands, rounds a leader can reach. */
  readonly N: number;
  readonly L: number;
  readonly S: number;
  readonly K: number;
  readonly R: number;
  /** Ballots 0..NB-1; what a slot can hold: the commands and the no-op, 0..NOOP. */
  readonly NB: number;
  readonly NOOP: number;
  /** Codes of one slot's vote (0 none, 1 + b * (K + 1) + command) and of a decided vector (per slot 0 none, 1 + command). */
  readonly voteCodes: number;
  readonly vectors: number;
  readonly quorum: number;
  readonly words: number;
  readonly viewWords: number;

  // Field ids. Per node: up, promise (0 none, 1 + b), vote and decided per slot.
  readonly up: number[] = [];
  readonly promised: number[] = [];
  readonly vote: number[][] = [];
  readonly decided: number[][] = [];
  /**
   * Per leader: its latest round, its phase (0 none, 1 scouting, 2 leading), its log per slot
   * (0 none, 1 + command) and whether it learned each entry chosen; leading: its round while it
   * leads, else 0 (a function of round and phase, kept for the view).
   */
  readonly round: number[] = [];
  readonly phase: number[] = [];
  readonly leading: number[] = [];
  readonly log: number[][] = [];
  readonly logChosen: number[][] = [];
  /** Ghost: votes[a][b][s] cast; elections[i] the i-th phase 1 completed (0 none, 1 + 2 * b + after a leader's crash). */
  readonly votes: number[][][] = [];
  /** chosen[b][s]: 0, or 1 + the command a quorum voted for in (b, s); a function of the votes, kept for the view. */
  readonly chosen: number[][] = [];
  readonly elections: number[] = [];
  readonly leaderCrashed: number;
  readonly crashes: number;
  readonly electionsStarted: number;
  /** The network: prepare[b]; promise[a][b] (0 none, 1 + the reported votes' code); accept[b][s] (0 none, 1 + command). */
  readonly prepare: number[] = [];
  readonly promise: number[][] = [];
  readonly accept: number[][] = [];
  /** accepted[a][b][s]: a's vote for (b, s) as its Accepted reply says (a refusal is read by nothing, and dropped: ../steps/settled.ts). */
  readonly accepted: number[][][] = [];
  /** heartbeat[b][k]: 0 none, 1 + the decided vector of b's Heartbeat with k slots decided. */
  readonly heartbeat: number[][] = [];

  constructor(readonly config: MultiPaxosConfig, quorum: number) {
    super(config.leaders);
    if (config.reads > 0) throw new PackOverflow("the packed encoding does not model reads");
    if (config.acceptorStateLoss) throw new PackOverflow("the packed encoding does not model restarts that lose state");
    const N = (this.N = config.nodes);
    const L = (this.L = config.leaders);
    const S = (this.S = config.slots);
    const K = (this.K = config.commands);
    const R = (this.R = config.elections);
    const NB = (this.NB = R * L);
    this.NOOP = K;
    this.voteCodes = 1 + NB * (K + 1);
    this.vectors = (K + 2) ** S;
    this.quorum = quorum;
    const defs: { max: number; view: boolean }[] = [];
    const field = (view: boolean, max: number) => defs.push({ max, view }) - 1;
    const slots = (view: boolean, max: number) => Array.from({ length: S }, () => field(view, max));
    for (let n = 0; n < N; n++) {
      this.up.push(field(false, 1));
      this.promised.push(field(false, NB));
      this.vote.push(slots(false, this.voteCodes - 1));
      this.decided.push(slots(true, K + 1));
    }
    for (let l = 0; l < L; l++) {
      this.round.push(field(false, R));
      this.phase.push(field(false, 2));
      this.leading.push(field(true, R));
      this.log.push(slots(true, K + 1));
      this.logChosen.push(slots(false, 1));
    }
    for (let a = 0; a < N; a++) this.votes.push(Array.from({ length: NB }, () => slots(false, 1)));
    for (let b = 0; b < NB; b++) this.chosen.push(slots(true, K + 1));
    for (let i = 0; i < R; i++) this.elections.push(field(true, 2 * NB));
    this.leaderCrashed = field(false, 1);
    this.crashes = field(false, config.crashes);
    this.electionsStarted = field(false, R);
    // Accepts are never dropped from the network, so they also name the votes' commands.
    for (let b = 0; b < NB; b++) this.accept.push(slots(false, K + 1));
    for (let b = 0; b < NB; b++) this.prepare.push(field(false, 1));
    for (let a = 0; a < N; a++) this.promise.push(Array.from({ length: NB }, () => field(false, this.voteCodes ** S)));
    for (let a = 0; a < N; a++) this.accepted.push(Array.from({ length: NB }, () => slots(false, 1)));
    for (let b = 0; b < NB; b++) this.heartbeat.push(Array.from({ length: S + 1 }, () => field(false, this.vectors)));
    // First-fit decreasing within each part, so that the fields fill as few words as possible.
    const place = (view: boolean) => {
      const layout = new BitLayout();
      const placed = new Map<number, Field>();
      const ids = defs.map((_, i) => i).filter((i) => defs[i]!.view === view).sort((x, y) => defs[y]!.max - defs[x]!.max || x - y);
      for (const f of ids) placed.set(f, layout.field(defs[f]!.max));
      return { placed, words: layout.words };
    };
    const view = place(true);
    const rest = place(false);
    this.viewWords = view.words;
    this.words = view.words + rest.words;
    defs.forEach((d, f) => {
      const at = (d.view ? view : rest).placed.get(f)!;
      this.fw[f] = at.word + (d.view ? 0 : view.words);
      this.fs[f] = at.shift;
      this.fm[f] = at.mask;
      this.fmax[f] = d.max;
    });
  }
}
