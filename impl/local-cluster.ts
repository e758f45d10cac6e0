// A local cluster of n acceptors on 127.0.0.1 in one process: `synod cluster` and the benchmark.
// With `traceDir`, acceptor ID logs its protocol events to traceDir/ID.trace (trace validation).
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { ClusterConfig } from "./config.ts";
import { freePort } from "./free-port.ts";
import { startServer, type RunningServer } from "./server.ts";

export type LocalCluster = { readonly config: ClusterConfig; readonly servers: readonly RunningServer[]; readonly dataDir: string; stop(): Promise<void> };

export async function startLocalCluster(n: number, o: { dataDir?: string; basePort?: number; sync?: boolean; log?: (l: string) => void; traceDir?: string } = {}): Promise<LocalCluster> {
  const dataDir = o.dataDir ?? (await mkdtemp(path.join(tmpdir(), "synod-cluster-")));
  const ids = Array.from({ length: n }, (_, i) => `a${i + 1}`);
  const ports: number[] = [];
  for (let i = 0; i < n; i++) ports.push(o.basePort ? o.basePort + i : await freePort());
  const addresses = new Map(ids.map((id, i) => [id, `127.0.0.1:${ports[i]}`]));
  const servers: RunningServer[] = [];
  for (const id of ids) {
    const peers = new Map([...addresses].filter(([p]) => p !== id));
    servers.push(await startServer({ id, listen: addresses.get(id)!, peers, dataDir: path.join(dataDir, id), init: true, sync: o.sync ?? true, ...(o.log ? { log: o.log } : {}), ...(o.traceDir ? { traceFile: path.join(o.traceDir, `${id}.trace`) } : {}) }));
  }
  return {
    config: { acceptors: ids.map((id) => ({ id, address: addresses.get(id)! })) },
    servers,
    dataDir,
    async stop() {
      for (const s of servers) await s.stop();
    },
  };
}
