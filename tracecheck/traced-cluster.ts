// Real runs that write protocol event logs, for trace validation: a proposer client over TCP
// that logs (as `synod serve --trace` does for acceptors), and a whole traced run of
// acceptors and proposers in this process (the verify stage's short run).
import * as path from "node:path";
import type { NodeId } from "../protocol/messages.ts";
import type { ClusterConfig } from "../impl/config.ts";
import { startLocalCluster } from "../impl/local-cluster.ts";
import type { RegisterStore } from "../impl/store.ts";
import { openTcpStore } from "../impl/tcp-store.ts";
import { jsonLinesSink } from "../impl/trace-log.ts";
import type { Rules } from "../protocol/rules.ts";

export type TracedClient = { readonly store: RegisterStore; close(): Promise<void> };

/** A TCP client as `synod propose` opens it (shortcuts on), logging to `traceFile`. */
export async function openTracedClient(config: ClusterConfig, traceFile: string, o: { id: NodeId; rules?: Rules }): Promise<TracedClient> {
  const trace = jsonLinesSink(traceFile);
  const store = await openTcpStore(config, { ...o, trace: trace.sink });
  return { store, close: async () => (await store.close(), await trace.close()) };
}

/** One proposal: `proposer` proposes `value` for `key`. */
export type Proposal = { readonly proposer: NodeId; readonly key: string; readonly value: string };

/**
 * Three acceptors and the proposers of `plan` in this process, over loopback TCP; each node logs
 * to DIR/ID.trace. Proposals of one round run concurrently, rounds one after the other.
 * Resolves with the trace files and the value each proposal answered.
 */
export async function runTracedCluster(dir: string, rounds: readonly (readonly Proposal[])[]): Promise<{ files: string[]; answers: string[] }> {
  const cluster = await startLocalCluster(3, { dataDir: path.join(dir, "data"), traceDir: dir });
  const proposers = [...new Set(rounds.flat().map((p) => p.proposer))];
  const clients = new Map<NodeId, TracedClient>();
  for (const id of proposers) clients.set(id, await openTracedClient(cluster.config, path.join(dir, `${id}.trace`), { id }));
  const answers: string[] = [];
  try {
    for (const round of rounds) answers.push(...(await Promise.all(round.map((p) => clients.get(p.proposer)!.store.propose(p.key, p.value, { deadlineMs: 15_000 })))));
  } finally {
    for (const c of clients.values()) await c.close();
    await cluster.stop();
  }
  return { files: [...cluster.config.acceptors.map((a) => a.id), ...proposers].map((id) => path.join(dir, `${id}.trace`)), answers };
}
