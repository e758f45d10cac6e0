// What two runs of the same model must agree on, whatever engine explored it.
import type { ExploreResult } from "../../checker/result.ts";

export const runSummary = (r: ExploreResult<unknown, unknown>) => ({
  verdict: r.verdict,
  distinctStates: r.stats.distinctStates,
  transitions: r.stats.transitions,
  depth: r.stats.depth,
  property: r.violation?.property,
  kind: r.violation?.kind,
  length: r.violation?.steps.length,
  witnesses: r.witnesses,
});
