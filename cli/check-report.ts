// The JSON report of one `synod check` run (`--json`): what the command prints and what
// `synod merge` reads back. One schema for both sides, so that a field the writer drops or
// renames fails the reader by name instead of merging wrongly.
import { z } from "zod";
import type { CheckResult } from "../checker/result.ts";
import type { Shard } from "../checker/shard.ts";

const Count = z.number().int().nonnegative();

export const CheckReport = z.object({
  model: z.string().min(1),
  mutant: z.string().optional(),
  config: z.record(z.string(), z.unknown()),
  /** Explored one state per symmetry class: counts differ from a run without it. */
  symmetry: z.boolean(),
  /** "I/N" as given to --shard (1-based); absent for a run of the whole state space. */
  shard: z.string().regex(/^\d+\/\d+$/, "must look like I/N").optional(),
  verdict: z.enum(["verified", "violation", "incomplete", "bounded"]),
  incompleteReason: z.string().optional(),
  stats: z.object({
    distinctStates: Count,
    transitions: Count,
    depth: Count,
    seconds: z.number().nonnegative(),
    bytes: Count,
    bytesPerState: z.number().nonnegative().optional(),
    collisionProbability: z.number().min(0).optional(),
  }),
  witnesses: z.array(z.object({ id: z.string(), reached: z.boolean() })),
  violation: z
    .object({ kind: z.string(), property: z.string(), message: z.string(), length: Count, cycleStart: Count.optional(), cycleRenamed: z.string().optional() })
    .optional(),
  trace: z.string().optional(),
});
export type CheckReport = z.infer<typeof CheckReport>;

export type ReportJob = { readonly model: string; readonly mutant?: string; readonly config: unknown; readonly symmetry: boolean; readonly shard?: Shard };

/** The run as the JSON document `synod check --json` prints. */
export function checkReportJson(job: ReportJob, result: CheckResult<unknown, unknown>, tracePath: string | undefined): object {
  const { violation, ...rest } = result;
  const liveness = rest.liveness?.map((l) => ({ id: l.id, verdict: l.verdict, ...(l.run ? { length: l.run.steps.length, cycleStart: l.run.cycleStart, ...(l.run.cycleRenamed ? { cycleRenamed: l.run.cycleRenamed } : {}), message: l.run.message } : {}) }));
  return {
    model: job.model,
    mutant: job.mutant,
    config: job.config,
    symmetry: job.symmetry,
    ...(job.shard ? { shard: `${job.shard.index + 1}/${job.shard.count}` } : {}),
    ...rest,
    ...(liveness ? { liveness } : {}),
    violation: violation && { kind: violation.kind, property: violation.property, message: violation.message, length: violation.steps.length, ...(violation.cycleStart !== undefined ? { cycleStart: violation.cycleStart } : {}), ...(violation.cycleRenamed ? { cycleRenamed: violation.cycleRenamed } : {}) },
    trace: tracePath,
  };
}

/** A report file's text parsed, or why it is not a report: the first bad field by its path. */
export function parseCheckReport(text: string): CheckReport | Error {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return new Error(`not JSON (${(err as Error).message})`);
  }
  const r = CheckReport.safeParse(json);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  return new Error(`${issue.path.join(".") || "(report)"}: ${issue.message}`);
}
