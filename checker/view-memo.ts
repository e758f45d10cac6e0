// A packed check whose answer depends on a few fields only (a view of the state: the votes,
// say) is computed once per distinct view and remembered. The view is the state's words under
// a mask, so the fields need not lead the layout as MemoChecks' view words do; the check is
// handed the masked words alone, so it cannot read a field outside the view by mistake.
// Reachable states share few views (many states differ only in messages no check reads), so
// most states cost one lookup in a small table instead of the check itself.
//
// Paxos.tla has a hundred thousand views or more, whose table outgrows a core's own cache: in
// front of it, a cache of the views met last and their answers (RecentLookups, the visited set's
// cache, an answer in place of a state's index), sized to stay in that cache (core-cache.ts),
// answers most lookups with one read close by.
import { coreCacheSlots } from "./core-cache.ts";
import { holding } from "./memo-checks.ts";
import { RecentLookups } from "./recent-lookups.ts";
import { hashWords } from "./state-store.ts";
import { WordsInterner } from "./words-interner.ts";

const UNKNOWN = -1;

export class ViewMemo {
  private readonly views: WordsInterner;
  private readonly key: Int32Array;
  private answers: Int32Array = new Int32Array(1024).fill(UNKNOWN);
  /** The views met last and their answers. */
  private readonly recent: RecentLookups;

  /** `mask[i]`: the bits of word i in the view; `check(view, 0)` answers a non-negative integer. */
  constructor(private readonly mask: Int32Array, private readonly check: (view: Int32Array, off: number) => number) {
    this.key = new Int32Array(mask.length);
    this.views = new WordsInterner(mask.length);
    this.recent = new RecentLookups(mask.length, coreCacheSlots(RecentLookups.bytes(mask.length, 1)));
  }

  /** The check's answer for the state at `off`. */
  get(words: Int32Array, off: number): number {
    const key = this.key;
    const n = key.length;
    for (let i = 0; i < n; i++) key[i] = words[off + i]! & this.mask[i]!;
    const hash = hashWords(key, 0, n);
    const cached = this.recent.find(key, hash);
    if (cached >= 0) return cached;
    const answer = this.remembered(key, hash);
    this.recent.remember(key, hash, answer);
    return answer;
  }

  /** The answer for the view in `key`, of hash `hash`, from the table of every view met, computed the first time. */
  private remembered(key: Int32Array, hash: number): number {
    const id = this.views.intern(key, 0, hash);
    this.answers = holding(this.answers, id, UNKNOWN);
    let answer = this.answers[id]!;
    if (answer === UNKNOWN) {
      answer = this.check(key, 0);
      if (!(answer >= 0)) throw new Error(`a memoized check answers a non-negative integer, got ${answer}`);
      this.answers[id] = answer;
    }
    return answer;
  }
}
