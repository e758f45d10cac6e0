// synod target init DIR: a starting point for checking your own Paxos (docs/targets.md): an
// adapter around a small Paxos to replace with yours, with a planted bug behind a switch, and a
// vitest test that runs Synod's stages on it. Never overwrites a file. Exit 0 written, 2 bad usage.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "../main.ts";
import { helpText, runCommand, UsageError, type FlagSpec } from "../args.ts";

const usage = `usage: synod target init DIR

Writes DIR/target.mts, a Synod adapter around a small single-decree Paxos (replace it with calls
into yours), and DIR/target.test.mts, a vitest test running Synod's stages on it. Then:
  npx synod mbt --target DIR/target.mts                              passes
  npx synod mbt --target DIR/target.mts --target-args bug=first-vote  fails: the planted bug
  npx vitest run DIR                                                the stages as a test`;

const flags: FlagSpec = {};

const FILES = [
  // .mts: ES modules whatever the project's package.json says (synod/target is one).
  ["target.mts", "target.ts.txt"],
  ["target.test.mts", "target.test.ts.txt"],
] as const;

export const command: Command = {
  summary: "write an adapter skeleton and a test to check your own Paxos (docs/targets.md)",
  run: (argv) =>
    runCommand("target", argv, flags, helpText(usage, flags), async ({ positionals }) => {
      const [sub, dir, ...rest] = positionals;
      if (sub !== "init") throw new UsageError(sub === undefined ? "expected a subcommand: init DIR" : `unknown subcommand '${sub}' (expected init)`);
      if (dir === undefined) throw new UsageError("init needs a directory: synod target init DIR");
      if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`);
      const taken = FILES.map(([name]) => join(dir, name)).filter((f) => existsSync(f));
      if (taken.length > 0) throw new UsageError(`${taken.join(", ")} already exist${taken.length === 1 ? "s" : ""}: nothing written`);
      mkdirSync(dir, { recursive: true });
      for (const [name, template] of FILES) writeFileSync(join(dir, name), readFileSync(new URL(`../target/template/${template}`, import.meta.url), "utf8"));
      console.log(`wrote ${FILES.map(([name]) => join(dir, name)).join(" and ")}`);
      console.log(`next: npx synod mbt --target ${join(dir, "target.mts")}   (and --target-args bug=first-vote to see a failure)`);
      return 0;
    }),
};
