// Where the Multi-Paxos state space goes (docs/multi-paxos.md, "Where the default bounds' states
// go"): breadth-first from the initial state up to a number of states (or of steps), counting per
// action kind the transitions taken and the new states they found, then how many of the states
// stay distinct when a part of the state is left out.
//   npx tsx scripts/multi-paxos-profile.ts [CONFIG-JSON] [MAX-STATES] [MAX-STEPS]
import { canonicalKey } from "../checker/canonical-hash.ts";
import { definition } from "../model/multi-paxos/definition.ts";
import type { MultiPaxosAction } from "../model/multi-paxos/actions.ts";
import type { MultiPaxosState } from "../model/multi-paxos/state.ts";

const config = definition.parseConfig(JSON.parse(process.argv[2] ?? "{}"));
const maxStates = Number(process.argv[3] ?? 150_000);
const maxSteps = Number(process.argv[4] ?? Infinity);
const model = definition.create(config);

const kindOf = (a: MultiPaxosAction) => (a.kind === "receive" ? `receive ${a.msg.type}` : a.kind);
const seen = new Map<string, MultiPaxosState>();
const kinds = new Map<string, { transitions: number; found: number }>();
let frontier = [...model.initialStates()];
for (const s of frontier) seen.set(canonicalKey(s), s);
let steps = 0;
const started = performance.now();
explore: while (frontier.length > 0 && steps < maxSteps) {
  const next: MultiPaxosState[] = [];
  steps++;
  for (const s of frontier) {
    for (const { action, state } of model.transitions!(s)) {
      const k = kinds.get(kindOf(action)) ?? { transitions: 0, found: 0 };
      kinds.set(kindOf(action), k);
      k.transitions++;
      const key = canonicalKey(state);
      if (seen.has(key)) continue;
      seen.set(key, state);
      next.push(state);
      k.found++;
    }
    if (seen.size >= maxStates) break explore;
  }
  frontier = next;
}

const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`.padStart(6);
console.log(`${JSON.stringify(config)}: ${seen.size.toLocaleString("en-US")} states within ${steps} steps${frontier.length === 0 ? " (all)" : ""}, ${((performance.now() - started) / 1000).toFixed(1)} s`);
const rows = [...kinds].sort((a, b) => b[1].found - a[1].found);
const transitions = rows.reduce((n, [, k]) => n + k.transitions, 0);
const found = rows.reduce((n, [, k]) => n + k.found, 0);
console.log(`${"action".padEnd(18)} ${"transitions".padStart(11)}        ${"new states".padStart(10)}`);
for (const [kind, k] of rows) console.log(`${kind.padEnd(18)} ${String(k.transitions).padStart(11)} ${pct(k.transitions, transitions)} ${String(k.found).padStart(10)} ${pct(k.found, found)}`);

const states = [...seen.values()];
const distinct = (project: (s: MultiPaxosState) => unknown) => new Set(states.map((s) => canonicalKey(project(s)))).size;
const perState: Record<string, string> = {};
for (const type of ["prepare", "promise", "accept", "accepted", "heartbeat", "confirm", "confirmed"]) {
  const n = states.reduce((sum, s) => sum + s.msgs.filter((m) => m.type === type).length, 0);
  if (n > 0) perState[type] = (n / states.length).toFixed(2);
}
console.log("messages in the network per state:", perState);
console.log("states with a node down:", states.filter((s) => s.nodes.some((n) => !n.up)).length);
console.log("distinct without the ghost history (votes, elections):", distinct((s) => ({ ...s, votes: [], elections: [], leaderCrashed: false })));
console.log("distinct without heartbeat messages:", distinct((s) => ({ ...s, msgs: s.msgs.filter((m) => m.type !== "heartbeat") })));
console.log("distinct with every node up:", distinct((s) => ({ ...s, nodes: s.nodes.map((n) => ({ ...n, up: true })) })));
console.log("distinct without any message:", distinct((s) => ({ ...s, msgs: [] })));
console.log("distinct nodes alone:", distinct((s) => s.nodes));
