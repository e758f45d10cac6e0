// How a run reads to a person: the summary, the counterexample as numbered steps (the action,
// then what changed), and the progress line on a terminal.
import type { Model } from "../checker/model.ts";
import type { ExploreResult, ExploreStats, LivenessResult } from "../checker/result.ts";

const fmt = (n: number) => n.toLocaleString("en-US");

export function statsLine(s: ExploreStats): string {
  return `${fmt(s.distinctStates)} distinct states, ${fmt(s.transitions)} transitions, depth ${s.depth}, ${s.seconds.toFixed(1)} s, ${fmt(Math.round(s.statesPerSecond))} states/s`;
}

/** What the run held, per state, and the odds that a fingerprint collision hid a state. */
export function memoryLine(s: ExploreStats): string {
  const odds = s.collisionProbability !== undefined ? `; odds that a fingerprint collision hid a state: ${s.collisionProbability.toExponential(1)}` : "";
  return `memory: ${fmt(Math.round(s.bytes / 2 ** 20))} MiB held, ${s.bytesPerState.toFixed(1)} bytes/state${odds}`;
}

export function summary<S, A>(result: ExploreResult<S, A>): string[] {
  const lines = [`verdict: ${result.verdict}${result.incompleteReason ? ` (${result.incompleteReason})` : ""}`, statsLine(result.stats), memoryLine(result.stats)];
  // Witnesses are judged on the whole explored space: only a complete run can say one is not reached.
  const judged = result.verdict === "verified" || result.violation?.kind === "witness-unreached" || result.violation?.kind === "progress";
  if (judged && result.witnesses.length > 0) lines.push(`witnesses: ${result.witnesses.map((w) => `${w.id} ${w.reached ? "reached" : "NOT reached"}`).join(", ")}`);
  for (const l of result.liveness ?? []) lines.push(livenessLine(l));
  if (result.verdict === "incomplete") lines.push("incomplete: the budget ended the run before every reachable state was explored; nothing is verified.");
  return lines;
}

/** The line before a lasso's cycle: what repeats, and how its ballots are renamed on each turn when they are. */
export function cycleBanner(renamed: string | undefined): string {
  return `     ---- the cycle: the steps below repeat for ever${renamed ? `, each turn with its ballots renamed (${renamed})` : ""} ----`;
}

/** One liveness property's verdict, with the length of its run. */
export function livenessLine<S, A>(l: LivenessResult<S, A>): string {
  if (l.verdict === "holds") return `liveness: ${l.id} holds on every fair run`;
  const run = l.run!;
  if (l.verdict === "violated") {
    const cycle = run.cycleStart === undefined || run.cycleStart >= run.steps.length ? "then nothing fair leads on" : `cycle of ${run.steps.length - run.cycleStart} from step ${run.cycleStart + 1}${run.cycleRenamed ? `, ballots renamed on each turn: ${run.cycleRenamed}` : ""}`;
    return `liveness: ${l.id} VIOLATED: a fair run of ${run.steps.length} steps (${cycle}) never reaches it`;
  }
  return `liveness: ${l.id} bounded: a run of ${run.steps.length} steps is cut by a bound before it (${run.message})`;
}

export function counterexampleLines<S, A>(model: Model<S, A>, result: ExploreResult<S, A>): string[] {
  const cx = result.violation;
  if (!cx) return [];
  const lines = [`violation of ${cx.property} (${cx.kind}): ${cx.message}`];
  if (cx.steps.length === 0) return lines;
  lines.push(`shortest counterexample, ${cx.steps.length} steps:`);
  let before = cx.initial;
  cx.steps.forEach(({ action, state }, i) => {
    if (i === cx.cycleStart) lines.push(cycleBanner(cx.cycleRenamed));
    lines.push(`${String(i + 1).padStart(3)}. ${model.describeAction(action)}`);
    for (const change of model.describeChange(before, state)) lines.push(`       ${change}`);
    before = state;
  });
  if (cx.cycleStart !== undefined && cx.cycleStart >= cx.steps.length) lines.push("     ---- the run stays here for ever: nothing weakly fair leads out ----");
  return lines;
}

/**
 * A progress callback that redraws one line on a terminal, and does nothing elsewhere; or, given
 * `everySeconds`, that prints a line every so often wherever stderr goes (the log of a long run).
 */
export function progressLine(stream: NodeJS.WriteStream = process.stderr, everySeconds?: number): { onProgress?: (s: ExploreStats) => void; done(): void } {
  const text = (s: ExploreStats) => `${fmt(s.distinctStates)} states, ${fmt(s.queued)} queued, depth ${s.depth}, ${fmt(Math.round(s.statesPerSecond))} states/s, ${fmt(Math.round(s.bytes / 2 ** 20))} MiB`;
  if (everySeconds !== undefined) {
    let last = 0;
    return {
      onProgress: (s) => {
        if (s.seconds - last < everySeconds) return;
        last = s.seconds;
        stream.write(`${s.seconds.toFixed(0)} s: ${text(s)}\n`);
      },
      done() {},
    };
  }
  if (!stream.isTTY) return { done() {} };
  return {
    onProgress: (s) => stream.write(`\r\x1b[K${text(s)}`),
    done: () => stream.write("\r\x1b[K"),
  };
}
