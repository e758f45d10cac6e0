// The shards of one run (`synod check --shard I/N --json`, one per machine) merged into one
// verdict. "verified" needs every shard, once, of the same run (model, variant, config,
// symmetry, N), each complete and clean, and every witness reached by some shard: anything
// else missing or doubtful makes the merge "incomplete", never "verified". A violation any
// shard found stands whatever else is missing, and the shortest one among the shards is the
// run's shortest (each shard explores breadth-first from its part of one level, so the shard
// that owns a shortest path's state in that level finds a run of that length).
import type { CheckReport } from "./check-report.ts";

/** One report file as read: its path, and the report or why it is not one. */
export type ShardInput = { readonly path: string; readonly report: CheckReport | Error };

export type MergedReport = {
  readonly verdict: "verified" | "violation" | "incomplete";
  /** Why the merge is not "verified" (besides a violation): missing, duplicate, failed or foreign shards. */
  readonly reasons: readonly string[];
  readonly model?: string;
  readonly mutant?: string;
  readonly config?: unknown;
  readonly symmetry?: boolean;
  readonly shards: number;
  readonly merged: readonly { readonly path: string; readonly shard: string; readonly verdict: string }[];
  readonly stats: {
    /** Distinct states per shard, summed: a state two shards reach counts twice. */
    readonly statesSummed: number;
    readonly transitionsSummed: number;
    /** The deepest shard's depth: the run's depth once every shard is in. */
    readonly depth: number;
    /** The slowest shard: the run's wall time when the shards run side by side. */
    readonly secondsMax: number;
    readonly secondsSummed: number;
    /** The most bytes one shard held. */
    readonly bytesMax: number;
    /** Shards that kept fingerprints: the odds that a collision hid a state in any of them (their sum, a union bound). */
    readonly collisionProbability?: number;
  };
  readonly witnesses: readonly { readonly id: string; readonly reached: boolean }[];
  readonly violation?: NonNullable<CheckReport["violation"]> & { readonly shard: string; readonly trace?: string };
};

type Parsed = { readonly path: string; readonly r: CheckReport; readonly index: number; readonly count: number };

export function mergeReports(inputs: readonly ShardInput[]): MergedReport {
  const reasons: string[] = [];
  const parsed: Parsed[] = [];
  for (const { path, report } of inputs) {
    if (report instanceof Error) {
      reasons.push(`${path}: not a check report: ${report.message}`);
      continue;
    }
    const [index, count] = (report.shard ?? "1/1").split("/").map(Number) as [number, number];
    if (count < 1 || index < 1 || index > count) reasons.push(`${path}: shard ${report.shard} is not in 1..N`);
    else parsed.push({ path, r: report, index, count });
  }
  const ref = parsed[0];
  if (!ref) return { verdict: "incomplete", reasons: [...reasons, "no shard report to merge"], shards: 0, merged: [], stats: emptyStats(), witnesses: [] };

  const sameRun = (p: Parsed): string | undefined => {
    if (p.r.model !== ref.r.model) return `model ${p.r.model}, not ${ref.r.model}`;
    if (p.r.mutant !== ref.r.mutant) return `mutant ${p.r.mutant ?? "none"}, not ${ref.r.mutant ?? "none"}`;
    if (canonical(p.r.config) !== canonical(ref.r.config)) return `config ${canonical(p.r.config)}, not ${canonical(ref.r.config)}`;
    if (p.r.symmetry !== ref.r.symmetry) return `symmetry ${p.r.symmetry ? "on" : "off"}, not ${ref.r.symmetry ? "on" : "off"}`;
    if (p.count !== ref.count) return `one of ${p.count} shards, not of ${ref.count}`;
    return undefined;
  };
  const members: Parsed[] = [];
  const byIndex = new Map<number, Parsed>();
  for (const p of parsed) {
    const foreign = sameRun(p);
    if (foreign) {
      reasons.push(`${p.path}: another run than ${ref.path}: ${foreign}`);
      continue;
    }
    const twin = byIndex.get(p.index);
    if (twin) {
      reasons.push(`${p.path}: shard ${p.index}/${p.count} again (also ${twin.path})`);
      continue;
    }
    byIndex.set(p.index, p);
    members.push(p);
  }
  for (let i = 1; i <= ref.count; i++) if (!byIndex.has(i)) reasons.push(`shard ${i}/${ref.count} is missing`);
  for (const p of members) {
    if (p.r.verdict === "incomplete") reasons.push(`shard ${p.index}/${p.count} (${p.path}) is incomplete: ${p.r.incompleteReason ?? "no reason given"}`);
    else if (p.r.verdict === "bounded") reasons.push(`shard ${p.index}/${p.count} (${p.path}) is bounded: a shard does not judge liveness`);
    else if (p.r.verdict === "violation" && !p.r.violation) reasons.push(`shard ${p.index}/${p.count} (${p.path}) reports a violation without its run`);
  }

  const witnesses = unionOfWitnesses(members.map((p) => p.r.witnesses));
  const stats = {
    statesSummed: sum(members, (p) => p.r.stats.distinctStates),
    transitionsSummed: sum(members, (p) => p.r.stats.transitions),
    depth: Math.max(0, ...members.map((p) => p.r.stats.depth)),
    secondsMax: Math.max(0, ...members.map((p) => p.r.stats.seconds)),
    secondsSummed: sum(members, (p) => p.r.stats.seconds),
    bytesMax: Math.max(0, ...members.map((p) => p.r.stats.bytes)),
    ...(members.some((p) => p.r.stats.collisionProbability !== undefined) ? { collisionProbability: sum(members, (p) => p.r.stats.collisionProbability ?? 0) } : {}),
  };
  const head = { model: ref.r.model, ...(ref.r.mutant !== undefined ? { mutant: ref.r.mutant } : {}), config: ref.r.config, symmetry: ref.r.symmetry, shards: ref.count };
  const merged = members.map((p) => ({ path: p.path, shard: `${p.index}/${p.count}`, verdict: p.r.verdict }));

  const shortest = members
    .filter((p) => p.r.violation)
    .sort((a, b) => a.r.violation!.length - b.r.violation!.length || a.index - b.index)[0];
  if (shortest) {
    const violation = { ...shortest.r.violation!, shard: `${shortest.index}/${shortest.count}`, ...(shortest.r.trace ? { trace: shortest.r.trace } : {}) };
    return { verdict: "violation", reasons, ...head, merged, stats, witnesses, violation };
  }
  if (reasons.length > 0) return { verdict: "incomplete", reasons, ...head, merged, stats, witnesses };
  const unreached = witnesses.find((w) => !w.reached);
  if (unreached) {
    const message = `no shard reaches witness '${unreached.id}' (${stats.statesSummed} states explored over ${ref.count} shards)`;
    return { verdict: "violation", reasons, ...head, merged, stats, witnesses, violation: { kind: "witness-unreached", property: unreached.id, message, length: 0, shard: "all" } };
  }
  return { verdict: "verified", reasons, ...head, merged, stats, witnesses };
}

/** A witness is reached when any shard reaches it; ids in the order the first shard lists them. */
function unionOfWitnesses(lists: readonly (readonly { id: string; reached: boolean }[])[]): { id: string; reached: boolean }[] {
  const reached = new Map<string, boolean>();
  for (const list of lists) for (const w of list) reached.set(w.id, (reached.get(w.id) ?? false) || w.reached);
  return [...reached].map(([id, r]) => ({ id, reached: r }));
}

function sum<T>(xs: readonly T[], f: (x: T) => number): number {
  return xs.reduce((s, x) => s + f(x), 0);
}

function emptyStats(): MergedReport["stats"] {
  return { statesSummed: 0, transitionsSummed: 0, depth: 0, secondsMax: 0, secondsSummed: 0, bytesMax: 0 };
}

/** JSON with object keys sorted, so that two equal configs compare equal however they were written. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));
}
