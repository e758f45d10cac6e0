// synod serve: run one acceptor node of the register store on TCP, with its write-ahead log.
import { z } from "zod";
import type { Command } from "../main.ts";
import { NodeId } from "../../protocol/messages.ts";
import { HostPort, parseClusterList } from "../../impl/config.ts";
import { runCommand, validate, UsageError, type FlagSpec } from "../args.ts";
import { startServer } from "../../impl/server.ts";

const flags: FlagSpec = {
  id: { help: "this node's id, e.g. a1 (required)" },
  listen: { help: "HOST:PORT to listen on, e.g. 127.0.0.1:7001 (port 0: any free port)" },
  peers: { help: "the other acceptors, ID=HOST:PORT,... (may be empty for a one-node cluster)" },
  data: { help: "directory of this node's write-ahead log (required)" },
  trace: { help: "append protocol events to FILE as JSON lines" },
  init: { boolean: true, help: "initialise an empty --data directory (a new node's first start)" },
  "no-sync": { boolean: true, help: "do not fsync before replying (unsafe; for experiments only)" },
};

const Flags = z.strictObject({
  id: NodeId,
  listen: HostPort,
  peers: z.string().default(""),
  data: z.string().min(1, "a directory is required"),
  trace: z.string().optional(),
  init: z.boolean().optional(),
  "no-sync": z.boolean().optional(),
});

export const command: Command = {
  summary: "run one node of the register store",
  run: (argv) =>
    runCommand(argv, "usage: synod serve --id ID --listen HOST:PORT --peers ID=HOST:PORT,... --data DIR [--trace FILE]", flags, async ({ flags: f, positionals }) => {
      if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
      const o = validate(Flags, f);
      let peers: Map<string, string>;
      try {
        peers = new Map(o.peers ? parseClusterList(o.peers).acceptors.map((a) => [a.id, a.address]) : []);
      } catch (e) {
        throw new UsageError(`--peers: ${(e as z.ZodError).issues?.[0]?.message ?? String(e)}`);
      }
      if (peers.has(o.id)) throw new UsageError(`--peers: lists this node's own id '${o.id}'`);
      const server = await startServer({
        id: o.id, listen: o.listen, peers, dataDir: o.data, init: o.init ?? false, sync: !o["no-sync"],
        ...(o.trace ? { traceFile: o.trace } : {}),
        log: (l) => console.error(`[${o.id}] ${l}`),
      });
      console.log(`synod serve: ${o.id} listening on ${server.address} (acceptors: ${[o.id, ...peers.keys()].join(", ")}; log in ${o.data})`);
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      await server.stop();
      return 0;
    }),
};
