// synod stats: ask every node of a cluster for its counters (frames refused and why,
// connections cut, requests), its keys and its memory, one line per node.
import type { Command } from "../main.ts";
import { clientFlags, clusterOf } from "../client.ts";
import { runCommand, helpText, UsageError } from "../args.ts";
import { reportOperatorErrors } from "../operator-errors.ts";
import { askStats } from "../../impl/stats-client.ts";

export const command: Command = {
  summary: "print each node's counters, keys and memory",
  run: (argv) =>
    runCommand("stats", argv, clientFlags, helpText("usage: synod stats --cluster FILE [--deadline MS]", clientFlags), async ({ flags, positionals }) => {
      if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
      return reportOperatorErrors("synod stats", async () => {
        const { config, deadline } = await clusterOf(flags);
        const all = await askStats(config, deadline);
        let missing = 0;
        for (const a of config.acceptors) {
          const s = all.get(a.id);
          if (!s) missing++;
          console.log(s ? `${a.id} ${Object.entries(s).map(([k, v]) => `${k}=${v}`).join(" ")}` : `${a.id} no answer within ${deadline} ms`);
        }
        return missing ? 1 : 0;
      });
    }),
};
