// The verdict of `npm run mutation`: reads Stryker's JSON report and the equivalent mutants
// written down in docs/mutation-equivalents.json, prints the figures and every surviving
// mutant not written down, and exits 1 when fewer than MIN_SCORE of the non-equivalent mutants
// were killed, or when an entry of the equivalents no longer matches a surviving mutant (the
// code moved or the mutant is now killed: the list must say only what is true).
import { readFileSync } from "node:fs";
import { z } from "zod";

export const MIN_SCORE = 95;

const Position = z.object({ line: z.number(), column: z.number() });
const Mutant = z.object({
  id: z.string(),
  mutatorName: z.string(),
  replacement: z.string().optional(),
  status: z.enum(["Killed", "Survived", "NoCoverage", "Timeout", "CompileError", "RuntimeError", "Ignored", "Pending"]),
  statusReason: z.string().optional(),
  location: z.object({ start: Position, end: Position }),
});
export const MutationReport = z.object({ files: z.record(z.string(), z.object({ source: z.string().optional(), mutants: z.array(Mutant) })) });
export type MutationReport = z.infer<typeof MutationReport>;

/** A surviving mutant shown equivalent to the code: same file, line, mutator and replacement. */
export const Equivalent = z.strictObject({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int().optional(),
  mutator: z.string(),
  replacement: z.string(),
  reason: z.string().min(10),
  /**
   * "variant": the code runs only for a bug variant of a catalogue (a rule set no correct run has),
   * and the mutant is another form of that bug, caught by the same check as the variant. Counted
   * with the equivalents, and apart in the verdict, so that the reader sees how many they are.
   */
  scope: z.literal("variant").optional(),
});
export type Equivalent = z.infer<typeof Equivalent>;
export const Equivalents = z.array(Equivalent);

export type Undetected = { readonly file: string; readonly line: number; readonly column: number; readonly mutator: string; readonly replacement: string; readonly status: string };

export type Score = {
  readonly mutants: number;
  readonly killed: number;
  readonly timedOut: number;
  readonly survived: number;
  readonly noCoverage: number;
  readonly errors: number;
  readonly ignored: number;
  readonly equivalent: number;
  /** Of the equivalent, those in code only a bug variant runs (scope "variant"). */
  readonly equivalentInVariants: number;
  /** Killed or timed out, out of the mutants neither equivalent nor in error, as a percentage. */
  readonly score: number;
  readonly undetected: readonly Undetected[];
  /** Entries of the equivalents that match no surviving mutant. */
  readonly stale: readonly Equivalent[];
};

const sameMutant = (e: Equivalent, u: Undetected) => e.file === u.file && e.line === u.line && (e.column === undefined || e.column === u.column) && e.mutator === u.mutator && e.replacement === u.replacement;

export function scoreOf(report: MutationReport, equivalents: readonly Equivalent[]): Score {
  const all = Object.entries(report.files).flatMap(([file, f]) => f.mutants.map((m) => ({ file, m })));
  const count = (...s: string[]) => all.filter(({ m }) => s.includes(m.status)).length;
  const escaped: Undetected[] = all
    .filter(({ m }) => m.status === "Survived" || m.status === "NoCoverage")
    .map(({ file, m }) => ({ file, line: m.location.start.line, column: m.location.start.column, mutator: m.mutatorName, replacement: m.replacement ?? "", status: m.status }));
  const undetected = escaped.filter((u) => !equivalents.some((e) => sameMutant(e, u)));
  const equivalent = escaped.length - undetected.length;
  const equivalentInVariants = escaped.filter((u) => equivalents.some((e) => e.scope === "variant" && sameMutant(e, u))).length;
  // An entry is stale where the report mutated its line and no surviving mutant matches it; a
  // report of part of the code says nothing of the entries for lines it did not mutate.
  const mutated = new Set(all.map(({ file, m }) => `${file}:${m.location.start.line}`));
  const stale = equivalents.filter((e) => mutated.has(`${e.file}:${e.line}`) && !escaped.some((u) => sameMutant(e, u)));
  const killed = count("Killed");
  const timedOut = count("Timeout");
  const judged = killed + timedOut + escaped.length - equivalent;
  return {
    mutants: all.length - count("Ignored"),
    killed,
    timedOut,
    survived: count("Survived"),
    noCoverage: count("NoCoverage"),
    errors: count("CompileError", "RuntimeError"),
    ignored: count("Ignored"),
    equivalent,
    equivalentInVariants,
    score: judged === 0 ? 100 : (100 * (killed + timedOut)) / judged,
    undetected,
    stale,
  };
}

/**
 * Several reports (runs over parts of the code, or a later run over some mutants of an earlier
 * one) judged as one: a mutant in more than one (same file, place, mutator and replacement) takes
 * the later report's result, and a file whose source changed between two reports keeps only the
 * later report's mutants (the earlier ones' places no longer exist).
 */
export function mergeReports(reports: readonly MutationReport[]): MutationReport {
  type File = MutationReport["files"][string];
  const files: Record<string, { source?: string; mutants: Map<string, File["mutants"][number]> }> = {};
  for (const r of reports) {
    for (const [file, f] of Object.entries(r.files)) {
      const was = files[file];
      const entry = was && was.source === f.source ? was : (files[file] = { ...(f.source !== undefined ? { source: f.source } : {}), mutants: new Map() });
      for (const m of f.mutants) entry.mutants.set(`${m.location.start.line}:${m.location.start.column}:${m.location.end.line}:${m.location.end.column}:${m.mutatorName}:${m.replacement ?? ""}`, m);
    }
  }
  return { files: Object.fromEntries(Object.entries(files).map(([file, f]) => [file, { ...(f.source !== undefined ? { source: f.source } : {}), mutants: [...f.mutants.values()] }])) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const reportFiles = process.argv.length > 2 ? process.argv.slice(2) : ["reports/mutation/mutation.json"];
  const report = mergeReports(reportFiles.map((f) => MutationReport.parse(JSON.parse(readFileSync(f, "utf8")))));
  const equivalents = Equivalents.parse(JSON.parse(readFileSync("docs/mutation-equivalents.json", "utf8")));
  const s = scoreOf(report, equivalents);
  console.log(`files: ${Object.keys(report.files).join(", ")}`);
  console.log(`mutants: ${s.mutants} (ignored: ${s.ignored}), killed: ${s.killed}, timed out: ${s.timedOut}, survived: ${s.survived}, no coverage: ${s.noCoverage}, errors: ${s.errors}`);
  console.log(`equivalent (docs/mutation-equivalents.json): ${s.equivalent} (${s.equivalentInVariants} of them in code only a bug variant runs); not killed and not equivalent: ${s.undetected.length}`);
  for (const u of s.undetected) console.log(`  ${u.status.padEnd(10)} ${u.file}:${u.line}:${u.column} ${u.mutator} -> ${JSON.stringify(u.replacement)}`);
  for (const e of s.stale) console.log(`  STALE equivalent: ${e.file}:${e.line} ${e.mutator} -> ${JSON.stringify(e.replacement)} matches no surviving mutant`);
  const passed = s.score >= MIN_SCORE && s.stale.length === 0;
  console.log(`mutation score: ${s.score.toFixed(2)}% of non-equivalent mutants killed (bar ${MIN_SCORE}%): ${passed ? "PASS" : "FAIL"}`);
  process.exit(passed ? 0 : 1);
}
