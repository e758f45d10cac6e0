// The JSON report of `synod verify --json`, as `synod review` reads it from each revision.
// Parsed with zod, loosely: an older revision may print fewer figures (then they are not
// compared) and a newer one more (ignored). A counterexample is kept as it came; the HTML
// report validates it before showing it.
import { z } from "zod";

const Figures = z.object({
  verdict: z.string().optional(),
  distinctStates: z.number().optional(),
  transitions: z.number().optional(),
  depth: z.number().optional(),
  witnesses: z.array(z.object({ id: z.string(), reached: z.boolean() })).optional(),
  catalogue: z
    .object({ safe: z.boolean(), caught: z.boolean(), caughtBy: z.string().nullable(), effort: z.number(), effortUnit: z.enum(["runs", "states"]), steps: z.number().nullable() })
    .optional(),
  coverage: z.record(z.string(), z.number()).optional(),
  paths: z.number().optional(),
  runs: z.number().optional(),
});
export type Figures = z.infer<typeof Figures>;

const Check = z.object({
  name: z.string(),
  passed: z.boolean(),
  detail: z.string(),
  seconds: z.number(),
  figures: Figures.optional(),
  counterexample: z.unknown().optional(),
});
export type ReportCheck = z.infer<typeof Check>;

const Stage = z.object({ name: z.string(), passed: z.boolean(), seconds: z.number(), checks: z.array(Check), title: z.string().optional(), lines: z.array(z.string()).optional() });
export type ReportStage = z.infer<typeof Stage>;

export const VerifyReport = z.object({ passed: z.boolean(), seconds: z.number(), stages: z.array(Stage) });
export type VerifyReport = z.infer<typeof VerifyReport>;

/** Parses verify's stdout; throws an Error naming the field (or saying it is not JSON). */
export function parseVerifyReport(text: string, origin: string): VerifyReport {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`${origin}: synod verify --json printed no JSON report (${(err as Error).message})`);
  }
  const r = VerifyReport.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new Error(`${origin}: ${i.path.join(".") || "(root)"}: ${i.message}`);
  }
  return r.data;
}
