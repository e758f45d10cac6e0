// The linearizability checker catches a broken client on a real cluster: a client that reads
// from one acceptor (a quorum of one) reads "none" from the acceptor that missed a chosen
// value. The store's own client, in the same situation, waits for a quorum (its read ends
// unknown), and its history stays linearizable.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { newCluster, type ClusterConfig } from "../../impl/config.ts";
import { freePort } from "../../impl/free-port.ts";
import { startServer, type RunningServer } from "../../impl/server.ts";
import { ClusterClient } from "../../impl/cluster-client.ts";
import { HistoryRecorder } from "../../harness/history-recorder.ts";
import { TcpProxy } from "../../harness/tcp-proxy.ts";
import { openTortureClient, type ClientVariant } from "../../harness/client-variants.ts";
import { checkHistory } from "../../lincheck/check.ts";

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function scenario(variant: ClientVariant) {
  const dir = await mkdtemp(path.join(tmpdir(), "synod-caught-"));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const ids = ["a1", "a2", "a3"];
  const config = newCluster(await Promise.all(ids.map(async (id) => ({ id, address: `127.0.0.1:${await freePort()}` }))));
  const start = async (id: string): Promise<{ stop(): Promise<void> }> => {
    const s: RunningServer = await startServer({ id, cluster: config, dataDir: path.join(dir, id), init: true, sync: false });
    let stopped: Promise<void> | undefined;
    const stop = () => (stopped ??= s.stop());
    cleanup.push(stop);
    return { stop };
  };
  // a3 is down while the value is chosen by a1 and a2.
  const a1 = await start("a1");
  const a2 = await start("a2");
  const recorder = new HistoryRecorder();
  const writer = await ClusterClient.open(config, { forwardTimeoutMs: 300 });
  cleanup.push(() => writer.close());
  expect(await recorder.record(1, "propose", "k", "v", () => writer.propose("k", "v", { deadlineMs: 5000 }))).toBe("ok");
  // a3 comes up empty; the reader now reaches a3 only. a1 and a2 stop first: an Accept one of
  // them still held for a3 would otherwise reach it once it is up, and a3 would not be stale.
  await a1.stop();
  await a2.stop();
  await start("a3");
  const proxies = new Map<string, TcpProxy>();
  for (const a of config.acceptors) proxies.set(a.id, await TcpProxy.open(a.address));
  cleanup.push(async () => Promise.all([...proxies.values()].map((p) => p.close())));
  proxies.get("a1")!.set("drop");
  proxies.get("a2")!.set("drop");
  const through: ClusterConfig = { ...config, acceptors: config.acceptors.map((a) => ({ id: a.id, address: proxies.get(a.id)!.address })) };
  const reader = await openTortureClient(through, variant);
  cleanup.push(() => reader.close());
  // The broken reader answers as soon as a3 does (a loaded machine may take seconds to connect);
  // the store's own client cannot finish, so its deadline is what the test waits for.
  const deadlineMs = variant === "correct" ? 1500 : 10_000;
  await recorder.record(2, "read", "k", null, () => reader.read("k", { deadlineMs }));
  return checkHistory(recorder.events);
}

describe("the linearizability checker on a real cluster", () => {
  it("catches the client that reads from one acceptor: a stale read, with its two-operation minimal anomaly", async () => {
    const r = await scenario("read-from-one-acceptor");
    expect(r.anomalies).toHaveLength(1);
    expect(r.anomalies[0]!.minimal.map((o) => [o.f, o.output])).toEqual([
      ["propose", "v"],
      ["read", null],
    ]);
  });

  it("passes the store's own client in the same situation (its read cannot finish: unknown)", async () => {
    const r = await scenario("correct");
    expect(r.anomalies).toEqual([]);
    expect(r.linearizable).toBe(1);
  });
});
