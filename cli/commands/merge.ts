// synod merge REPORT...: the JSON reports of one run's shards (`synod check --shard I/N --json`,
// one per CI job or machine) merged into one verdict. Exit 0 verified, 1 violation, 2 bad usage,
// 3 incomplete (a shard missing, failed, duplicated or of another run: nothing is verified).
import { existsSync, readFileSync } from "node:fs";
import type { Command } from "../main.ts";
import { helpText, runCommand, UsageError, type FlagSpec } from "../args.ts";
import { parseCheckReport } from "../check-report.ts";
import { mergeReports, type MergedReport, type ShardInput } from "../merge-reports.ts";

const flags: FlagSpec = {
  json: { boolean: true, help: "print the merged report as JSON" },
};

const usage = `usage: synod merge [--json] REPORT...

Merges the JSON reports of the shards of one run (each written by
\`synod check --shard I/N --json > REPORT\`) into one verdict: verified only when every shard
1..N is there once, of the same model, variant, config and symmetry, each complete without a
violation, and every witness is reached by some shard. A violation any shard found is the
verdict, with the shortest counterexample among the shards and its trace. Anything missing or
doubtful (a report absent or unreadable, a shard incomplete, twice, or of another run) makes
the verdict incomplete. Distinct states are summed over the shards (a state two shards reach
counts twice); progress is not judged across shards.

exit codes: 0 verified, 1 violation, 2 bad usage, 3 incomplete.`;

const fmt = (n: number) => n.toLocaleString("en-US");

function readInput(path: string): ShardInput {
  if (!existsSync(path)) return { path, report: new Error("no such file (the shard's job wrote no report)") };
  return { path, report: parseCheckReport(readFileSync(path, "utf8")) };
}

export function mergeLines(m: MergedReport): string[] {
  const lines = [`verdict: ${m.verdict}`];
  if (m.model) lines.push(`${m.model}${m.mutant ? ` (mutant ${m.mutant})` : ""} ${JSON.stringify(m.config)}${m.symmetry ? " under symmetry" : ""}, ${m.merged.length} of ${m.shards} shards merged`);
  for (const r of m.reasons) lines.push(`  ${r}`);
  const s = m.stats;
  lines.push(`${fmt(s.statesSummed)} states summed over the shards, ${fmt(s.transitionsSummed)} transitions, depth ${s.depth}, slowest shard ${s.secondsMax.toFixed(1)} s (${s.secondsSummed.toFixed(1)} s in all)`);
  if (s.collisionProbability !== undefined) lines.push(`odds that a fingerprint collision hid a state in some shard: at most ${s.collisionProbability.toExponential(1)}`);
  if (m.witnesses.length > 0) lines.push(`witnesses: ${m.witnesses.map((w) => `${w.id} ${w.reached ? "reached" : "NOT reached"}`).join(", ")}`);
  const v = m.violation;
  if (v) {
    lines.push(`violation of ${v.property} (${v.kind}): ${v.message}`);
    if (v.length > 0) lines.push(`shortest counterexample among the shards: ${v.length} steps, found by shard ${v.shard}${v.trace ? `; replay it with: npx synod replay ${v.trace}` : ""}`);
  }
  if (m.verdict === "incomplete") lines.push("incomplete: not every shard of the run is in and complete; nothing is verified.");
  return lines;
}

export const command: Command = {
  summary: "merge the JSON reports of a run's shards into one verdict",
  run: (argv) =>
    runCommand("merge", argv, flags, helpText(usage, flags), async ({ flags: f, positionals }) => {
      if (positionals.length === 0) throw new UsageError("name at least one report file");
      const merged = mergeReports(positionals.map(readInput));
      if (f.json) console.log(JSON.stringify(merged, null, 2));
      else for (const line of mergeLines(merged)) console.log(line);
      return merged.verdict === "verified" ? 0 : merged.verdict === "violation" ? 1 : 3;
    }),
};
