// Where each part of a Basic Paxos state lives in the packed words. Ballots are numbered
// b = (round - 1) * P + proposer, which is compareBallots' order; values are the proposers'
// inputs, 0..P-1. The packing relies on facts every run of correct Paxos keeps (and the
// encoder and the successor function check, throwing PackOverflow where a variant breaks one):
// - an acceptor sends at most one Promise per ballot (it promises b once), so the ghost
//   promise of (a, b) is one code: 0 none, 1 voted none, 2 + c * V + v voted (c, v);
// - one value per ballot: the Accept of b (ghost proposal) and every vote in b carry it;
// - every message in flight was recorded in the ghost when sent, so a message in flight is
//   one bit per (type, acceptor, ballot): its payload is the ghost's.
// The fields an invariant can read (the SystemView: acceptors, ghost history, learned values)
// come first, in words 0..viewWords-1, so that checks can be memoized on those words alone.
// Within each of the two parts, the fields about one acceptor form a block of whole words.
import { BitLayout } from "../../../checker/bit-layout.ts";
import { PackOverflow } from "../../../checker/packed-model.ts";
import { PackedFields } from "../../packed-fields.ts";
import type { ModelConfig } from "../config.ts";

export { PackOverflow };

export class PaxosLayout extends PackedFields {
  readonly A: number;
  readonly P: number;
  /** Values: proposer i proposes value i. */
  readonly V: number;
  /** Rounds 1..R a proposer can reach: its first ballot and one per retry. */
  readonly R: number;
  /** Ballots 0..NB-1. */
  readonly NB: number;
  /** Largest count of replies one proposer holds from one acceptor (duplicates may count twice). */
  readonly maxCount: number;
  readonly words: number;
  readonly viewWords: number;
  /** Words per acceptor block in the view part and in the other part, and where the blocks start. */
  readonly blockView: number;
  readonly blockRest: number;
  readonly blockViewStart: number;
  readonly blockRestStart: number;

  // Field ids.
  readonly promised: number[] = [];
  readonly accepted: number[] = [];
  readonly accUp: number[] = [];
  readonly ghostPromise: number[][] = [];
  readonly ghostVote: number[][] = [];
  readonly ghostProposal: number[] = [];
  readonly learned: number[] = [];
  readonly propUp: number[] = [];
  readonly round: number[] = [];
  readonly phase: number[] = [];
  readonly proposal: number[] = [];
  readonly promiseCount: number[][] = [];
  /** ackCount[p][a][r]: Accepted from a for ballot (r + 1, p). */
  readonly ackCount: number[][][] = [];
  readonly proposerCrashes: number;
  readonly acceptorCrashes: number;
  readonly losses: number;
  readonly retries: number;
  readonly prepare: number[][] = [];
  readonly promise: number[][] = [];
  readonly accept: number[][] = [];
  readonly acceptedMsg: number[][] = [];
  /** nack[a][b][c]: Nack(b, promised c) from a; empty without nacks. */
  readonly nack: number[][][] = [];

  constructor(readonly config: ModelConfig, quorum: number, countBySender: boolean) {
    super(config.proposers);
    const A = (this.A = config.acceptors);
    const P = (this.P = config.proposers);
    const V = (this.V = P);
    const R = (this.R = 1 + config.retries);
    const NB = (this.NB = R * P);
    this.maxCount = countBySender ? 1 : Math.max(1, quorum);
    // Four parts: shared view fields, one view block per acceptor, shared other fields, one
    // other block per acceptor. Every field about acceptor a lies in a's two blocks, and the
    // blocks of all acceptors have one shape, so renaming acceptors permutes whole blocks.
    type Part = "view" | "accView" | "rest" | "accRest";
    const defs: { max: number; part: Part; acc: number; key: number }[] = [];
    const keys = new Map<string, number>();
    const field = (part: Part, max: number, acc = -1) => {
      const k = `${part}/${acc}`;
      const key = keys.get(k) ?? 0;
      keys.set(k, key + 1);
      defs.push({ max, part, acc, key });
      return defs.length - 1;
    };
    for (let a = 0; a < A; a++) {
      this.promised.push(field("accView", NB, a));
      this.accepted.push(field("accView", NB, a));
      this.accUp.push(field("accView", 1, a));
      this.ghostPromise.push(Array.from({ length: NB }, () => field("accView", 1 + NB * V, a)));
      this.ghostVote.push(Array.from({ length: NB }, () => field("accView", V, a)));
    }
    for (let b = 0; b < NB; b++) this.ghostProposal.push(field("view", V));
    for (let p = 0; p < P; p++) this.learned.push(field("view", V));
    for (let p = 0; p < P; p++) {
      this.propUp.push(field("rest", 1));
      this.round.push(field("rest", R));
      this.phase.push(field("rest", 2));
      this.proposal.push(field("rest", V));
      this.promiseCount.push(Array.from({ length: A }, (_, a) => field("accRest", this.maxCount, a)));
      this.ackCount.push(Array.from({ length: A }, (_, a) => Array.from({ length: R }, () => field("accRest", this.maxCount, a))));
    }
    this.proposerCrashes = field("rest", config.proposerCrashes);
    this.acceptorCrashes = field("rest", config.acceptorCrashes);
    this.losses = field("rest", config.losses);
    this.retries = field("rest", config.retries);
    for (let b = 0; b < NB; b++) {
      this.prepare.push(Array.from({ length: A }, (_, a) => field("accRest", 1, a)));
      this.accept.push(Array.from({ length: A }, (_, a) => field("accRest", 1, a)));
    }
    for (let a = 0; a < A; a++) {
      this.promise.push(Array.from({ length: NB }, () => field("accRest", 1, a)));
      this.acceptedMsg.push(Array.from({ length: NB }, () => field("accRest", 1, a)));
      this.nack.push(Array.from({ length: NB }, () => (config.nacks ? Array.from({ length: NB }, () => field("accRest", 1, a)) : [])));
    }
    // First-fit decreasing within each part (acceptor blocks: on acceptor 0's fields, then
    // the same place in every block).
    const place = (part: Part): Map<number, { word: number; shift: number; mask: number }> & { words: number } => {
      const layout = new BitLayout();
      const ids = defs.map((_, i) => i).filter((i) => defs[i]!.part === part && defs[i]!.acc <= 0).sort((x, y) => defs[y]!.max - defs[x]!.max || x - y);
      const placed = new Map<number, { word: number; shift: number; mask: number }>();
      for (const f of ids) placed.set(part.startsWith("acc") ? defs[f]!.key : f, layout.field(defs[f]!.max));
      return Object.assign(placed, { words: layout.words });
    };
    const view = place("view");
    const accView = place("accView");
    const rest = place("rest");
    const accRest = place("accRest");
    this.blockView = accView.words;
    this.blockRest = accRest.words;
    this.blockViewStart = view.words;
    this.viewWords = Math.max(1, view.words + A * accView.words);
    this.blockRestStart = this.viewWords + rest.words;
    this.words = Math.max(this.viewWords + 1, this.blockRestStart + A * accRest.words);
    defs.forEach((d, f) => {
      let at: { word: number; shift: number; mask: number };
      let word: number;
      if (d.part === "view") word = (at = view.get(f)!).word;
      else if (d.part === "rest") word = this.viewWords + (at = rest.get(f)!).word;
      else if (d.part === "accView") word = this.blockViewStart + d.acc * accView.words + (at = accView.get(d.key)!).word;
      else word = this.blockRestStart + d.acc * accRest.words + (at = accRest.get(d.key)!).word;
      this.fw[f] = word;
      this.fs[f] = at.shift;
      this.fm[f] = at.mask;
      this.fmax[f] = d.max;
    });
  }
}
