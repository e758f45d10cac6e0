// One acceptor node on TCP with its durable log: what `synod serve` runs, and what
// `synod cluster` and the benchmark start several of.
import { mkdir } from "node:fs/promises";
import * as path from "node:path";
import type { NodeId } from "../protocol/messages.ts";
import { FileStorage } from "./wal/file-storage.ts";
import { seededRng } from "./adapters/prng.ts";
import { systemClock } from "./adapters/system-clock.ts";
import { TcpTransport } from "./adapters/tcp-transport.ts";
import { PaxosNode } from "./node.ts";
import { jsonLinesSink } from "./trace-log.ts";
import type { Rules } from "../protocol/rules.ts";

export type ServerOptions = {
  readonly id: NodeId;
  readonly listen: string;
  /** The other acceptors: id -> HOST:PORT. */
  readonly peers: ReadonlyMap<NodeId, string>;
  readonly dataDir: string;
  /** May initialise an empty data directory (the node's first start). */
  readonly init?: boolean;
  readonly traceFile?: string;
  /** The protocol's decision rules; Paxos Made Simple's by default. */
  readonly rules?: Rules;
  /** fsync each write before replying (default true; off only for experiments). */
  readonly sync?: boolean;
  readonly maxFrameBytes?: number;
  readonly log?: (line: string) => void;
};

export type RunningServer = { readonly id: NodeId; readonly address: string; readonly node: PaxosNode; stop(): Promise<void> };

export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const storage = new FileStorage({ dir: path.resolve(o.dataDir), identity: { cluster: "local", node: o.id }, init: o.init ?? false, sync: o.sync ?? true, ...(o.log ? { log: o.log } : {}) });
  if (o.traceFile) await mkdir(path.dirname(path.resolve(o.traceFile)), { recursive: true });
  const trace = o.traceFile ? jsonLinesSink(o.traceFile) : null;
  const transport = await TcpTransport.open({
    self: o.id,
    listen: o.listen,
    peers: o.peers,
    ...(o.maxFrameBytes ? { maxFrameBytes: o.maxFrameBytes } : {}),
    ...(o.log ? { log: o.log } : {}),
  });
  const node = await PaxosNode.start({
    id: o.id,
    acceptors: [o.id, ...o.peers.keys()],
    transport,
    storage,
    clock: systemClock,
    rng: seededRng(Date.now() >>> 0),
    ...(o.rules ? { rules: o.rules } : {}),
    ...(trace ? { trace: trace.sink } : {}),
  });
  return {
    id: o.id,
    address: transport.address()!,
    node,
    async stop() {
      await node.stop();
      await storage.close();
      await trace?.close();
    },
  };
}
