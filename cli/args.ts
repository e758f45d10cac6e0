// The one flag parser of the CLI: `--name value`, `--name=value`, boolean `--flag`, `-h` for
// `--help`; everything else is positional. A value may look like a number of any sign
// (`--ballots -1` reaches the flag's validation, which names the range). Values are validated
// by each command's zod schema, so an error names the bad flag.
import type { z } from "zod";

/** A bad flag, argument or config: the command prints the message and exits 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export type Flag = { readonly boolean?: boolean; /** What the value is called in the help: N, FILE, ... */ readonly value?: string; readonly help: string };
export type FlagSpec = Readonly<Record<string, Flag>>;
export type ParsedArgs = { readonly flags: Record<string, string | boolean>; readonly positionals: string[] };

export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const flags: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyPositionals || !arg.startsWith("-") || arg === "-" || /^-\d/.test(arg)) {
      positionals.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyPositionals = true;
      continue;
    }
    if (arg === "-h") {
      flags.help = true;
      continue;
    }
    if (!arg.startsWith("--")) throw new UsageError(`unknown flag ${arg}`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const s = spec[name];
    if (name === "help") flags.help = true;
    else if (!s) throw new UsageError(`unknown flag --${name}`);
    else if (s.boolean) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
    } else if (inline !== undefined) flags[name] = inline;
    else if (i + 1 < argv.length) flags[name] = argv[++i]!;
    else throw new UsageError(`--${name} needs a value`);
  }
  return { flags, positionals };
}

export function helpRows(spec: FlagSpec): string[] {
  return Object.entries(spec).map(([n, s]) => `  --${(n + (s.boolean ? "" : ` ${s.value ?? "VALUE"}`)).padEnd(22)}${s.help}`);
}

export function helpText(usage: string, spec: FlagSpec): string {
  return [usage, "", "flags:", ...helpRows(spec), `  --${"help".padEnd(22)}show this text`].join("\n");
}

/** Validate with zod; on failure a UsageError naming the first bad flag. */
export function validate<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const i = r.error.issues[0]!;
  const where = i.path.length ? `--${String(i.path[0])}` : "arguments";
  throw new UsageError(`${where}: ${i.message}`);
}

/** Runs a command body: --help prints `help`, a UsageError exits 2 with its message and a pointer to the help. */
export async function runCommand(name: string, argv: readonly string[], spec: FlagSpec, help: string, body: (a: ParsedArgs) => Promise<number>): Promise<number> {
  try {
    const args = parseArgs(argv, spec);
    if (args.flags.help) {
      console.log(help);
      return 0;
    }
    return await body(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`synod ${name}: ${e.message}\n(see synod ${name} --help)`);
    return 2;
  }
}
