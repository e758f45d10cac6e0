// A small flag parser for the impl/ commands: `--name value`, `--name=value` and boolean
// `--flag`; everything else is positional, and everything after `--` is positional even if it
// looks like a flag. Values are validated by each command's zod schema, so an error names the
// bad flag.
import type { z } from "zod";

/** A bad flag, argument or config: the command prints the message and exits 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export type FlagSpec = Readonly<Record<string, { readonly boolean?: boolean; readonly help: string }>>;

export function parseArgs(argv: readonly string[], spec: FlagSpec): { flags: Record<string, string | boolean>; positionals: string[] } {
  const flags: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const s = spec[name];
    if (!s) throw new UsageError(`unknown flag --${name}`);
    if (s.boolean) flags[name] = true;
    else if (inline !== undefined) flags[name] = inline;
    else if (i + 1 < argv.length) flags[name] = argv[++i]!;
    else throw new UsageError(`flag --${name} needs a value`);
  }
  return { flags, positionals };
}

export function helpText(usage: string, spec: FlagSpec): string {
  const rows = Object.entries(spec).map(([n, s]) => `  --${(n + (s.boolean ? "" : " VALUE")).padEnd(22)}${s.help}`);
  return [usage, "", "flags:", ...rows, `  --${"help".padEnd(22)}show this text`].join("\n");
}

/** Validate with zod; on failure a UsageError naming the first bad flag. */
export function validate<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const i = r.error.issues[0]!;
  const where = i.path.length ? `--${String(i.path[0])}` : "arguments";
  throw new UsageError(`${where}: ${i.message}`);
}

/** Run a command body: --help prints help, UsageError exits 2 with the message. */
export async function runCommand(argv: readonly string[], usage: string, spec: FlagSpec, body: (a: ReturnType<typeof parseArgs>) => Promise<number>): Promise<number> {
  const flagsPart = argv.includes("--") ? argv.slice(0, argv.indexOf("--")) : argv;
  if (flagsPart.includes("--help") || flagsPart.includes("-h")) {
    console.log(helpText(usage, spec));
    return 0;
  }
  try {
    return await body(parseArgs(argv, spec));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n\n${helpText(usage, spec)}`);
    return 2;
  }
}
