// The torture run: a cluster of real node processes on loopback, every link through a
// fault-injecting proxy, concurrent clients proposing and reading on a sliding window of
// keys while the nemesis kills, pauses, partitions and fails disks; then every key's history
// is checked for linearizability. One seed decides the clients' choices and the faults.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { NodeId } from "../protocol/messages.ts";
import { newCluster, writeClusterFile, type ClusterConfig } from "../impl/config.ts";
import { freePort } from "../impl/free-port.ts";
import { seededRng } from "../impl/adapters/prng.ts";
import { checkHistory, type LinearizabilityReport } from "../lincheck/check.ts";
import { HistoryRecorder } from "./history-recorder.ts";
import { Nemesis, type FaultKind } from "./nemesis.ts";
import { NodeProcesses, serveCommand, type NodeCommand } from "./node-processes.ts";
import { TcpProxy } from "./tcp-proxy.ts";
import { openTortureClient, type ClientVariant, type TortureClient } from "./client-variants.ts";

export type TortureOptions = {
  readonly seconds: number;
  readonly seed: number;
  readonly nodes?: number;
  readonly clients?: number;
  readonly faults?: readonly FaultKind[];
  readonly variant?: ClientVariant;
  /** Each operation's deadline (default 2000 ms): past it, the operation is recorded as unknown. */
  readonly deadlineMs?: number;
  /** Keep the history and the nodes' directories here (default: a temporary directory, removed). */
  readonly dir?: string;
  readonly log?: (line: string) => void;
};

export type TortureReport = {
  readonly seed: number;
  readonly seconds: number;
  readonly operations: { readonly ok: number; readonly fail: number; readonly info: number };
  readonly faults: ReadonlyMap<FaultKind, number>;
  /** Nodes that stopped on their own (fail-stop after a disk fault), counted. */
  readonly failStops: number;
  readonly check: LinearizabilityReport;
  readonly historyFile: string | null;
};

export async function torture(o: TortureOptions): Promise<TortureReport> {
  const log = o.log ?? (() => {});
  const dir = o.dir ?? (await mkdtemp(path.join(tmpdir(), "synod-torture-")));
  const ids: NodeId[] = Array.from({ length: o.nodes ?? 3 }, (_, i) => `a${i + 1}`);
  const faults = o.faults ?? ["kill", "kill-majority", "pause", "partition"];
  const real = new Map<NodeId, string>();
  for (const id of ids) real.set(id, `127.0.0.1:${await freePort()}`);
  const base = newCluster(ids.map((id) => ({ id, address: real.get(id)! })));
  // One proxy per (side, node): node `from` and its clients reach node `to` through it.
  const proxies = new Map<string, TcpProxy>();
  for (const from of ids) for (const to of ids) proxies.set(`${from}>${to}`, await TcpProxy.open(real.get(to)!));
  const viewFrom = (from: NodeId, self: NodeId | null): ClusterConfig => ({
    ...base,
    acceptors: ids.map((to) => ({ id: to, address: to === self ? real.get(to)! : proxies.get(`${from}>${to}`)!.address })),
  });
  for (const id of ids) await writeClusterFile(path.join(dir, `${id}.cluster.json`), viewFrom(id, id));
  const command: NodeCommand = faults.includes("disk")
    ? (id, first) => ["--import", "tsx", path.join(import.meta.dirname, "torture-node.ts"), "--cluster", path.join(dir, `${id}.cluster.json`), "--id", id, "--data", path.join(dir, id), ...(first ? ["--init"] : [])]
    : serveCommand((id) => path.join(dir, `${id}.cluster.json`), (id) => path.join(dir, id));
  const processes = new NodeProcesses(command, log);
  const recorder = new HistoryRecorder();
  const clients: TortureClient[] = [];
  try {
    await Promise.all(ids.map((id) => processes.start(id)));
    for (let c = 0; c < (o.clients ?? 8); c++) clients.push(await openTortureClient(viewFrom(ids[c % ids.length]!, null), o.variant ?? "correct"));
    const nemesis = new Nemesis({ ids, processes, proxies, faults, rng: seededRng(o.seed), log });
    const end = Date.now() + o.seconds * 1000;
    const counts = { ok: 0, fail: 0, info: 0 };
    let started = 0;
    let nextProcess = clients.length;
    const clientLoop = async (client: TortureClient, c: number) => {
      const rng = seededRng(o.seed * 7919 + c + 1);
      let process = c;
      for (let n = 0; Date.now() < end; n++) {
        // A sliding window of keys: each key sees a few dozen operations from many clients.
        const key = `k${Math.max(0, Math.floor(started++ / 40) - Math.floor(rng.next() * 3))}`;
        const deadlineMs = o.deadlineMs ?? 2000;
        const propose = rng.next() < 0.5;
        const value = propose ? `v${c}-${n}` : null;
        const outcome = await recorder.record(process, propose ? "propose" : "read", key, value, () => (propose ? client.propose(key, value!, { deadlineMs }) : client.read(key, { deadlineMs })));
        counts[outcome]++;
        if (outcome === "info") process = nextProcess++; // as Jepsen: a process whose operation is in doubt is retired
      }
    };
    await Promise.all([nemesis.run(end), ...clients.map((c, i) => clientLoop(c, i))]);
    await nemesis.healAll();
    const check = checkHistory(recorder.events);
    const historyFile = o.dir ? path.join(dir, "history.jsonl") : null;
    if (historyFile) await recorder.write(historyFile);
    const failStops = [...processes.exits.values()].reduce((a, b) => a + b, 0);
    return { seed: o.seed, seconds: o.seconds, operations: counts, faults: nemesis.counts, failStops, check, historyFile };
  } finally {
    for (const c of clients) await c.close().catch(() => {});
    await processes.stopAll();
    for (const p of proxies.values()) await p.close();
    if (!o.dir) await rm(dir, { recursive: true, force: true });
  }
}
