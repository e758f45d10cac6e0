// npm run bench:liveness (and the last part of npm run bench): what judging liveness costs on
// the default Basic Paxos configuration, side by side in one run: the safety check alone and
// the same check with --liveness (weak fairness over the explored graph), both on one thread
// without symmetry (liveness renames no acceptors). The bar: at most 2x the time of safety alone.
import { loadavg } from "node:os";
import { check } from "../checker/check.ts";
import { definition as basicPaxos } from "../model/basic-paxos/definition.ts";

const config = basicPaxos.parseConfig({});
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(`synod bench:liveness: basic-paxos default configuration, packed engine, 1 worker, no symmetry; load average ${loadavg()[0]!.toFixed(2)}`);
const safety = await check({ definition: basicPaxos, config }, { workers: 1, symmetry: false });
console.log(`safety alone:   ${safety.verdict}, ${fmt(safety.stats.distinctStates)} states, ${safety.stats.seconds.toFixed(1)} s, ${safety.stats.bytesPerState.toFixed(1)} bytes/state`);
const live = await check({ definition: basicPaxos, config }, { workers: 1, symmetry: false, liveness: true });
const verdicts = (live.liveness ?? []).map((l) => `${l.id} ${l.verdict}`).join(", ");
console.log(`with liveness:  ${live.verdict} (${verdicts}), ${fmt(live.stats.distinctStates)} states, ${live.stats.seconds.toFixed(1)} s, ${live.stats.bytesPerState.toFixed(1)} bytes/state`);
const ratio = live.stats.seconds / safety.stats.seconds;
console.log(`bar: liveness at most 2x the time of safety alone: ${ratio <= 2 ? "met" : "NOT met"} (${ratio.toFixed(2)}x)`);
