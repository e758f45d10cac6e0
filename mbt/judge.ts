// The invariants of invariants/registry.ts on both sides of lockstep, through the same
// SystemView: state invariants on the view after the step, step properties across it.
import type { SystemView } from "../invariants/view.ts";
import { stateInvariants, stepProperties } from "../invariants/registry.ts";

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
