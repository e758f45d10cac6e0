// synod serve: run one acceptor node of the register store on TCP, with its write-ahead log.
import { z } from "zod";
import type { Command } from "../main.ts";
import { NodeId } from "../../protocol/messages.ts";
import { HostPort, isWildcard, splitHostPort } from "../../impl/address.ts";
import { readClusterFile } from "../../impl/config.ts";
import { runCommand, helpText, validate, UsageError, type FlagSpec } from "../args.ts";
import { DEFAULT_MAX_KEYS, startServer } from "../../impl/server.ts";
import { defaultTcpLimits } from "../../impl/adapters/tcp-transport.ts";
import { reportOperatorErrors } from "../operator-errors.ts";
import { ServerStartError } from "../../impl/server-start-error.ts";

const flags: FlagSpec = {
  cluster: { help: "the cluster file (synod new-cluster writes one): members, cluster id and key (required)" },
  id: { help: "this node's id in the cluster file, e.g. a1 (required)" },
  data: { help: "directory of this node's write-ahead log (required)" },
  init: { boolean: true, help: "initialise an empty --data directory (a new node's first start only)" },
  listen: { help: "HOST:PORT to listen on (default 127.0.0.1 and this node's port in the cluster file; [::1]:PORT for IPv6)" },
  trace: { help: "append protocol events to FILE as JSON lines" },
  "max-keys": { help: `keys this node takes at most; beyond, new keys are refused (default ${DEFAULT_MAX_KEYS})` },
  "max-connections": { help: `inbound connections at once (default ${defaultTcpLimits.maxConnections})` },
  "no-sync": { boolean: true, help: "do not fsync before replying (unsafe; for experiments only)" },
};

const count = (what: string) => z.coerce.number({ error: `must be a number of ${what}` }).int().min(1);
const Flags = z.strictObject({
  cluster: z.string({ error: "is required (a cluster file: synod new-cluster writes one)" }).min(1),
  id: NodeId,
  data: z.string({ error: "is required" }).min(1, "a directory is required"),
  init: z.boolean().optional(),
  listen: HostPort.optional(),
  trace: z.string().optional(),
  "max-keys": count("keys").optional(),
  "max-connections": count("connections").optional(),
  "no-sync": z.boolean().optional(),
});

const USAGE = "usage: synod serve --cluster FILE --id ID --data DIR [--init] [--listen HOST:PORT] [--trace FILE] [--max-keys N]";

export const command: Command = {
  summary: "run one node of the register store",
  run: (argv) =>
    runCommand("serve", argv, flags, helpText(USAGE, flags), async ({ flags: f, positionals }) => {
      if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
      const o = validate(Flags, f);
      return reportOperatorErrors("synod serve", async () => {
        const cluster = await readClusterFile(o.cluster, (w) => console.error(`synod serve: warning: ${w}`));
        if (!cluster.acceptors.some((a) => a.id === o.id)) {
          throw new UsageError(`--id: '${o.id}' is not a member of cluster ${cluster.cluster} (members: ${cluster.acceptors.map((a) => a.id).join(", ")})`);
        }
        if (o.listen && isWildcard(splitHostPort(o.listen).host)) {
          console.error(
            `synod serve: warning: --listen ${o.listen} accepts connections on every interface. Only holders of the cluster key can make the node act, ` +
              "but frames are not encrypted: anyone on the path can read keys and values (docs/security.md).",
          );
        }
        let stopping: (code: number) => void = () => {};
        const stopped = new Promise<number>((resolve) => (stopping = resolve));
        const server = await startServer({
          id: o.id,
          cluster,
          dataDir: o.data,
          init: o.init ?? false,
          sync: !o["no-sync"],
          ...(o.listen ? { listen: o.listen } : {}),
          ...(o.trace ? { traceFile: o.trace } : {}),
          ...(o["max-keys"] ? { maxKeys: o["max-keys"] } : {}),
          ...(o["max-connections"] ? { limits: { maxConnections: o["max-connections"] } } : {}),
          log: (l) => console.error(`[${o.id}] ${l}`),
          onFatal: (e) => {
            console.error(`synod serve: ${o.id} stopped: ${e.message}`);
            stopping(1);
          },
        }).catch((e) => {
          // A file system call that never settles would keep the process alive: leave anyway.
          if (e instanceof ServerStartError && e.stuck) setTimeout(() => process.exit(1), 200).unref();
          throw e;
        });
        console.log(`synod serve: ${o.id} of cluster ${cluster.cluster} listening on ${server.address} (acceptors: ${cluster.acceptors.map((a) => a.id).join(", ")}; log in ${o.data})`);
        process.once("SIGINT", () => stopping(0));
        process.once("SIGTERM", () => stopping(0));
        const code = await stopped;
        await server.stop();
        return code;
      });
    }),
};
