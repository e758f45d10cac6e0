// A lockstep failure in a form a person can act on: the schedule as numbered steps in the
// model's words, what each changed, and at the step where the two sides part, what differed
// and which properties broke on which side.
import type { StepOutcome } from "./lockstep.ts";

export function formatFailedStep(s: StepOutcome): string[] {
  const out: string[] = [];
  for (const d of s.differences) out.push(`       differs: ${d.observable}: model ${d.model}, implementation ${d.impl}`);
  for (const b of s.broken) out.push(`       broken on the ${b.side === "impl" ? "implementation" : "model"}: ${b.property} (${b.kind}): ${b.message}`);
  return out;
}

/** The steps numbered from 1, each with the model's changes; the failed step with what parted. */
export function formatSchedule(steps: readonly StepOutcome[]): string[] {
  const out: string[] = [];
  for (const s of steps) {
    out.push(`${String(s.step).padStart(3)}. ${s.description}${s.stutter ? " (changes nothing in the model)" : ""}`);
    for (const c of s.changes) out.push(`       ${c}`);
    if (!s.ok) out.push(...formatFailedStep(s));
  }
  return out;
}
