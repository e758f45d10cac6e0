// The graphs that verify's exhaustive checks explore, as last reviewed (`npm run pin` writes
// them): distinct states, transitions, depth, and transitions per branch of the model's steps
// where it declares branches. Basic Paxos's (model/basic-paxos/pinned-graphs.json) are the model
// every implementation is judged against; Multi-Paxos's (model/multi-paxos/pinned-graphs.json)
// is its default configuration, which only the packed encoding explores in time. A change to
// what either model explores must be deliberate: an edit to its steps that keeps every invariant
// and witness (a message no longer sent, a guard loosened or tightened) still moves these
// figures, and verify fails, naming what moved, until the change is reviewed and pinned again.
import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import type { ExploreStats, RunVerdict } from "../../checker/result.ts";

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

/** What names a pinned check: its id, and what it checks. */
export type PinnedJob = { readonly id: string; readonly config: object; readonly variant?: string; readonly symmetry?: boolean };
/** What a check explored, as far as a pin says. */
export type Explored = {
  readonly verdict: RunVerdict;
  readonly stats: Pick<ExploreStats, "distinctStates" | "transitions" | "depth">;
  readonly branches?: readonly { readonly id: string; readonly transitions: number }[];
};

/** What a check explored, in the pinned form. */
export function graphOf(job: PinnedJob, r: Explored): Graph {
  return {
    job: { config: { ...job.config }, ...(job.variant !== undefined ? { variant: job.variant } : {}), symmetry: job.symmetry ?? false },
    verdict: r.verdict,
    distinctStates: r.stats.distinctStates,
    transitions: r.stats.transitions,
    depth: r.stats.depth,
    branches: Object.fromEntries((r.branches ?? []).map((b) => [b.id, b.transitions])),
  };
}

/** One model's file of pinned graphs. */
export class PinnedGraphs {
  private loaded: Pins | undefined;
  constructor(private readonly file: URL) {}

  /** The file, relative to the repository, as messages name it. */
  get name(): string {
    return this.file.pathname.slice(this.file.pathname.lastIndexOf("/model/") + 1);
  }

  read(): Pins {
    if (this.loaded) return this.loaded;
    const parsed = Pins.safeParse(JSON.parse(readFileSync(this.file, "utf8")));
    if (!parsed.success) throw new Error(`${this.file.pathname}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    return (this.loaded = parsed.data);
  }

  write(pins: Pins): void {
    writeFileSync(this.file, `${JSON.stringify(pins, null, 2)}\n`);
    this.loaded = undefined;
  }

  /** Whether a check explored the graph pinned under its job's id, and if not, what moved. */
  compare(job: PinnedJob, r: Explored, pins: Pins = this.read()): { same: boolean; detail: string } {
    const pinned = pins[job.id];
    if (!pinned) return { same: false, detail: `no graph pinned for ${job.id} (npm run pin)` };
    const got = graphOf(job, r);
    if (JSON.stringify(got.job) !== JSON.stringify(pinned.job)) return { same: false, detail: `the pin of ${job.id} is for another check (${JSON.stringify(pinned.job)}); npm run pin` };
    const branches = Object.keys(got.branches).length;
    const moved = [
      ...(["verdict", "distinctStates", "transitions", "depth"] as const).filter((f) => got[f] !== pinned[f]).map((f) => `${f} ${String(got[f])}, pinned ${String(pinned[f])}`),
      ...[...new Set([...Object.keys(pinned.branches), ...Object.keys(got.branches)])].filter((b) => got.branches[b] !== pinned.branches[b]).map((b) => `branch "${b}" ${got.branches[b] ?? 0} transitions, pinned ${pinned.branches[b] ?? 0}`),
    ];
    return moved.length === 0
      ? { same: true, detail: `as pinned: ${got.distinctStates.toLocaleString("en-US")} states, ${got.transitions.toLocaleString("en-US")} transitions, depth ${got.depth}${branches > 0 ? `, ${branches} branches` : ""}` }
      : { same: false, detail: `the model's graph moved from its pin (${this.name}; if the change is deliberate, review it and npm run pin): ${moved.join("; ")}` };
  }
}

export const basicPaxosPins = new PinnedGraphs(new URL("../../model/basic-paxos/pinned-graphs.json", import.meta.url));
export const multiPaxosPins = new PinnedGraphs(new URL("../../model/multi-paxos/pinned-graphs.json", import.meta.url));

export const readPins = (): Pins => basicPaxosPins.read();
export const writePins = (pins: Pins): void => basicPaxosPins.write(pins);
export const comparePinned = (job: PinnedJob, r: Explored, pins?: Pins) => basicPaxosPins.compare(job, r, pins);
