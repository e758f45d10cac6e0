// The JSON trace file: a counterexample (or any run) saved so that `synod replay` can re-run
// it. Versioned, parsed with zod on the way in; actions are validated by the model's own
// `actionSchema`, so a trace is only ever replayed on a model that understands it.
//
//   { "format": "synod-trace", "version": 1, "model": "basic-paxos", "config": {...},
//     "mutant": "quorum-n-over-2",                                   (optional)
//     "impl": { "variant": "reply-before-sync", "storage": "memory",  (optional: a lockstep
//               "seed": 1, "path": "3:0:1" },                         run of impl/, mbt/trace.ts)
//     "violation": { "kind": "invariant", "property": "...", "message": "..." },  (optional)
//     "cycleStart": 3,            (optional: a liveness lasso, steps 3.. repeat for ever)
//     "cycleRenamed": "round 1→2",  (optional: ... each turn with its ballots renamed so)
//     "steps": [ { "action": {...}, "description": "...", "changes": ["..."] } ] }
import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import type { Model } from "./model.ts";
import type { Counterexample } from "./result.ts";
import { canonicalHashInto } from "./canonical-hash.ts";

export const TRACE_FORMAT = "synod-trace";
export const TRACE_VERSION = 1;

const ViolationSummary = z.strictObject({
  /** "divergence": in a lockstep run, the implementation parted from the model. */
  kind: z.enum(["invariant", "step", "witness-unreached", "progress", "liveness", "bounded", "divergence"]),
  property: z.string().min(1),
  message: z.string(),
});

/** Which implementation a lockstep trace ran against, and the fast-check seed and path that found it. */
const ImplSummary = z.strictObject({
  variant: z.string().min(1),
  storage: z.enum(["memory", "file"]),
  seed: z.number().int().optional(),
  path: z.string().optional(),
  /** The TCP store's proposer shortcuts were on (judged by invariants only; docs/mbt.md). */
  shortcuts: z.boolean().optional(),
});

/** The trace schema for a model whose actions `actionSchema` parses. */
export function traceSchema<A>(actionSchema: z.ZodType<A>) {
  return z.strictObject({
    format: z.literal(TRACE_FORMAT, { error: `format must be "${TRACE_FORMAT}"` }),
    version: z.literal(TRACE_VERSION, { error: `version must be ${TRACE_VERSION}` }),
    model: z.string().min(1),
    config: z.unknown(),
    mutant: z.string().min(1).optional(),
    impl: ImplSummary.optional(),
    violation: ViolationSummary.optional(),
    /** A liveness run (a lasso): steps[cycleStart..] repeat for ever; = steps.length: it stays in its last state. */
    cycleStart: z.number().int().min(0).optional(),
    /** The lasso closes up to this renaming of ballots (checker/renamed-lasso.ts). */
    cycleRenamed: z.string().min(1).optional(),
    steps: z.array(z.strictObject({ action: actionSchema, description: z.string(), changes: z.array(z.string()) })),
  });
}

export type Trace<A> = {
  format: typeof TRACE_FORMAT;
  version: typeof TRACE_VERSION;
  model: string;
  config: unknown;
  mutant?: string;
  impl?: z.infer<typeof ImplSummary>;
  violation?: z.infer<typeof ViolationSummary>;
  cycleStart?: number;
  cycleRenamed?: string;
  steps: { action: A; description: string; changes: string[] }[];
};

/** A trace of a counterexample, each step described in the model's words. */
export function traceFromCounterexample<S, A>(model: Model<S, A>, cx: Counterexample<S, A>, mutant?: string): Trace<A> {
  let before = cx.initial;
  const steps = cx.steps.map(({ action, state }) => {
    const step = { action, description: model.describeAction(action), changes: [...model.describeChange(before, state)] };
    before = state;
    return step;
  });
  const trace: Trace<A> = { format: TRACE_FORMAT, version: TRACE_VERSION, model: model.name, config: model.config, violation: { kind: cx.kind, property: cx.property, message: cx.message }, steps };
  if (mutant !== undefined) trace.mutant = mutant;
  if (cx.cycleStart !== undefined) trace.cycleStart = cx.cycleStart;
  if (cx.cycleRenamed !== undefined) trace.cycleRenamed = cx.cycleRenamed;
  return trace;
}

export function writeTrace<A>(path: string, trace: Trace<A>): void {
  writeFileSync(path, JSON.stringify(trace, null, 2) + "\n");
}

/** Parses a trace file; throws an Error naming the file and the bad field. */
export function readTrace<A>(path: string, actionSchema: z.ZodType<A>): Trace<A> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new Error(`${path}: not a readable JSON file (${(err as Error).message})`);
  }
  return parseTrace(raw, actionSchema, path);
}

export function parseTrace<A>(raw: unknown, actionSchema: z.ZodType<A>, origin = "trace"): Trace<A> {
  const parsed = traceSchema(actionSchema).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${origin}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return parsed.data as Trace<A>;
}

/** JSON with object keys sorted, so that equal actions compare equal whatever key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

export type ReplayOutcome<S> =
  /** A state invariant or a step check failed after step `step` (1-based; 0 = the initial state). */
  | { readonly outcome: "violation"; readonly kind: "invariant" | "step"; readonly property: string; readonly message: string; readonly step: number; readonly state: S }
  /** Step `step` (1-based) is not among the actions enabled in the state before it. */
  | { readonly outcome: "not-enabled"; readonly step: number; readonly description: string; readonly state: S }
  /** Every step ran and every check held. */
  | { readonly outcome: "completed"; readonly steps: number; readonly state: S };

/**
 * Re-runs a trace from the model's (single) initial state, checking every invariant on every
 * state and every step check on every transition, as exploration does.
 */
export function replayTrace<S, A>(model: Model<S, A>, trace: Trace<A>): ReplayOutcome<S> {
  const initial = model.initialStates();
  if (initial.length !== 1) throw new Error(`replay needs a model with one initial state; ${model.name} has ${initial.length}`);
  let state: S = initial[0] as S;
  const first = firstBrokenInvariant(model, state);
  if (first) return { outcome: "violation", kind: "invariant", ...first, step: 0, state };
  for (let i = 0; i < trace.steps.length; i++) {
    const wanted = canonicalJson(trace.steps[i]!.action);
    const action = model.actions(state).find((a) => canonicalJson(a) === wanted);
    if (action === undefined) return { outcome: "not-enabled", step: i + 1, description: trace.steps[i]!.description, state };
    const after = model.next(state, action);
    // Invariants before step checks, in the order exploration reports them.
    const broken = firstBrokenInvariant(model, after);
    if (broken) return { outcome: "violation", kind: "invariant", ...broken, step: i + 1, state: after };
    for (const step of model.stepChecks) {
      const message = step.check(state, after);
      if (message !== null) return { outcome: "violation", kind: "step", property: step.id, message, step: i + 1, state: after };
    }
    state = after;
  }
  return { outcome: "completed", steps: trace.steps.length, state };
}

function firstBrokenInvariant<S, A>(model: Model<S, A>, state: S): { property: string; message: string } | undefined {
  for (const inv of model.invariants) {
    const message = inv.check(state);
    if (message !== null) return { property: inv.id, message };
  }
  return undefined;
}

/** A liveness lasso replayed: whether its last state closes the cycle, and whether the property stays false on every state of it. */
export type LassoReplay = { readonly closes: boolean; readonly goalNeverHolds: boolean };

/**
 * Re-runs a lasso (trace.cycleStart set) on the model: the state after the last step must be
 * the state before step cycleStart + 1 (for cycleStart = the length, the run stays in its last
 * state), or that state with its ballots renamed when the trace says the cycle renames them (the
 * model's renaming key then compares them), and the liveness property it names must hold in none
 * of the run's states. Undefined
 * when the trace is no lasso, names no liveness property of the model, or a step is not possible.
 */
export function replayLasso<S, A>(model: Model<S, A>, trace: Trace<A>): LassoReplay | undefined {
  const property = model.liveness?.properties.find((p) => p.id === trace.violation?.property);
  if (trace.cycleStart === undefined || !property) return undefined;
  const states: S[] = [model.initialStates()[0] as S];
  for (const step of trace.steps) {
    const wanted = canonicalJson(step.action);
    const before = states.at(-1)!;
    const action = model.actions(before).find((a) => canonicalJson(a) === wanted);
    if (action === undefined) return undefined;
    states.push(model.next(before, action));
  }
  const goalNeverHolds = states.every((s) => !property.goal(s));
  // A cycle closed up to a renaming of ballots is compared by the model's key; a model without one cannot close it.
  const renaming = model.liveness?.renaming;
  if (trace.cycleRenamed !== undefined && !renaming) return { closes: false, goalNeverHolds };
  const key = (s: S) => {
    if (renaming && trace.cycleRenamed !== undefined) return renaming.key(s);
    const h = new Int32Array(2);
    canonicalHashInto(s, h);
    return `${h[0]},${h[1]}`;
  };
  return { closes: key(states.at(-1)!) === key(states[Math.min(trace.cycleStart, trace.steps.length)]!), goalNeverHolds };
}
