// The invariants of the registry judged on one step of any system seen through a SystemView:
// state invariants on the view after the step, step properties across it. Lockstep judges both
// of its sides with it, a target run (target/) the target alone.
import type { SystemView } from "./view.ts";
import { stateInvariants, stepProperties } from "./registry.ts";

/** Whose view broke it: the model's, or the implementation's (impl/ or an outside target). */
export type Side = "model" | "impl";
export type BrokenProperty = { readonly side: Side; readonly kind: "invariant" | "step"; readonly property: string; readonly message: string };

export function brokenProperties(side: Side, before: SystemView, after: SystemView): BrokenProperty[] {
  const out: BrokenProperty[] = [];
  for (const inv of stateInvariants) {
    const message = inv.check(after);
    if (message !== null) out.push({ side, kind: "invariant", property: inv.id, message });
  }
  for (const p of stepProperties) {
    const message = p.check(before, after);
    if (message !== null) out.push({ side, kind: "step", property: p.id, message });
  }
  return out;
}
