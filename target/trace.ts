// A failing target run saved for `synod replay`: the target it ran on (identity.ts), the config
// and seed, and the commands with their descriptions and the messages each sent. Read back with
// zod; a replay takes the commands and runs them on the same target again.
import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { TargetIdentity } from "./identity.ts";
import { TargetConfig } from "./config.ts";
import { TargetCommand } from "./command.ts";
import type { TargetStep } from "./run.ts";

export const TARGET_TRACE_FORMAT = "synod-target-trace";

export const TargetTrace = z.strictObject({
  format: z.literal(TARGET_TRACE_FORMAT),
  version: z.literal(1),
  target: TargetIdentity,
  config: TargetConfig,
  seed: z.number().int(),
  /** fast-check's path, when the run came from `synod mbt`. */
  path: z.string().optional(),
  steps: z.array(z.strictObject({ command: TargetCommand, description: z.string(), sent: z.array(z.string()) })),
  /** What the last step broke: a property, or the target's contract (a fault). */
  violation: z.strictObject({ property: z.string(), message: z.string() }).optional(),
});
export type TargetTrace = z.infer<typeof TargetTrace>;

export class TargetTraceError extends Error {
  override readonly name = "TargetTraceError";
}

/** The property a failed step stands for; `target-contract` when the target itself failed. */
export function violationOfStep(s: TargetStep): { property: string; message: string } | undefined {
  if (s.ok) return undefined;
  if (s.fault !== null) return { property: "target-contract", message: s.fault };
  return { property: s.broken[0]!.property, message: s.broken[0]!.message };
}

export function targetTrace(target: TargetIdentity, config: TargetConfig, seed: number, steps: readonly TargetStep[], path?: string): TargetTrace {
  const last = steps.at(-1);
  const violation = last && violationOfStep(last);
  return {
    format: TARGET_TRACE_FORMAT,
    version: 1,
    target,
    config,
    seed,
    ...(path !== undefined ? { path } : {}),
    steps: steps.map((s) => ({ command: s.command, description: s.description, sent: [...s.sent] })),
    ...(violation ? { violation } : {}),
  };
}

export function writeTargetTrace(file: string, t: TargetTrace): void {
  writeFileSync(file, `${JSON.stringify(t, null, 2)}\n`);
}

export function parseTargetTrace(raw: unknown, file: string): TargetTrace {
  const r = TargetTrace.safeParse(raw);
  if (r.success) return r.data;
  const i = r.error.issues[0]!;
  throw new TargetTraceError(`${file}: ${i.path.join(".") || "(root)"}: ${i.message}`);
}

export function readTargetTrace(file: string): TargetTrace {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new TargetTraceError(`${file}: not a readable JSON file (${(err as Error).message})`);
  }
  return parseTargetTrace(raw, file);
}
