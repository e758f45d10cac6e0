// The invariants, witnesses and step properties of an object model, run on packed states
// without decoding each one. Where every check reads only a view of the state (Basic Paxos's
// SystemView, Multi-Paxos's LogView) and the view is a function of the layout's first words
// (the view words), a check gives the same answer on all states with equal view words: it runs
// once per distinct view (per distinct pair of views for a step property), on a decoded state,
// and is remembered. The answers are those of the object checks themselves, not of a second
// implementation.
import type { Model } from "./model.ts";
import { RecentLookups } from "./recent-lookups.ts";
import { hashWords } from "./state-store.ts";
import { WordsInterner } from "./words-interner.ts";

/** How a packed encoding exposes its view: how many leading words hold it, and a state decoded from them that every check judges as it judges the full state. */
export type ViewCodec<S> = {
  readonly viewWords: number;
  decodeView(words: Int32Array, off: number): S;
};

const UNKNOWN = -2;
/** Decoded views kept: a power of two. A view comes back long after it was decoded (Basic Paxos decodes each several times with a few hundred kept), and a decoded view is a few kilobytes. */
const DECODED = 4096;
/**
 * Pairs of views whose answer is kept in a cache the processor's caches hold: a search meets the
 * same few pairs over and over (the states of a level share few views), while the table of all
 * pairs outgrows those caches and each lookup there is a miss; a worker has a table of its own.
 */
const RECENT_PAIRS = 8192;

/** `array`, or a copy twice as long (the new part filled with `fill`) when `index` lies past its end. */
export function holding(array: Int32Array, index: number, fill: number): Int32Array {
  if (index < array.length) return array;
  const bigger = new Int32Array(array.length * 2).fill(fill);
  bigger.set(array);
  return bigger;
}

export class MemoChecks<S, A> {
  private readonly views: WordsInterner;
  private broken: Int32Array = new Int32Array(1024).fill(UNKNOWN);
  private reached: Int32Array = new Int32Array(1024);
  /** Step properties per view for steps that keep the view (half of all steps or more): no lookup. */
  private keptView: Int32Array = new Int32Array(1024).fill(UNKNOWN);
  /**
   * Step properties per pair of different views, numbered by an interner of the before view's
   * number and the after view's words: one lookup that allocates nothing (the after view is
   * numbered only when a pair is new).
   */
  private readonly pairs: WordsInterner;
  private readonly pair: Int32Array;
  /** Step properties of pairs of views met lately, plus one. */
  private readonly recentPairs: RecentLookups;
  private steps: Int32Array = new Int32Array(1024).fill(UNKNOWN);
  /**
   * Recently decoded views by number, direct-mapped: a new pair of views mostly pairs a view
   * judged a moment ago with another, and decoding (objects, sorted arrays) is what a new
   * pair costs.
   */
  private readonly decodedId = new Int32Array(DECODED).fill(-1);
  private readonly decoded: (S | undefined)[] = new Array(DECODED);
  private readonly viewWords: number;
  /** The view words last looked up and their number, for new states and for expanded ones: the engine asks about one state several times in a row. */
  private readonly last: Int32Array[];
  private readonly lastView = [-1, -1];

  constructor(private readonly model: Model<S, A>, private readonly codec: ViewCodec<S>) {
    this.viewWords = codec.viewWords;
    this.last = [new Int32Array(this.viewWords), new Int32Array(this.viewWords)];
    this.views = new WordsInterner(this.viewWords);
    this.pairs = new WordsInterner(1 + this.viewWords);
    this.pair = new Int32Array(1 + this.viewWords);
    this.recentPairs = new RecentLookups(1 + this.viewWords, RECENT_PAIRS);
  }

  /** The number of the state's view; its invariants and witnesses are judged on first sight. */
  private view(words: Int32Array, off: number): number {
    const id = this.views.intern(words, off);
    this.broken = holding(this.broken, id, UNKNOWN);
    this.reached = holding(this.reached, id, 0);
    this.keptView = holding(this.keptView, id, UNKNOWN);
    if (this.broken[id] === UNKNOWN) {
      const s = this.decodedView(id, words, off);
      this.broken[id] = this.model.invariants.findIndex((inv) => inv.check(s) !== null);
      let bits = 0;
      this.model.witnesses.forEach((w, i) => {
        if (w.reached(s)) bits |= 1 << i;
      });
      this.reached[id] = bits;
    }
    return id;
  }

  /** view(), skipping the table when the view words are the last ones looked up. */
  private recentView(words: Int32Array, off: number, slot: 0 | 1): number {
    const last = this.last[slot]!;
    let same = this.lastView[slot]! >= 0;
    for (let i = 0; i < this.viewWords && same; i++) same = last[i] === words[off + i];
    if (!same) {
      for (let i = 0; i < this.viewWords; i++) last[i] = words[off + i]!;
      this.lastView[slot] = this.view(words, off);
    }
    return this.lastView[slot]!;
  }

  firstBrokenInvariant(words: Int32Array, off: number): number {
    return this.broken[this.recentView(words, off, 0)]!;
  }

  witnessBits(words: Int32Array, off: number): number {
    return this.reached[this.recentView(words, off, 0)]!;
  }

  /** The index in model.stepChecks of the first step property the transition breaks, or -1. */
  firstBrokenStep(before: Int32Array, beforeOff: number, after: Int32Array, afterOff: number): number {
    const beforeView = this.recentView(before, beforeOff, 1);
    // Most steps leave the view as it was (a Promise counted, a message lost): no lookup then.
    let same = true;
    for (let i = 0; i < this.viewWords && same; i++) same = before[beforeOff + i] === after[afterOff + i];
    if (same) {
      if (this.keptView[beforeView] === UNKNOWN) this.keptView[beforeView] = this.judgeStep(beforeView, before, beforeOff, beforeView, after, afterOff);
      return this.keptView[beforeView]!;
    }
    const pair = this.pair;
    pair[0] = beforeView;
    for (let i = 0; i < this.viewWords; i++) pair[1 + i] = after[afterOff + i]!;
    const hash = hashWords(pair, 0, pair.length);
    const recent = this.recentPairs.find(pair, hash);
    if (recent >= 0) return recent - 1;
    const id = this.pairs.intern(pair, 0);
    this.steps = holding(this.steps, id, UNKNOWN);
    let answer = this.steps[id]!;
    if (answer === UNKNOWN) answer = this.steps[id] = this.judgeStep(beforeView, before, beforeOff, this.view(after, afterOff), after, afterOff);
    this.recentPairs.remember(pair, hash, answer + 1);
    return answer;
  }

  /** The object step checks on the two states' views (numbered `from` and `to`), decoded. */
  private judgeStep(from: number, before: Int32Array, beforeOff: number, to: number, after: Int32Array, afterOff: number): number {
    const s = this.decodedView(from, before, beforeOff);
    const t = this.decodedView(to, after, afterOff);
    return this.model.stepChecks.findIndex((c) => c.check(s, t) !== null);
  }

  /** View number `id`, whose words are at `off`, decoded (or as decoded a moment ago: checks do not change their states). */
  private decodedView(id: number, words: Int32Array, off: number): S {
    const slot = id & (DECODED - 1);
    if (this.decodedId[slot] !== id) {
      this.decoded[slot] = this.codec.decodeView(words, off);
      this.decodedId[slot] = id;
    }
    return this.decoded[slot]!;
  }
}

/** A packed encoding's codec: its words, both ways, and its view. */
export type PackedCodec<S> = ViewCodec<S> & {
  readonly words: number;
  encode(state: S, out: Int32Array, off: number): void;
  decode(words: Int32Array, off: number): S;
};

/** The parts of a PackedModel that come from the codec and from the object model's checks, memoized per view. */
export function codecAndChecks<S, A>(model: Model<S, A>, codec: PackedCodec<S>) {
  const checks = new MemoChecks(model, codec);
  return {
    model,
    words: codec.words,
    encode: (s: S, out: Int32Array, off: number) => codec.encode(s, out, off),
    decode: (st: Int32Array, off: number) => codec.decode(st, off),
    firstBrokenInvariant: (st: Int32Array, off: number) => checks.firstBrokenInvariant(st, off),
    witnessBits: (st: Int32Array, off: number) => checks.witnessBits(st, off),
    firstBrokenStep: (b: Int32Array, bo: number, a: Int32Array, ao: number) => checks.firstBrokenStep(b, bo, a, ao),
  };
}
