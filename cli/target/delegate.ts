// `synod mbt` and `synod conformance` check impl/ unless a target is named: then the target
// mode of the command (cli/target/) runs instead, its usage errors reported the same way.
import { UsageError } from "../args.ts";

export function namesTarget(argv: readonly string[]): boolean {
  return argv.some((a) => /^--target(-cmd)?(=|$)/.test(a));
}

export async function runTargetMode(command: string, argv: readonly string[], load: () => Promise<(argv: readonly string[]) => Promise<number>>): Promise<number> {
  const run = await load();
  try {
    return await run(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`synod ${command}: ${err.message}\n(see synod ${command} --target X --help)`);
    return 2;
  }
}
