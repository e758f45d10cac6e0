// `npm run pin`: explore every check whose graph verify pins (cli/verify/pinned-graphs.ts) and
// write what each explored to model/basic-paxos/pinned-graphs.json. Run it after a deliberate
// change to the Basic Paxos model, and review the file's diff: it says what the change did to
// the states the model reaches.
import { runCheckJob } from "../cli/verify/check-job.ts";
import { pinnedJobs } from "../cli/verify/stages.ts";
import { graphOf, writePins, type Pins } from "../cli/verify/pinned-graphs.ts";

const pins: Pins = {};
for (const job of pinnedJobs()) {
  const started = performance.now();
  const r = await runCheckJob(job);
  pins[job.id] = graphOf(job, r);
  console.log(`${job.id}: ${r.verdict}, ${r.stats.distinctStates.toLocaleString("en-US")} states, ${r.stats.transitions.toLocaleString("en-US")} transitions, depth ${r.stats.depth} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
writePins(pins);
console.log(`pinned ${Object.keys(pins).length} graphs in model/basic-paxos/pinned-graphs.json`);
