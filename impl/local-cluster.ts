// A local cluster of n acceptors on 127.0.0.1 in one process: `synod cluster`, the benchmark
// and the tests. It makes a new cluster (fresh id and key) and writes its cluster file to
// DIR/cluster.json, for clients in other processes.
// With `traceDir`, acceptor ID logs its protocol events to traceDir/ID.trace (trace validation).
import { mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { newCluster, writeClusterFile, type ClusterConfig } from "./config.ts";
import { freePort } from "./free-port.ts";
import { startServer, type RunningServer, type ServerOptions } from "./server.ts";

export type LocalCluster = { readonly config: ClusterConfig; readonly clusterFile: string; readonly servers: readonly RunningServer[]; readonly dataDir: string; stop(): Promise<void> };

export type LocalClusterOptions = {
  dataDir?: string;
  basePort?: number;
  sync?: boolean;
  log?: (l: string) => void;
  traceDir?: string;
  /** Anything else each server takes (limits, key limit, ...). */
  server?: Partial<Omit<ServerOptions, "id" | "cluster" | "dataDir">>;
};

export async function startLocalCluster(n: number, o: LocalClusterOptions = {}): Promise<LocalCluster> {
  const dataDir = o.dataDir ?? (await mkdtemp(path.join(tmpdir(), "synod-cluster-")));
  const ids = Array.from({ length: n }, (_, i) => `a${i + 1}`);
  const ports: number[] = [];
  for (let i = 0; i < n; i++) ports.push(o.basePort ? o.basePort + i : await freePort());
  const config = newCluster(ids.map((id, i) => ({ id, address: `127.0.0.1:${ports[i]}` })));
  await mkdir(dataDir, { recursive: true });
  const clusterFile = path.join(dataDir, "cluster.json");
  await writeClusterFile(clusterFile, config);
  const servers: RunningServer[] = [];
  try {
    for (const id of ids) {
      servers.push(
        await startServer({
          id,
          cluster: config,
          dataDir: path.join(dataDir, id),
          init: true,
          sync: o.sync ?? true,
          ...(o.log ? { log: (l: string) => o.log!(`[${id}] ${l}`) } : {}),
          ...(o.traceDir ? { traceFile: path.join(o.traceDir, `${id}.trace`) } : {}),
          ...o.server,
        }),
      );
    }
  } catch (e) {
    for (const s of servers) await s.stop();
    throw e;
  }
  return {
    config,
    clusterFile,
    servers,
    dataDir,
    async stop() {
      for (const s of servers) await s.stop();
    },
  };
}
