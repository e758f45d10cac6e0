// The graphs that verify's exhaustive checks of the Basic Paxos model explore, as last reviewed
// (model/basic-paxos/pinned-graphs.json, written by `npm run pin`): distinct states, transitions,
// depth, and transitions per branch of the model's steps. The model is what every implementation
// is judged against, so a change to what it explores must be deliberate: an edit to its steps
// that keeps every invariant and witness (a message no longer sent, a guard loosened or
// tightened) still moves these figures, and verify fails, naming what moved, until the change is
// reviewed and pinned again.
import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import type { CheckJob, CheckSummary } from "./check-job.ts";

const PINS_FILE = new URL("../../model/basic-paxos/pinned-graphs.json", import.meta.url);

const Graph = z.strictObject({
  job: z.strictObject({ config: z.record(z.string(), z.unknown()), variant: z.string().optional(), symmetry: z.boolean() }),
  verdict: z.string(),
  distinctStates: z.number().int().nonnegative(),
  transitions: z.number().int().nonnegative(),
  depth: z.number().int().nonnegative(),
  branches: z.record(z.string(), z.number().int().nonnegative()),
});
export type Graph = z.infer<typeof Graph>;
const Pins = z.record(z.string(), Graph);
export type Pins = z.infer<typeof Pins>;

/** What a check explored, in the pinned form. */
export function graphOf(job: CheckJob, r: CheckSummary): Graph {
  return {
    job: { config: { ...job.config }, ...(job.variant !== undefined ? { variant: job.variant } : {}), symmetry: job.symmetry ?? false },
    verdict: r.verdict,
    distinctStates: r.stats.distinctStates,
    transitions: r.stats.transitions,
    depth: r.stats.depth,
    branches: Object.fromEntries((r.branches ?? []).map((b) => [b.id, b.transitions])),
  };
}

let loaded: Pins | undefined;
export function readPins(): Pins {
  if (loaded) return loaded;
  const parsed = Pins.safeParse(JSON.parse(readFileSync(PINS_FILE, "utf8")));
  if (!parsed.success) throw new Error(`${PINS_FILE.pathname}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return (loaded = parsed.data);
}

export function writePins(pins: Pins): void {
  writeFileSync(PINS_FILE, `${JSON.stringify(pins, null, 2)}\n`);
  loaded = undefined;
}

/** Whether a check explored the graph pinned under its job's id, and if not, what moved. */
export function comparePinned(job: CheckJob, r: CheckSummary, pins: Pins = readPins()): { same: boolean; detail: string } {
  const pinned = pins[job.id];
  if (!pinned) return { same: false, detail: `no graph pinned for ${job.id} (npm run pin)` };
  const got = graphOf(job, r);
  if (JSON.stringify(got.job) !== JSON.stringify(pinned.job)) return { same: false, detail: `the pin of ${job.id} is for another check (${JSON.stringify(pinned.job)}); npm run pin` };
  const moved = [
    ...(["verdict", "distinctStates", "transitions", "depth"] as const).filter((f) => got[f] !== pinned[f]).map((f) => `${f} ${String(got[f])}, pinned ${String(pinned[f])}`),
    ...[...new Set([...Object.keys(pinned.branches), ...Object.keys(got.branches)])].filter((b) => got.branches[b] !== pinned.branches[b]).map((b) => `branch "${b}" ${got.branches[b] ?? 0} transitions, pinned ${pinned.branches[b] ?? 0}`),
  ];
  return moved.length === 0
    ? { same: true, detail: `as pinned: ${got.distinctStates.toLocaleString("en-US")} states, ${got.transitions.toLocaleString("en-US")} transitions, depth ${got.depth}, ${Object.keys(got.branches).length} branches` }
    : { same: false, detail: `the model's graph moved from its pin (model/basic-paxos/pinned-graphs.json; if the change is deliberate, review it and npm run pin): ${moved.join("; ")}` };
}
