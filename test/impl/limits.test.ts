// Bounded resources, each with a clear error and a counter: a node takes no key beyond its
// limit (the client is told at once, not at its deadline); connections that never send an
// authentic frame are evicted to make room; a frame that arrives too slowly is cut off.
import * as net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startLocalCluster, type LocalCluster } from "../../impl/local-cluster.ts";
import { ClusterClient } from "../../impl/cluster-client.ts";
import { RefusedError } from "../../impl/errors.ts";
import { splitHostPort } from "../../impl/address.ts";

let cluster: LocalCluster | null = null;
afterEach(async () => {
  await cluster?.stop();
  cluster = null;
});

const connect = (address: string) => {
  const { host, port } = splitHostPort(address);
  const s = net.connect({ host, port });
  s.on("error", () => {});
  return s;
};
const until = async (cond: () => boolean, ms = 5000) => {
  for (const end = Date.now() + ms; !cond() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10));
  return cond();
};

describe("limits", () => {
  it("a node at its key limit refuses new keys: the client fails at once with the reason; old keys still work", async () => {
    cluster = await startLocalCluster(3, { sync: false, server: { maxKeys: 3 } });
    const c = await ClusterClient.open(cluster.config);
    for (const k of ["k1", "k2", "k3"]) expect(await c.propose(k, "v")).toBe("v");
    const t0 = Date.now();
    const err = await c.propose("k4", "v", { deadlineMs: 20_000 }).catch((e) => e);
    expect(err).toBeInstanceOf(RefusedError);
    expect(err.message).toMatch(/key-limit.*holds 3 keys, its limit \(--max-keys 3\)/);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(await c.read("k2")).toBe("v");
    expect(cluster.servers.reduce((n, s) => n + s.counters.get("refused-key-limit"), 0)).toBeGreaterThan(0);
    await c.close();
  });

  it("evicts the oldest connections that have sent no authentic frame, and clients still get in", async () => {
    cluster = await startLocalCluster(3, { sync: false, server: { limits: { maxUnauthenticated: 4 } } });
    const a1 = cluster.servers[0]!;
    const idle = Array.from({ length: 10 }, () => connect(a1.address));
    expect(await until(() => a1.counters.get("connections-evicted") >= 6)).toBe(true);
    const c = await ClusterClient.open(cluster.config);
    expect(await c.propose("k", "v", { deadlineMs: 10_000 })).toBe("v");
    await c.close();
    for (const s of idle) s.destroy();
  });

  it("refuses connections beyond the cap", async () => {
    cluster = await startLocalCluster(1, { sync: false, server: { limits: { maxConnections: 3 } } });
    const a1 = cluster.servers[0]!;
    const socks = Array.from({ length: 6 }, () => connect(a1.address));
    expect(await until(() => a1.counters.get("connections-refused") >= 3)).toBe(true);
    for (const s of socks) s.destroy();
  });

  it("cuts off a sender whose frame does not arrive whole in time (slowloris), and counts it", async () => {
    cluster = await startLocalCluster(1, { sync: false, server: { limits: { frameTimeoutMs: 300 } } });
    const a1 = cluster.servers[0]!;
    const s = connect(a1.address);
    // The start of a well-formed frame, a byte at a time: never idle, never a whole frame.
    const prefix = Buffer.from("SYN2\u0000\u0000\u0000\u0010", "latin1");
    let i = 0;
    const drip = setInterval(() => s.write(prefix.subarray(i % 8, (i++ % 8) + 1)), 50);
    let closed = false;
    s.on("close", () => void (closed = true));
    expect(await until(() => closed, 3000)).toBe(true);
    clearInterval(drip);
    expect(a1.counters.get("slow-frames-cut")).toBe(1);
  });
});
