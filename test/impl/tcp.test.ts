// The TCP transport between two endpoints on loopback: frames both ways on one connection,
// queued frames delivered once a peer that was down comes up (reconnect with backoff).
import * as net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { splitHostPort } from "../../impl/address.ts";
import { newCluster } from "../../impl/config.ts";
import { TcpTransport } from "../../impl/adapters/tcp-transport.ts";
import type { PaxosFrame } from "../../impl/codec.ts";
import { freePort } from "../../impl/free-port.ts";

const open: TcpTransport[] = [];
const cluster = newCluster([{ id: "a1", address: "127.0.0.1:1" }]);
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

const prepare = (from: string, round: number): PaxosFrame => ({ type: "paxos", key: "k", msg: { type: "prepare", from, ballot: { round, proposer: from } } });

function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => (cond() ? resolve() : Date.now() > end ? reject(new Error("condition not met in time")) : setTimeout(tick, 5));
    tick();
  });
}

describe("TcpTransport", () => {
  it("a client without a listening port gets answers on the connection it opened", async () => {
    const server = await TcpTransport.open({ self: "a1", cluster, listen: "127.0.0.1:0" });
    const client = await TcpTransport.open({ self: "c1", cluster, peers: new Map([["a1", server.address()!]]) });
    open.push(server, client);
    const atServer: PaxosFrame[] = [];
    const atClient: PaxosFrame[] = [];
    server.onFrame((f) => {
      atServer.push(f);
      server.send(f.msg.from, prepare("a1", 9)); // reply to whoever sent it
    });
    client.onFrame((f) => void atClient.push(f));
    client.send("a1", prepare("c1", 1));
    await until(() => atClient.length === 1);
    expect(atServer).toEqual([prepare("c1", 1)]);
    expect(atClient).toEqual([prepare("a1", 9)]);
  });

  it("queues frames for a peer that is down and delivers them when it comes up", async () => {
    const port = await freePort();
    const client = await TcpTransport.open({ self: "c1", cluster, peers: new Map([["a1", `127.0.0.1:${port}`]]), random: () => 0.5 });
    open.push(client);
    client.send("a1", prepare("c1", 1));
    await new Promise((r) => setTimeout(r, 100)); // first dial fails: connection refused
    const got: PaxosFrame[] = [];
    const server = await TcpTransport.open({ self: "a1", cluster, listen: `127.0.0.1:${port}` });
    open.push(server);
    server.onFrame((f) => void got.push(f));
    await until(() => got.length === 1);
    expect(got).toEqual([prepare("c1", 1)]);
  });

  it("closes a connection that stays idle past the idle timeout, and logs why", async () => {
    const logs: string[] = [];
    const server = await TcpTransport.open({ self: "a1", cluster, listen: "127.0.0.1:0", limits: { idleTimeoutMs: 100, frameTimeoutMs: 10_000 }, log: (l) => logs.push(l) });
    open.push(server);
    const { host, port } = splitHostPort(server.address()!);
    const s = net.connect({ host, port });
    s.on("error", () => {});
    await new Promise((r) => s.once("close", r));
    expect(logs.join("\n")).toMatch(/idle timeout/);
  });
});
