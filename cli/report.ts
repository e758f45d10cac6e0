// How a run reads to a person: the summary, the counterexample as numbered steps (the action,
// then what changed), and the progress line on a terminal.
import type { Model } from "../checker/model.ts";
import type { ExploreResult, ExploreStats } from "../checker/result.ts";

const fmt = (n: number) => n.toLocaleString("en-US");

export function statsLine(s: ExploreStats): string {
  return `${fmt(s.distinctStates)} distinct states, ${fmt(s.transitions)} transitions, depth ${s.depth}, ${s.seconds.toFixed(1)} s, ${fmt(Math.round(s.statesPerSecond))} states/s`;
}

export function summary<S, A>(result: ExploreResult<S, A>): string[] {
  const lines = [`verdict: ${result.verdict}${result.incompleteReason ? ` (${result.incompleteReason})` : ""}`, statsLine(result.stats)];
  // Witnesses are judged on the whole explored space: only a complete run can say one is not reached.
  const judged = result.verdict === "verified" || result.violation?.kind === "witness-unreached" || result.violation?.kind === "progress";
  if (judged && result.witnesses.length > 0) lines.push(`witnesses: ${result.witnesses.map((w) => `${w.id} ${w.reached ? "reached" : "NOT reached"}`).join(", ")}`);
  if (result.verdict === "incomplete") lines.push("incomplete: the budget ended the run before every reachable state was explored; nothing is verified.");
  return lines;
}

export function counterexampleLines<S, A>(model: Model<S, A>, result: ExploreResult<S, A>): string[] {
  const cx = result.violation;
  if (!cx) return [];
  const lines = [`violation of ${cx.property} (${cx.kind}): ${cx.message}`];
  if (cx.steps.length === 0) return lines;
  lines.push(`shortest counterexample, ${cx.steps.length} steps:`);
  let before = cx.initial;
  cx.steps.forEach(({ action, state }, i) => {
    lines.push(`${String(i + 1).padStart(3)}. ${model.describeAction(action)}`);
    for (const change of model.describeChange(before, state)) lines.push(`       ${change}`);
    before = state;
  });
  return lines;
}

/** A progress callback that redraws one line on a terminal, and does nothing elsewhere. */
export function progressLine(stream: NodeJS.WriteStream = process.stderr): { onProgress?: (s: ExploreStats) => void; done(): void } {
  if (!stream.isTTY) return { done() {} };
  return {
    onProgress: (s) => stream.write(`\r\x1b[K${fmt(s.distinctStates)} states, ${fmt(s.queued)} queued, depth ${s.depth}, ${fmt(Math.round(s.statesPerSecond))} states/s`),
    done: () => stream.write("\r\x1b[K"),
  };
}
