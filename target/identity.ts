// Which target a run was on, as reports, JUnit and saved traces name it: the module and its
// arguments, or the command line, with a short hash of that, so that a replay can refuse to run a
// trace on another target. The hash is of the identity, not of the code: a trace saved before a
// fix replays on the fixed code, which is what a fix is checked with.
import { createHash } from "node:crypto";
import { z } from "zod";

export const TargetIdentity = z.discriminatedUnion("kind", [
  /** An in-process target: a module exporting a Target (or a function of `args` returning one). */
  z.strictObject({ kind: z.literal("module"), module: z.string().min(1), args: z.record(z.string(), z.string()).default({}), hash: z.string(), name: z.string() }),
  /** A target over the process protocol. */
  z.strictObject({ kind: z.literal("command"), command: z.string().min(1), hash: z.string(), name: z.string() }),
]);
export type TargetIdentity = z.infer<typeof TargetIdentity>;

type Unhashed = { kind: "module"; module: string; args: Record<string, string> } | { kind: "command"; command: string };

export function identify(what: Unhashed, name: string): TargetIdentity {
  const canonical = what.kind === "module" ? [what.kind, what.module, Object.entries(what.args).sort()] : [what.kind, what.command];
  const hash = createHash("sha256").update(JSON.stringify(canonical)).digest("hex").slice(0, 12);
  return { ...what, hash, name } as TargetIdentity;
}

/** One line: `module examples/x/target.ts mode=bug (3f2a9c01b2de)`. */
export function describeIdentity(t: TargetIdentity): string {
  const what = t.kind === "module" ? `module ${t.module}${Object.keys(t.args).length ? ` ${Object.entries(t.args).map(([k, v]) => `${k}=${v}`).join(",")}` : ""}` : `command "${t.command}"`;
  return `${t.name}: ${what} (${t.hash})`;
}
