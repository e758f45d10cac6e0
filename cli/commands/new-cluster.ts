// synod new-cluster: write a cluster file (a fresh cluster id and key, and the members) that
// every node and client of the cluster is then given.
import { z } from "zod";
import type { Command } from "../main.ts";
import { newCluster, parseMemberList, writeClusterFile } from "../../impl/config.ts";
import { runCommand, helpText, validate, UsageError, type FlagSpec } from "../args.ts";
import { reportOperatorErrors } from "../operator-errors.ts";

const flags: FlagSpec = {
  acceptors: { help: "the members, ID=HOST:PORT,... e.g. a1=127.0.0.1:7001,a2=127.0.0.1:7002,a3=127.0.0.1:7003 (required)" },
  out: { help: "the file to write (never overwritten; mode 600, it holds the cluster key) (required)" },
};
const Flags = z.strictObject({ acceptors: z.string({ error: "is required" }), out: z.string({ error: "is required" }).min(1) });

export const command: Command = {
  summary: "write a cluster file: a new cluster id and key for the given members",
  run: (argv) =>
    runCommand("new-cluster", argv, flags, helpText("usage: synod new-cluster --acceptors ID=HOST:PORT,... --out FILE", flags), async ({ flags: f, positionals }) => {
      if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
      const o = validate(Flags, f);
      let c;
      try {
        c = newCluster(parseMemberList(o.acceptors));
      } catch (e) {
        throw new UsageError(`--acceptors: ${(e as z.ZodError).issues?.map((i) => i.message).join("; ") ?? String(e)}`);
      }
      return reportOperatorErrors("synod new-cluster", async () => {
        await writeClusterFile(o.out, c);
        console.log(`synod new-cluster: cluster ${c.cluster} with ${c.acceptors.map((a) => a.id).join(", ")} written to ${o.out}; give it to every node and client (it holds the key)`);
        return 0;
      });
    }),
};
