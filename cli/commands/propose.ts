// synod propose: propose a value for a key; prints the value chosen for it (yours or an earlier one).
import type { Command } from "../main.ts";
import { clientFlags, withClient } from "../client.ts";
import { runCommand, helpText, UsageError } from "../args.ts";

export const command: Command = {
  summary: "propose a value for a key to a cluster",
  run: (argv) =>
    runCommand("propose", argv, clientFlags, helpText("usage: synod propose --cluster FILE [--deadline MS] [--] KEY VALUE   (-- before a KEY or VALUE that starts with --)", clientFlags), async ({ flags, positionals }) => {
      if (positionals.length !== 2) throw new UsageError(`expected KEY VALUE, got ${positionals.length} argument(s)`);
      const [key, value] = positionals as [string, string];
      return withClient("synod propose", flags, async (store, deadlineMs) => {
        const chosen = await store.propose(key, value, { deadlineMs });
        console.log(chosen);
        if (chosen !== value) console.error(`synod propose: '${key}' already holds another value; yours was not chosen`);
        return 0;
      });
    }),
};
