// The Multi-Paxos stage of `synod verify`: seed 002's model (model/multi-paxos/) with one stable
// leader, where every request must be decided and applied on every fair run and no invariant
// may break, and the catalogue's unsafe variants that BFS catches within a thousand states,
// each by its property. Kept to about a second of CPU: the default bounds and the rest of the
// catalogue take minutes and run in test:deep (docs/multi-paxos.md says what they cover).
import { findMultiPaxosVariant } from "../../model/multi-paxos/catalogue.ts";
import { checkStableLeader, checkVariant } from "../../model/multi-paxos/catalogue-check.ts";
import { stage, type CheckResult } from "./stage.ts";

/** The unsafe variants caught in under a thousand states. */
export const quickVariants = ["ignore-reported-votes", "deposed-leader-counts-refusals", "accept-below-promise", "quorum-n-over-2"] as const;

export const multiPaxosStage = stage("multi-paxos", "seed 002's Multi-Paxos: a stable leader decides every request, quick catalogue entries caught", [], async (log) => {
  const checks: CheckResult[] = [];
  const live = await checkStableLeader();
  const verdicts = (live.liveness ?? []).map((l) => `${l.id} ${l.verdict}`);
  const invariantsHold = live.violation === undefined || live.violation.kind === "witness-unreached";
  const passed = invariantsHold && (live.liveness ?? []).every((l) => l.verdict === "holds") && verdicts.length > 0;
  const detail = `${live.stats.distinctStates.toLocaleString("en-US")} states, depth ${live.stats.depth}; ${invariantsHold ? "no invariant broken" : `${live.violation!.property}: ${live.violation!.message}`}; ${verdicts.join(", ")}`;
  log(`${passed ? "ok  " : "FAIL"} ${"stable leader".padEnd(32)} ${detail}`);
  checks.push({ name: "stable leader: every request applied", passed, detail, seconds: live.stats.seconds, figures: { distinctStates: live.stats.distinctStates, depth: live.stats.depth } });
  for (const name of quickVariants) {
    const v = findMultiPaxosVariant(name)!;
    const r = await checkVariant(v);
    const caughtBy = r.violation?.property;
    const ok = r.verdict === "violation" && caughtBy === v.breaks;
    const line = r.violation ? `caught by ${caughtBy} in ${r.violation.steps.length} steps (${r.stats.distinctStates.toLocaleString("en-US")} states)` : r.verdict;
    log(`${ok ? "ok  " : "FAIL"} ${name.padEnd(32)} ${line}${caughtBy !== v.breaks ? ` (expected ${v.breaks})` : ""}`);
    checks.push({
      name: `catalogue: ${name}`,
      passed: ok,
      detail: line,
      seconds: r.stats.seconds,
      figures: { verdict: r.verdict, distinctStates: r.stats.distinctStates, catalogue: { safe: false, caught: r.verdict === "violation", caughtBy: caughtBy ?? null, effort: r.stats.distinctStates, effortUnit: "states", steps: r.violation?.steps.length ?? null } },
    });
  }
  return checks;
});
