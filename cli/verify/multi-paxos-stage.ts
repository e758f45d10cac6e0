// The Multi-Paxos stage of `synod verify`: seed 002's model (model/multi-paxos/) under its
// default bounds, with heartbeats at once, explored exhaustively (a job of the pool: seconds of
// CPU on the packed engine), its graph as pinned; with one stable leader, where every request must be
// decided and applied on every fair run and no invariant may break; and the catalogue's unsafe
// variants that BFS catches within a thousand states, each by its property. The rest of the
// catalogue takes minutes and runs in test:deep (docs/multi-paxos.md says what it covers).
import { check } from "../../checker/check.ts";
import { findMultiPaxosVariant } from "../../model/multi-paxos/catalogue.ts";
import { checkStableLeader, checkVariant } from "../../model/multi-paxos/catalogue-check.ts";
import { definition } from "../../model/multi-paxos/definition.ts";
import type { MultiPaxosConfig } from "../../model/multi-paxos/config.ts";
import { statsLine } from "../report.ts";
import { taskOf, type TaskJob, type TaskOutcome } from "./job.ts";
import { multiPaxosPins } from "./pinned-graphs.ts";
import { stage, type CheckResult } from "./stage.ts";

/** The unsafe variants caught in under a thousand states. */
export const quickVariants = ["ignore-reported-votes", "deposed-leader-counts-refusals", "accept-below-promise", "quorum-n-over-2"] as const;

/**
 * The default bounds as pinned: as `synod check --model multi-paxos` explores them, and with
 * heartbeats at once, which reaches the same node states in fewer states (docs/multi-paxos.md):
 * verify explores the latter, to keep its run short; test:deep the former.
 */
export const defaultBoundsPins = () => [
  { id: "default", config: definition.parseConfig({}) },
  { id: "default:heartbeats-at-once", config: definition.parseConfig({ heartbeatsAtOnce: true }) },
];

export const exploreBounds = (config: MultiPaxosConfig) => check({ definition, config });

export const defaultBoundsJob: TaskJob = { id: "multi-paxos:default:heartbeats-at-once", task: "multi-paxos:bounds", arg: "default:heartbeats-at-once", cost: 8 };

/** Explores the pinned bounds of that id; passes when they are verified (every witness reached) and explore the graph pinned. */
export async function boundsTask(id: string): Promise<TaskOutcome> {
  const pinned = defaultBoundsPins().find((p) => p.id === id);
  if (!pinned) throw new Error(`verify: no Multi-Paxos bounds pinned as ${id}`);
  const r = await exploreBounds(pinned.config);
  const pin = multiPaxosPins.compare(pinned, r);
  const verified = r.verdict === "verified";
  const unreached = r.witnesses.filter((w) => !w.reached).map((w) => w.id);
  const line = `${r.verdict}: ${statsLine(r.stats)} (${r.engine} engine)${r.violation ? `; ${r.violation.property}: ${r.violation.message}` : ""}`;
  return {
    lines: [`${id}: ${JSON.stringify(pinned.config)}`, `  ${line}`, `  ${pin.same ? "ok  " : "FAIL"} graph of ${id} ${pin.detail}`],
    check: {
      name: `${id}, exhaustively`,
      passed: verified && unreached.length === 0 && pin.same,
      detail: `${line}; graph ${pin.detail}`,
      seconds: r.stats.seconds,
      figures: { verdict: r.verdict, distinctStates: r.stats.distinctStates, transitions: r.stats.transitions, depth: r.stats.depth, witnesses: r.witnesses },
    },
  };
}

export const multiPaxosStage = stage("multi-paxos", "seed 002's Multi-Paxos: the default bounds exhaustively (heartbeats at once), a stable leader decides every request, quick catalogue entries caught", [defaultBoundsJob], async (log, results) => {
  const checks: CheckResult[] = [];
  const bounds = await taskOf(results, defaultBoundsJob.id);
  for (const line of bounds.lines) log(line);
  checks.push(bounds.check);
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
