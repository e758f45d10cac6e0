// One pass of step removal on a failing schedule, after fast-check's shrinking: each step is
// removed in turn (a crash with the node's next restart, since a restart alone is not possible)
// and the rest replayed; a removal stays when the run still fails the same way. Used by the
// lockstep runs (mbt/minimize.ts) and target runs (target/minimize.ts); deterministic.

type Step = { readonly kind: string; readonly node?: string };

/** A replayed candidate that failed the same way: the run, and the steps it took (up to its failure). */
export type Alike<A, R> = { readonly run: R; readonly steps: readonly A[] };

/** `failsAlike(candidate)` replays a candidate: what it did when it fails the same way, else null. */
export async function removeSteps<A extends Step, R>(first: Alike<A, R>, failsAlike: (candidate: readonly A[]) => Promise<Alike<A, R> | null>): Promise<Alike<A, R>> {
  let best = first;
  for (let i = 0; i < best.steps.length - 1; ) {
    let removed = false;
    for (const candidate of withoutStep(best.steps, i)) {
      const r = await failsAlike(candidate);
      if (r !== null) {
        best = r;
        removed = true;
        break;
      }
    }
    if (!removed) i++;
  }
  return best;
}

function withoutStep<A extends Step>(steps: readonly A[], i: number): A[][] {
  const without = (...drop: number[]) => steps.filter((_, k) => !drop.includes(k));
  const a = steps[i]!;
  if (a.kind !== "crash") return [without(i)];
  const restart = steps.findIndex((b, k) => k > i && b.kind === "restart" && b.node === a.node);
  return restart < 0 ? [without(i)] : [without(i), without(i, restart)];
}
