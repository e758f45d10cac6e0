// Whether Multi-Paxos with heartbeats at once reaches the same views as the model (docs/multi-
// paxos.md, "Where the default bounds' states go"): every reachable state of both, explored on
// the packed engine, and the distinct view words of each (all that the invariants and witnesses
// read), compared.
//   npx tsx scripts/multi-paxos-views.ts [CONFIG-JSON]
import { StateStore } from "../checker/state-store.ts";
import { definition } from "../model/multi-paxos/definition.ts";
import { createPackedMultiPaxos } from "../model/multi-paxos/packed/model.ts";

/** The distinct view words of every reachable state under these bounds, and how many states there are. */
export function reachableViews(input: object): { states: number; views: Set<string> } {
  const pm = createPackedMultiPaxos(definition.parseConfig(input));
  const store = new StateStore(pm.words);
  const buf = new Int32Array(pm.words);
  pm.encode(pm.model.initialStates()[0]!, buf, 0);
  store.insert(buf, -1);
  const seen = new Set<string>();
  for (let i = 0; i < store.count; i++) {
    const chunk = store.chunkOf(i);
    const off = store.offsetOf(i);
    seen.add(chunk.subarray(off, off + pm.layout.viewWords).join(","));
    pm.successors(chunk, off, buf, () => void store.insert(buf, i));
  }
  return { states: store.count, views: seen };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const input = JSON.parse(process.argv[2] ?? "{}") as object;
  const [model, atOnce] = [false, true].map((heartbeatsAtOnce) => {
    const r = reachableViews({ ...input, heartbeatsAtOnce });
    console.log(`${JSON.stringify({ ...input, heartbeatsAtOnce })}: ${r.states.toLocaleString("en-US")} states, ${r.views.size.toLocaleString("en-US")} distinct views`);
    return r.views;
  }) as [Set<string>, Set<string>];
  console.log(`the same views: ${model.size === atOnce.size && [...model].every((v) => atOnce.has(v))}`);
}
