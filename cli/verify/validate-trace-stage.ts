// The trace-validation stage of `synod verify`: a short real run over loopback TCP (three
// acceptors and two proposers, in this process, each logging its protocol events) must be a
// behaviour of the model, and a doctored copy of its logs must be rejected.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parseTraceLines, type LoggedEvent } from "../../impl/trace-log.ts";
import { runTracedCluster } from "../../tracecheck/traced-cluster.ts";
import { validateTrace } from "../../tracecheck/validate.ts";
import { stage, type CheckResult } from "./stage.ts";

/** Two proposers race on "same" and each has a key of its own; then p2 proposes on p1's key. */
const plan = [
  [
    { proposer: "p1", key: "same", value: "p1-same" },
    { proposer: "p2", key: "same", value: "p2-same" },
    { proposer: "p1", key: "k1", value: "p1-k1" },
    { proposer: "p2", key: "k2", value: "p2-k2" },
  ],
  [{ proposer: "p2", key: "k1", value: "p2-k1" }],
];

export const traceValidationStage = stage("trace-validation", "a real TCP run's protocol event logs are a behaviour of the model; a doctored log is not", [], async (log) => {
  const dir = await mkdtemp(path.join(tmpdir(), "synod-verify-trace-"));
  try {
    let t = performance.now();
    const run = await runTracedCluster(dir, plan);
    const events = (await Promise.all(run.files.map(async (f) => parseTraceLines(await readFile(f, "utf8"), path.basename(f))))).flat();
    const v = validateTrace(events);
    const agreed = run.answers[0] === run.answers[1] && run.answers[2] === run.answers[4];
    const realDetail = v.rejection
      ? `rejected at ${v.rejection.at.file} line ${v.rejection.at.line}: ${v.rejection.reason}`
      : `a behaviour of the model: ${events.length} events of ${run.files.length} nodes, ${v.keys.length} keys${agreed ? "" : "; but the proposers' answers differ"}`;
    const real: CheckResult = { name: "real run validates", passed: v.rejection === null && agreed, detail: realDetail, seconds: (performance.now() - t) / 1000 };
    log(`${real.passed ? "ok  " : "FAIL"} ${real.name}: ${real.detail} (in-process nodes over loopback TCP)`);

    t = performance.now();
    const doctored = doctorFirstVote(events);
    const r = doctored ? validateTrace(doctored.events).rejection : null;
    const caught = r !== null && doctored !== null && r.at === doctored.at && r.reason.includes("which no Accept carried");
    const detail = doctored === null ? "the run cast no vote to doctor" : r ? `rejected at ${r.at.file} line ${r.at.line}: ${r.reason}` : "not rejected";
    const bad: CheckResult = { name: "doctored log rejected", passed: caught, detail, seconds: (performance.now() - t) / 1000 };
    log(`${bad.passed ? "ok  " : "FAIL"} ${bad.name}: ${bad.detail}`);
    return [real, bad];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/** The logs with the first vote's value replaced by one nobody proposed. */
function doctorFirstVote(events: readonly LoggedEvent[]): { events: LoggedEvent[]; at: LoggedEvent } | null {
  const i = events.findIndex((e) => e.event.event === "vote-cast");
  if (i < 0) return null;
  const at: LoggedEvent = { ...events[i]!, event: { ...events[i]!.event, value: "never-proposed" } as LoggedEvent["event"] };
  return { events: events.map((e, j) => (j === i ? at : e)), at };
}
