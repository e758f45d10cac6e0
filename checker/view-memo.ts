// A packed check whose answer depends on a few fields only (a view of the state: the votes,
// say) is computed once per distinct view and remembered. The view is the state's words under
// a mask, so the fields need not lead the layout as MemoChecks' view words do; the check is
// handed the masked words alone, so it cannot read a field outside the view by mistake.
// Reachable states share few views (many states differ only in messages no check reads), so
// most states cost one lookup in a small table instead of the check itself.
import { holding } from "./memo-checks.ts";
import { WordsInterner } from "./words-interner.ts";

const UNKNOWN = -1;

export class ViewMemo {
  private readonly views: WordsInterner;
  private readonly key: Int32Array;
  private answers: Int32Array = new Int32Array(1024).fill(UNKNOWN);

  /** `mask[i]`: the bits of word i in the view; `check(view, 0)` answers a non-negative integer. */
  constructor(private readonly mask: Int32Array, private readonly check: (view: Int32Array, off: number) => number) {
    this.key = new Int32Array(mask.length);
    this.views = new WordsInterner(mask.length);
  }

  /** The check's answer for the state at `off`. */
  get(words: Int32Array, off: number): number {
    const key = this.key;
    for (let i = 0; i < key.length; i++) key[i] = words[off + i]! & this.mask[i]!;
    const id = this.views.intern(key, 0);
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
