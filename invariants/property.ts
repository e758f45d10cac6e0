// What an invariant is. `always` properties hold in every state, `step` properties on every
// transition, and `sometimes` properties (reachability witnesses) must hold in at least one
// explored state, so that no pass is vacuous. `eventually` properties (liveness) must hold in
// some state of every fair run (checker/liveness.ts, `synod check --liveness`).
import type { SystemView } from "./view.ts";

/** A failed check explains itself in one line, in the protocol's words. */
export type Verdict = string | null;

type Documented = {
  /** Stable kebab-case id, used in CLI output, traces and docs. */
  readonly id: string;
  readonly title: string;
  /** One-line statement. */
  readonly statement: string;
  /** Why Paxos needs it, in a short paragraph. */
  readonly rationale: string;
  /** The protocol step that maintains it. */
  readonly maintainedBy: string;
};

// V is the view a property reads: SystemView for single-decree Paxos, LogView (log/view.ts) for Multi-Paxos.
export type StateInvariant<V = SystemView> = Documented & { readonly kind: "always"; check(view: V): Verdict };
export type StepProperty<V = SystemView> = Documented & { readonly kind: "step"; check(before: V, after: V): Verdict };
export type Witness<V = SystemView> = Documented & { readonly kind: "sometimes"; reached(view: V): boolean };
export type Eventually<V = SystemView> = Documented & { readonly kind: "eventually"; goal(view: V): boolean };
export type Property<V = SystemView> = StateInvariant<V> | StepProperty<V> | Witness<V> | Eventually<V>;
