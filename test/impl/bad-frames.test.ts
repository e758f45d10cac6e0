// Forged, foreign, garbage, truncated and oversized frames sent to a live 3-node cluster on
// raw sockets: each is refused (the connection closed, a counter up), no acceptor's state
// changes, and the value chosen before is still the one chosen after.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeFrame, type WireBody } from "../../impl/codec.ts";
import { exchange as rawExchange } from "../../harness/raw-peer.ts";
import { forgedFrames } from "../../harness/forged-frames.ts";
import { FrameAuth } from "../../impl/frame-auth.ts";
import { newCluster, type ClusterConfig } from "../../impl/config.ts";
import { startLocalCluster, type LocalCluster } from "../../impl/local-cluster.ts";
import { ClusterClient } from "../../impl/cluster-client.ts";
import { MAX_ROUND_STEP } from "../../impl/core/admission.ts";
import type { Message } from "../../protocol/messages.ts";

let cluster: LocalCluster;
let config: ClusterConfig;
const logs: string[] = [];

beforeAll(async () => {
  cluster = await startLocalCluster(3, { log: (l) => logs.push(l) });
  config = cluster.config;
  const c = await ClusterClient.open(config);
  expect(await c.propose("color", "blue", { deadlineMs: 5000 })).toBe("blue");
  await c.close();
});
afterAll(async () => {
  await cluster?.stop();
});

const a1 = () => cluster.servers[0]!;
/** Every acceptor's promise and vote for every key: what a refused frame must leave alone. */
const state = () => JSON.stringify(cluster.servers.map((s) => [...s.node.slots].sort()));

const exchange = (bytes: Buffer, auth = new FrameAuth(config), endAfter = false) => rawExchange(a1().address, bytes, auth, endAfter ? { endAfterMs: 100 } : {});

const ballot = (round: number, proposer = "x1") => ({ round, proposer });
const paxos = (key: string, msg: Message): WireBody => ({ type: "paxos", key, msg });
const everyKind = forgedFrames("color", "fresh");

describe("a live cluster under forged and bad frames", () => {
  it("answers an authentic frame sent on a raw socket (so the refused ones below do reach it)", async () => {
    const r = await exchange(encodeFrame({ type: "stats", id: 7 }, new FrameAuth(config)));
    expect(r.closedByServer).toBe(false);
    expect(r.replies).toEqual([expect.objectContaining({ type: "stats-reply", id: 7, from: "a1" })]);
  });

  for (const [kind, body] of everyKind) {
    it(`refuses a forged ${kind} (made without the cluster key): closed, counted, nothing changes`, async () => {
      const before = state();
      const refused = a1().counters.get("refused-unauthenticated");
      const forger = new FrameAuth({ ...config, key: "ab".repeat(32) });
      expect(await exchange(encodeFrame(body, forger), forger)).toEqual({ closedByServer: true, replies: [] });
      expect(a1().counters.get("refused-unauthenticated")).toBe(refused + 1);
      expect(state()).toBe(before);
    });
  }

  it("refuses a client whose view of the membership differs, and tells it why", async () => {
    const before = state();
    const narrow = new FrameAuth({ ...config, acceptors: config.acceptors.slice(0, 1) });
    const r = await exchange(encodeFrame(paxos("color", { type: "accept", from: "x1", ballot: ballot(99), value: "EVIL" }), narrow), narrow);
    expect(r.closedByServer).toBe(true);
    expect(r.replies).toEqual([expect.objectContaining({ type: "refused", reason: "membership", detail: expect.stringMatching(/has the members a1, a2, a3/) })]);
    expect(a1().counters.get("refused-membership")).toBeGreaterThan(0);
    expect(state()).toBe(before);
  });

  it("a client with another cluster's file gets a clear error, not a wrong answer", async () => {
    const other: ClusterConfig = { ...newCluster(config.acceptors), key: config.key };
    const c = await ClusterClient.open(other);
    await expect(c.propose("color", "EVIL", { deadlineMs: 3000 })).rejects.toThrow(/refused this client: this client's view of the cluster differs/);
    await c.close();
  });

  const oversized = () => {
    const b = encodeFrame({ type: "stats", id: 1 }, new FrameAuth(config));
    b.writeUInt32BE(10_000_000, 4);
    return b;
  };
  const garbage: [string, () => Buffer, string, RegExp][] = [
    ["garbage bytes", () => Buffer.from("GET / HTTP/1.1\r\n\r\n"), "refused-bad-magic", /bad magic/],
    ["an oversized frame", oversized, "refused-oversize", /exceeds the 65536-byte limit/],
  ];
  for (const [name, make, counter, reason] of garbage) {
    it(`closes the connection on ${name}, logs and counts why, and keeps its state`, async () => {
      const bytes = make();
      const before = state();
      logs.length = 0;
      expect(await exchange(bytes)).toEqual({ closedByServer: true, replies: [] });
      expect(logs.join("\n")).toMatch(reason);
      expect(a1().counters.get(counter as "refused-bad-magic")).toBeGreaterThan(0);
      expect(state()).toBe(before);
    });
  }

  it("refuses an authentic frame that is not a valid frame (malformed), naming the field", async () => {
    logs.length = 0;
    const bad = { type: "paxos", key: "color", msg: { type: "prepare", from: "x1", ballot: { round: -1, proposer: "x1" } } } as unknown as WireBody;
    expect((await exchange(encodeFrame(bad, new FrameAuth(config)))).closedByServer).toBe(true);
    expect(logs.join("\n")).toMatch(/msg\.ballot\.round/);
  });

  it("refuses, even from a key holder, a ballot beyond reach, a ballot of another proposer and a reply from a non-member", async () => {
    const before = state();
    const auth = new FrameAuth(config);
    const cases: [WireBody, RegExp][] = [
      [paxos("color", { type: "prepare", from: "x1", ballot: ballot(Number.MAX_SAFE_INTEGER) }), /more than \d+ rounds above/],
      [paxos("color", { type: "prepare", from: "x1", ballot: ballot(MAX_ROUND_STEP + 5) }), /ballot-out-of-reach|more than/],
      [paxos("color", { type: "accept", from: "x1", ballot: ballot(99, "c2"), value: "EVIL" }), /carries a ballot of proposer 'c2'/],
      [paxos("color", { type: "promise", from: "z9", ballot: ballot(1), voted: null }), /not an acceptor of the cluster/],
    ];
    for (const [body, detail] of cases) {
      const r = await exchange(encodeFrame(body, auth));
      if (body.type === "paxos" && body.msg.type !== "promise") expect(r.replies).toEqual([expect.objectContaining({ type: "refused", detail: expect.stringMatching(detail) })]);
    }
    expect(a1().counters.get("refused-ballot-out-of-reach")).toBe(3);
    expect(a1().counters.get("refused-not-a-member")).toBe(1);
    expect(state()).toBe(before);
  });

  it("drops a truncated frame when the peer hangs up mid-frame", async () => {
    const before = state();
    const full = encodeFrame(paxos("color", { type: "accept", from: "x1", ballot: ballot(99), value: "EVIL" }), new FrameAuth(config));
    logs.length = 0;
    expect((await exchange(full.subarray(0, full.length - 3), new FrameAuth(config), true)).replies).toEqual([]);
    await new Promise((r) => setTimeout(r, 50));
    expect(logs.join("\n")).toMatch(/ended mid-frame/);
    expect(state()).toBe(before);
  });

  it("still holds the chosen value, and no value was chosen for the key only forgers wrote", async () => {
    const c = await ClusterClient.open(config);
    expect(await c.propose("color", "red", { deadlineMs: 5000 })).toBe("blue");
    expect(await c.read("fresh", { deadlineMs: 5000 })).toBeNull();
    await c.close();
  });
});
