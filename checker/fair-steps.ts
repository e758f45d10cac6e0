// The weakly fair steps of one state, as the liveness check reads them (liveness.ts for cycles
// in the bounded graph, renamed-lasso.ts for cycles up to a renaming of ballots): each action of
// a fair class, with the stored identity of the state it leads to.
import type { TargetOf } from "./counterexample.ts";
import type { Liveness, Model } from "./model.ts";

/** A step of a cycle, as the object model takes it. */
export type CycleEdge<A> = { readonly from: number; readonly to: number; readonly fairClass: string; readonly action: A };

/** A stored identity (packed words or a fingerprint) as a string to compare. */
export const targetKey = (t: Int32Array): string => t.join(",");

export type FairStep<A> = { readonly action: A; readonly fairClass: string; readonly to: string };

/** The actions of `state` in a weakly fair class, each with targetKey of its successor. */
export function fairSteps<S, A>(model: Model<S, A>, lv: Liveness<S, A>, targetOf: TargetOf<S>, state: S): FairStep<A>[] {
  const out: FairStep<A>[] = [];
  for (const action of model.actions(state)) {
    const fairClass = lv.fairClass(action);
    if (fairClass !== null) out.push({ action, fairClass, to: targetKey(targetOf(model.next(state, action))) });
  }
  return out;
}
