// `npm run pin`: explore every check whose graph verify pins (cli/verify/pinned-graphs.ts) and
// write what each explored to model/basic-paxos/pinned-graphs.json, and the Multi-Paxos default
// bounds (as they are and with heartbeats at once) to model/multi-paxos/pinned-graphs.json (`npm run pin -- basic-paxos` or
// `-- multi-paxos`: one model only). Run it after a deliberate change to a model, and review the
// file's diff: it says what the change did to the states the model reaches.
import { runCheckJob } from "../cli/verify/check-job.ts";
import { pinnedJobs } from "../cli/verify/stages.ts";
import { basicPaxosPins, graphOf, multiPaxosPins, type Explored, type PinnedGraphs, type PinnedJob, type Pins } from "../cli/verify/pinned-graphs.ts";
import { defaultBoundsPins, exploreBounds } from "../cli/verify/multi-paxos-stage.ts";

const only = process.argv[2];
const models = ["basic-paxos", "multi-paxos"];
if (only !== undefined && !models.includes(only)) {
  console.error(`npm run pin: no pinned graphs for a model named '${only}' (one of: ${models.join(", ")}; none: both)`);
  process.exit(2);
}

async function pin(file: PinnedGraphs, jobs: readonly { job: PinnedJob; run: () => Promise<Explored> }[]): Promise<void> {
  const pins: Pins = {};
  for (const { job, run } of jobs) {
    const started = performance.now();
    const r = await run();
    pins[job.id] = graphOf(job, r);
    console.log(`${job.id}: ${r.verdict}, ${r.stats.distinctStates.toLocaleString("en-US")} states, ${r.stats.transitions.toLocaleString("en-US")} transitions, depth ${r.stats.depth} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  file.write(pins);
  console.log(`pinned ${Object.keys(pins).length} graphs in ${file.name}`);
}

if (only === undefined || only === "basic-paxos") await pin(basicPaxosPins, pinnedJobs().map((job) => ({ job, run: () => runCheckJob(job) })));
if (only === undefined || only === "multi-paxos") await pin(multiPaxosPins, defaultBoundsPins().map((job) => ({ job, run: () => exploreBounds(job.config) })));
