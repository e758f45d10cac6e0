// The flags that point a stage at a target (docs/targets.md), and loading what they name: a
// module exporting a Target (default export, or a function of --target-args returning one), or a
// command speaking the process protocol. Errors are usage errors naming the flag.
import { resolve, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { existsSync } from "node:fs";
import { z } from "zod";
import { UsageError, type FlagSpec } from "../args.ts";
import type { Target } from "../../target/target.ts";
import { identify, type TargetIdentity } from "../../target/identity.ts";
import { processTarget } from "../../target/process.ts";
import { TargetConfig } from "../../target/config.ts";

export const targetFlags: FlagSpec = {
  target: { value: "MODULE", help: "check an outside implementation: a module exporting a Target (docs/targets.md)" },
  "target-args": { value: "K=V,...", help: "arguments passed to the target module's exported function" },
  "target-cmd": { value: "COMMAND", help: "check an implementation in any language over the process protocol (JSON lines)" },
  "target-timeout": { value: "MS", help: "longest wait for one answer of the target, in ms (default 5000)" },
  "target-config": { value: "JSON", help: 'bounds and faults of the target runs, e.g. {"proposers":3,"losses":0}' },
};

export type LoadedTarget = { readonly target: Target<unknown>; readonly identity: TargetIdentity; readonly timeoutMs: number; readonly config: TargetConfig };

const Args = z
  .string()
  .transform((s) => s.split(",").filter((x) => x !== ""))
  .pipe(z.array(z.string().regex(/^[\w.-]+=.*$/, "each argument is KEY=VALUE")))
  .transform((kvs) => Object.fromEntries(kvs.map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)])));

/** Whether the flags name a target at all. */
export function wantsTarget(flags: Record<string, string | boolean>): boolean {
  return typeof flags.target === "string" || typeof flags["target-cmd"] === "string";
}

export function parseTargetConfigFlag(json: string | boolean | undefined): TargetConfig {
  if (typeof json !== "string") return TargetConfig.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new UsageError(`--target-config: not JSON (${(err as Error).message})`);
  }
  const r = TargetConfig.safeParse(raw);
  if (!r.success) throw new UsageError(`--target-config: ${r.error.issues[0]!.path.join(".") || "(config)"}: ${r.error.issues[0]!.message}`);
  return r.data;
}

export async function loadTarget(flags: Record<string, string | boolean>): Promise<LoadedTarget> {
  const module = flags.target;
  const command = flags["target-cmd"];
  if (typeof module === "string" && typeof command === "string") throw new UsageError("--target and --target-cmd name two targets: give one");
  const timeout = z.coerce.number().int().min(1).max(600_000).safeParse(flags["target-timeout"] ?? 5000);
  if (!timeout.success) throw new UsageError("--target-timeout: a number of milliseconds from 1 to 600000");
  const config = parseTargetConfigFlag(flags["target-config"]);
  if (typeof command === "string") {
    if (flags["target-args"] !== undefined) throw new UsageError('--target-args: passed to a module\'s function; a command takes its arguments in its own line (--target-cmd "node main.mjs --mode x")');
    const target = await processTarget({ command, replyTimeoutMs: timeout.data }).catch((err: Error) => {
      throw new UsageError(`--target-cmd: ${err.message}`);
    });
    return { target, identity: identify({ kind: "command", command }, target.name), timeoutMs: timeout.data, config };
  }
  if (typeof module !== "string") throw new UsageError("name a target with --target MODULE or --target-cmd COMMAND");
  const args = Args.safeParse(typeof flags["target-args"] === "string" ? flags["target-args"] : "");
  if (!args.success) throw new UsageError(`--target-args: ${args.error.issues[0]!.message}`);
  const argv: Record<string, string> = args.data;
  const target = await importTarget(module, argv);
  return { target, identity: identify({ kind: "module", module: relative(".", resolve(module)), args: argv }, target.name), timeoutMs: timeout.data, config };
}

async function importTarget(module: string, args: Record<string, string>): Promise<Target<unknown>> {
  const file = resolve(module);
  if (!existsSync(file)) throw new UsageError(`--target: no such file: ${module}`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    throw new UsageError(`--target: cannot load ${module}: ${(err as Error).message}`);
  }
  const exported = mod.default ?? mod.target;
  let t: unknown;
  try {
    t = typeof exported === "function" ? await (exported as (a: Record<string, string>) => unknown)(args) : exported;
  } catch (err) {
    throw new UsageError(`--target: ${module}: ${(err as Error).message}`);
  }
  const shape = t as Partial<Target<unknown>> | undefined;
  if (!shape || typeof shape.create !== "function" || typeof shape.meaning !== "function" || typeof shape.name !== "string")
    throw new UsageError(`--target: ${module} exports no Target (its default export, or a function returning one, needs name, capabilities, create and meaning: docs/targets.md)`);
  return shape as Target<unknown>;
}
