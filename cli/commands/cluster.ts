// synod cluster: start n acceptors on 127.0.0.1 in this process, write their cluster file,
// print how to use them, and stop on Ctrl-C or SIGTERM.
import { z } from "zod";
import type { Command } from "../main.ts";
import { runCommand, helpText, validate, UsageError, type FlagSpec } from "../args.ts";
import { startLocalCluster } from "../../impl/local-cluster.ts";
import { reportOperatorErrors } from "../operator-errors.ts";

const flags: FlagSpec = {
  nodes: { help: "how many acceptors (default 3; 1..9)" },
  "base-port": { help: "first port; node i listens on base+i-1 (default: any free ports)" },
  data: { help: "directory for the nodes' logs and the cluster file (default: a fresh temporary directory)" },
  trace: { help: "directory where acceptor ID appends its protocol events to ID.trace (for synod validate-trace)" },
};

const Flags = z.strictObject({
  nodes: z.coerce.number({ error: "must be a number" }).int().min(1, "at least 1").max(9, "at most 9").default(3),
  "base-port": z.coerce.number({ error: "must be a port number" }).int().min(1024).max(65_000).optional(),
  data: z.string().min(1).optional(),
  trace: z.string().min(1).optional(),
});

export const command: Command = {
  summary: "start a local cluster on 127.0.0.1 to try it out",
  run: (argv) =>
    runCommand("cluster", argv, flags, helpText("usage: synod cluster [--nodes 3] [--base-port PORT] [--data DIR] [--trace DIR]", flags), async ({ flags: f, positionals }) => {
      if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
      const o = validate(Flags, f);
      return reportOperatorErrors("synod cluster", async () => {
        const cluster = await startLocalCluster(o.nodes, {
          ...(o["base-port"] ? { basePort: o["base-port"] } : {}),
          ...(o.data ? { dataDir: o.data } : {}),
          ...(o.trace ? { traceDir: o.trace } : {}),
          log: (l) => console.error(l),
        });
        // With --trace, the client logs too: validate-trace needs every node's events.
        const client = o.trace ? ` --trace ${o.trace.replace(/\/+$/, "")}/client.trace` : "";
        console.log(
          [
            `synod cluster: ${o.nodes} acceptors of cluster ${cluster.config.cluster} on 127.0.0.1, logs in ${cluster.dataDir}${o.trace ? `, protocol events in ${o.trace}/ID.trace` : ""}`,
            ...cluster.config.acceptors.map((a) => `  ${a.id}  ${a.address}`),
            "",
            "try:",
            `  npx synod propose --cluster ${cluster.clusterFile}${client} color blue`,
            `  npx synod get --cluster ${cluster.clusterFile}${client} color`,
            ...(o.trace ? [`  npx synod validate-trace ${o.trace.replace(/\/+$/, "")}/*.trace`] : []),
            "",
            "Ctrl-C stops the cluster.",
          ].join("\n"),
        );
        await new Promise<void>((resolve) => {
          process.once("SIGINT", resolve);
          process.once("SIGTERM", resolve);
        });
        await cluster.stop();
        return 0;
      });
    }),
};
