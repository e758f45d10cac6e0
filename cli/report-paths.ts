// Report files (--junit, --html, --markdown) are made writable before a run starts, so that a
// run of minutes never ends in ENOENT: the folder is created, or the flag is refused (exit 2)
// with the path and the reason.
import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UsageError } from "./args.ts";

export function prepareReportPaths(paths: Readonly<Record<string, string | undefined>>): void {
  for (const [flag, path] of Object.entries(paths)) {
    if (path === undefined) continue;
    const file = resolve(path);
    const dir = dirname(file);
    try {
      if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--${flag} ${path}: is a directory; give a file name`);
      mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.W_OK);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`--${flag} ${path}: cannot write there (${(err as NodeJS.ErrnoException).code ?? (err as Error).message} on ${dir})`);
    }
  }
}
