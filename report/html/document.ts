// What an HTML report holds, as data: a title and verdict, summary lines, notices (a review's
// regressions first), each stage with its checks and the lines it printed, and every
// counterexample as a run to step through: per step the action, what changed, the chart event,
// the inspected state of the model (and of the implementation, for a lockstep run), and what
// parted. Validated with zod before rendering, so a report never renders half a document.
import { z } from "zod";
import type { ChartEvent, Inspection } from "../../model/inspection.ts";

const Field = z.strictObject({ name: z.string(), value: z.string() });

export const InspectionSchema: z.ZodType<Inspection> = z.strictObject({
  nodes: z.array(z.strictObject({ id: z.string().min(1), role: z.string(), up: z.boolean(), fields: z.array(Field) })),
  inFlight: z.array(z.strictObject({ from: z.string(), to: z.string(), label: z.string() })),
  facts: z.array(Field),
});

export const ChartEventSchema: z.ZodType<ChartEvent> = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("message"), from: z.string().min(1), to: z.string().min(1), label: z.string(), lost: z.boolean() }),
  z.strictObject({ kind: z.literal("note"), over: z.array(z.string().min(1)).min(1), text: z.string() }),
]);

const Difference = z.strictObject({ observable: z.string(), model: z.string(), impl: z.string() });

export const ViewStep = z.strictObject({
  description: z.string(),
  changes: z.array(z.string()),
  chart: ChartEventSchema,
  model: InspectionSchema,
  /** The implementation after the same step (lockstep runs only). */
  impl: InspectionSchema.optional(),
  /** Observables on which model and implementation differ after the step. */
  differences: z.array(Difference).optional(),
  /** Properties broken after (or across) the step, one line each. */
  broken: z.array(z.string()).optional(),
});
export type ViewStep = z.infer<typeof ViewStep>;

export const CounterexampleView = z.strictObject({
  title: z.string().min(1),
  /** Where it comes from: "catalogue: quorum-n-over-2", "synod check", ... */
  source: z.string(),
  violation: z.strictObject({ kind: z.string(), property: z.string(), message: z.string() }),
  /** True when the run exists to be caught (an unsafe catalogue variant): not a failure. */
  expected: z.boolean(),
  participants: z.array(z.string().min(1)).min(1),
  initial: z.strictObject({ model: InspectionSchema, impl: InspectionSchema.optional() }),
  steps: z.array(ViewStep),
  /** The step (1-based; 0 the initial state) after which the violation or divergence shows. */
  failedStep: z.number().int().min(0),
  /** The command that replays it, and the trace file, where there is one. */
  replay: z.string().optional(),
});
export type CounterexampleView = z.infer<typeof CounterexampleView>;

const Check = z.strictObject({ name: z.string(), passed: z.boolean(), detail: z.string(), seconds: z.number() });

export const StageSection = z.strictObject({
  name: z.string().min(1),
  title: z.string(),
  passed: z.boolean(),
  seconds: z.number(),
  checks: z.array(Check),
  /** The lines the stage printed: its figures. */
  lines: z.array(z.string()),
});
export type StageSection = z.infer<typeof StageSection>;

export const Notice = z.strictObject({ level: z.enum(["failure", "warning", "info"]), text: z.string() });
export type Notice = z.infer<typeof Notice>;

export const ReportDocument = z.strictObject({
  title: z.string().min(1),
  /** The command that made the report. */
  command: z.string(),
  passed: z.boolean(),
  summary: z.array(z.string()),
  notices: z.array(Notice),
  stages: z.array(StageSection),
  counterexamples: z.array(CounterexampleView),
});
export type ReportDocument = z.infer<typeof ReportDocument>;
