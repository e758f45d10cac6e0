// The one reconstruction of a counterexample, whatever representation and however many
// partitions ran: follow parent links from the state where the violation was found back to an
// initial state, then replay that path on the object model, at each step taking the first
// enabled action whose result is the next stored state (stored states may be packed and
// canonical under symmetry; the run rebuilt is a concrete one).
import type { PartitionHost } from "./hosts.ts";
import type { Model } from "./model.ts";
import type { Counterexample } from "./result.ts";

/** What to rebuild: the broken property (by index for invariants and steps) and the global id of the state it ends at. */
export type Violation =
  | { readonly kind: "invariant"; readonly at: number; readonly property: number }
  | { readonly kind: "step"; readonly at: number; readonly property: number }
  | { readonly kind: "progress"; readonly at: number; readonly property: string };

/** The identity a state is stored under (packed words, canonical; or a fingerprint). */
export type TargetOf<S> = (state: S) => Int32Array;

export async function rebuild<S, A>(model: Model<S, A>, hosts: readonly PartitionHost[], targetOf: TargetOf<S>, v: Violation): Promise<Counterexample<S, A>> {
  const n = hosts.length;
  const targets: Int32Array[] = [];
  for (let g = v.at; g >= 0; ) {
    const stored = await hosts[g % n]!.get(Math.floor(g / n));
    targets.push(stored.target);
    g = stored.parent;
  }
  targets.reverse();
  const matches = (s: S, target: Int32Array) => sameWords(targetOf(s), target);
  const initials = model.initialStates().filter((s) => matches(s, targets[0]!));
  if (initials.length === 0) throw new Error("counterexample reconstruction failed: no initial state is the stored one");
  const initial: S = initials[0]!;
  const steps: { action: A; state: S }[] = [];
  let state: S = initial;
  for (const target of targets.slice(1)) {
    const action = model.actions(state).find((a) => matches(model.next(state, a), target));
    if (action === undefined) throw new Error("counterexample reconstruction failed: no action leads to the next stored state");
    state = model.next(state, action);
    steps.push({ action, state });
  }
  switch (v.kind) {
    case "invariant": {
      const inv = model.invariants[v.property]!;
      const message = inv.check(state) ?? `the check of '${inv.id}' on the stored state failed but holds on the rebuilt one (an encoding bug)`;
      return { kind: "invariant", property: inv.id, message, initial, steps };
    }
    case "step": {
      // Under symmetry the rebuilt run ends in an image of the stored state: take the step that
      // breaks the same check from there (it exists, the checks being symmetric).
      const check = model.stepChecks[v.property]!;
      const last = state;
      const action = model.actions(last).find((a) => check.check(last, model.next(last, a)) !== null);
      if (action === undefined) throw new Error(`counterexample reconstruction failed: no step from the last state breaks '${check.id}'`);
      const after = model.next(last, action);
      steps.push({ action, state: after });
      return { kind: "step", property: check.id, message: check.check(last, after)!, initial, steps };
    }
    case "progress":
      return { kind: "progress", property: v.property, message: `from this state no explored path reaches '${v.property}'`, initial, steps };
  }
}

function sameWords(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
