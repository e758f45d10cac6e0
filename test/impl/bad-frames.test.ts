// Garbage, truncated, oversized and ill-typed frames sent to a live node: each closes that
// connection with a logged reason, the node stays up and its acceptor state is unchanged.
import * as net from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeFrame, FrameDecoder } from "../../impl/codec.ts";
import { startServer, type RunningServer } from "../../impl/server.ts";
import { openTcpStore } from "../../impl/tcp-store.ts";
import { splitHostPort } from "../../impl/config.ts";

let server: RunningServer;
let dir: string;
const logs: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "synod-frames-"));
  server = await startServer({ id: "a1", listen: "127.0.0.1:0", peers: new Map(), dataDir: dir, init: true, log: (l) => logs.push(l) });
  const store = await openTcpStore({ acceptors: [{ id: "a1", address: server.address }] });
  expect(await store.propose("k", "A", { deadlineMs: 5000 })).toBe("A");
  await store.close();
});
afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Send raw bytes; resolve with the frames received back and whether the server closed on us. */
function exchange(bytes: Buffer, endAfter = false): Promise<{ closedByServer: boolean; replies: number }> {
  return new Promise((resolve) => {
    const { host, port } = splitHostPort(server.address);
    const s = net.connect({ host, port });
    const dec = new FrameDecoder();
    let replies = 0;
    let ended = false;
    s.on("data", (b: Buffer) => void (replies += dec.push(b).frames.length));
    s.on("connect", () => {
      s.write(bytes);
      if (endAfter) setTimeout(() => ((ended = true), s.end()), 100);
    });
    s.on("error", () => {});
    s.on("close", () => resolve({ closedByServer: !ended, replies }));
    setTimeout(() => ((ended = true), s.destroy()), 1500); // bound: a healthy connection stays open
  });
}

const header = (n: number) => {
  const h = Buffer.alloc(4);
  h.writeUInt32BE(n);
  return h;
};
const json = (x: unknown) => {
  const body = Buffer.from(JSON.stringify(x));
  return Buffer.concat([header(body.length), body]);
};
const state = () => JSON.stringify(server.node.slots.get("k"));

describe("a live node under bad frames", () => {
  it("answers a valid frame sent on a raw socket (so the bad ones below do reach it)", async () => {
    const r = await exchange(encodeFrame({ type: "paxos", key: "probe", msg: { type: "prepare", from: "x1", ballot: { round: 1, proposer: "x1" } } }));
    expect(r).toEqual({ closedByServer: false, replies: 1 });
    expect(server.node.slots.get("probe")?.promised).toEqual({ round: 1, proposer: "x1" });
  });

  const bad: [string, Buffer, RegExp][] = [
    ["garbage bytes", Buffer.from("\x00\x00\x00\x05hello, this is not a frame"), /not valid JSON/],
    ["an oversized frame", Buffer.concat([header(10_000_000), Buffer.alloc(100)]), /exceeds the 65536-byte limit/],
    ["a frame that is JSON but not a Paxos frame", json({ type: "paxos", key: "k", msg: { type: "prepare", from: "x1", ballot: { round: -1, proposer: "x1" } } }), /msg\.ballot\.round/],
    ["a frame with an unknown message type", json({ type: "paxos", key: "k", msg: { type: "steal", from: "x1" } }), /msg\.type/],
    ["a frame with an extra field", json({ type: "paxos", key: "k", msg: { type: "accept", from: "x1", ballot: { round: 99, proposer: "x1" }, value: "EVIL", extra: 1 } }), /msg/],
  ];
  for (const [name, bytes, reason] of bad) {
    it(`closes the connection on ${name}, logs why, and keeps its state`, async () => {
      const before = state();
      logs.length = 0;
      expect(await exchange(bytes)).toEqual({ closedByServer: true, replies: 0 });
      expect(logs.join("\n")).toMatch(reason);
      expect(state()).toBe(before);
    });
  }

  it("drops a truncated frame when the peer hangs up mid-frame", async () => {
    const before = state();
    const full = encodeFrame({ type: "paxos", key: "k", msg: { type: "accept", from: "x1", ballot: { round: 99, proposer: "x1" }, value: "EVIL" } });
    logs.length = 0;
    expect((await exchange(full.subarray(0, full.length - 3), true)).replies).toBe(0);
    await new Promise((r) => setTimeout(r, 50));
    expect(logs.join("\n")).toMatch(/ended mid-frame/);
    expect(state()).toBe(before);
  });

  it("is still up and still holds the chosen value", async () => {
    const store = await openTcpStore({ acceptors: [{ id: "a1", address: server.address }] });
    expect(await store.propose("k", "B", { deadlineMs: 5000 })).toBe("A");
    await store.close();
  });
});
