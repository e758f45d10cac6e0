// synod get: print the value chosen for a key, or say that none is.
import type { Command } from "../main.ts";
import { clientFlags, withClient } from "../client.ts";
import { runCommand, helpText, UsageError } from "../args.ts";

export const command: Command = {
  summary: "read the chosen value of a key from a cluster",
  run: (argv) =>
    runCommand("get", argv, clientFlags, helpText("usage: synod get --cluster FILE [--deadline MS] [--] KEY   (exit 3 when no value is chosen)", clientFlags), async ({ flags, positionals }) => {
      if (positionals.length !== 1) throw new UsageError(`expected KEY, got ${positionals.length} argument(s)`);
      const key = positionals[0]!;
      return withClient("synod get", flags, async (store, deadlineMs) => {
        const v = await store.read(key, { deadlineMs });
        if (v === null) {
          console.error(`synod get: no value is chosen for '${key}'`);
          return 3;
        }
        console.log(v);
        return 0;
      });
    }),
};
