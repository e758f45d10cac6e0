// One acceptor node on TCP with its durable log: what `synod serve` runs, and what
// `synod cluster` and the benchmark start several of. It is also the preferred proposer for
// the keys clients send it (preferred-proposer.ts), and answers `synod stats`.
import { mkdir } from "node:fs/promises";
import * as path from "node:path";
import type { NodeId } from "../protocol/messages.ts";
import type { Rules } from "../protocol/rules.ts";
import { nodeFileSystem } from "./adapters/node-file-system.ts";
import { seededRng } from "./adapters/prng.ts";
import { systemClock } from "./adapters/system-clock.ts";
import { TcpTransport, type TcpLimits } from "./adapters/tcp-transport.ts";
import { splitHostPort, joinHostPort } from "./address.ts";
import type { ClusterConfig } from "./config.ts";
import { Counters } from "./counters.ts";
import { PaxosNode } from "./node.ts";
import type { FileSystem } from "./ports/file-system.ts";
import { PreferredProposer } from "./preferred-proposer.ts";
import { ServerStartError, describeListenError, within } from "./server-start-error.ts";
import { jsonLinesSink } from "./trace-log.ts";
import { FileStorage } from "./wal/file-storage.ts";

export type ServerOptions = {
  readonly id: NodeId;
  readonly cluster: ClusterConfig;
  /** Where to listen (default: 127.0.0.1 and the port of this node's address in the cluster). */
  readonly listen?: string;
  /** Where to dial each peer (default: the cluster's addresses). */
  readonly peers?: ReadonlyMap<NodeId, string>;
  readonly dataDir: string;
  /** May initialise an empty data directory (the node's first start). */
  readonly init?: boolean;
  readonly traceFile?: string;
  /** The protocol's decision rules; Paxos Made Simple's by default. */
  readonly rules?: Rules;
  /** fsync each write before replying (default true; off only for experiments). */
  readonly sync?: boolean;
  readonly limits?: Partial<TcpLimits>;
  /** Keys this node takes at most (default 1,000,000). */
  readonly maxKeys?: number;
  readonly fs?: FileSystem;
  /** Size of the log's segment files (default 8 MiB). */
  readonly segmentBytes?: number;
  /** Bound on opening the data directory (default 10 s). */
  readonly startTimeoutMs?: number;
  readonly log?: (line: string) => void;
  /** The node stopped on its own (its storage failed); default: log it. */
  readonly onFatal?: (e: Error) => void;
};

export type RunningServer = {
  readonly id: NodeId;
  readonly address: string;
  readonly node: PaxosNode;
  readonly counters: Counters;
  stats(): Record<string, number>;
  stop(): Promise<void>;
};

export const DEFAULT_MAX_KEYS = 1_000_000;

export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const me = o.cluster.acceptors.find((a) => a.id === o.id);
  if (!me) throw new ServerStartError(`node '${o.id}' is not a member of cluster ${o.cluster.cluster} (members: ${o.cluster.acceptors.map((a) => a.id).join(", ")})`);
  const listen = o.listen ?? joinHostPort("127.0.0.1", splitHostPort(me.address).port);
  const counters = new Counters();
  const log = o.log ?? (() => {});
  const transport = await TcpTransport.open({ self: o.id, cluster: o.cluster, listen, counters, log, ...(o.peers ? { peers: o.peers } : {}), ...(o.limits ? { limits: o.limits } : {}) }).catch((e: NodeJS.ErrnoException) => {
    throw new ServerStartError(describeListenError(listen, e));
  });
  try {
    const storage = new FileStorage({ dir: path.resolve(o.dataDir), identity: { cluster: o.cluster.cluster, node: o.id }, init: o.init ?? false, sync: o.sync ?? true, fs: o.fs ?? nodeFileSystem, log, ...(o.segmentBytes ? { segmentBytes: o.segmentBytes } : {}) });
    if (o.traceFile) await mkdir(path.dirname(path.resolve(o.traceFile)), { recursive: true });
    const trace = o.traceFile ? jsonLinesSink(o.traceFile) : null;
    let fatal = false;
    const onFatal = (e: Error) => {
      if (fatal) return;
      fatal = true;
      (o.onFatal ?? ((x: Error) => log(`stopped: ${x.message}`)))(e);
    };
    const node = await within(
      PaxosNode.start({
        id: o.id,
        acceptors: o.cluster.acceptors.map((a) => a.id),
        transport,
        storage,
        clock: systemClock,
        rng: seededRng(Date.now() >>> 0),
        shortcuts: true,
        maxKeys: o.maxKeys ?? DEFAULT_MAX_KEYS,
        onFatal,
        onRefused: (to, key, r) => {
          counters.inc(`refused-${r.reason}` as "refused-key-limit");
          transport.sendBody(to, { type: "refused", from: o.id, key, reason: r.reason, detail: r.detail });
        },
        ...(o.rules ? { rules: o.rules } : {}),
        ...(trace ? { trace: trace.sink } : {}),
      }),
      o.startTimeoutMs ?? 10_000,
      `opening data directory ${o.dataDir}`,
    ).catch((e: NodeJS.ErrnoException) => {
      throw e.syscall ? new ServerStartError(`cannot use data directory ${o.dataDir}: ${e.message}`) : e;
    });
    storage.onFailure((e) => void node.stop().then(() => onFatal(e)));
    for (const r of storage.repairs) log(`recovery repaired ${r.file}: ${r.detail}`);
    const preferred = new PreferredProposer(node, o.id, counters);
    const stats = () => ({ ...counters.snapshot(), keys: node.slots.size, connections: transport.connections, "rss-bytes": process.memoryUsage().rss, "heap-bytes": process.memoryUsage().heapUsed });
    transport.onControl(async (body, reply) => {
      if (body.type === "request") reply(await preferred.handle(body));
      else if (body.type === "refused") node.onRefused(body); // a peer refused this node's own proposer
      else if (body.type === "stats") reply({ type: "stats-reply", id: body.id, from: o.id, stats: stats() });
    });
    return {
      id: o.id,
      address: transport.address()!,
      node,
      counters,
      stats,
      async stop() {
        await node.stop();
        await storage.close();
        await trace?.close();
      },
    };
  } catch (e) {
    await transport.close();
    throw e;
  }
}
