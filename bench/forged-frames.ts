// npm run attack:forged: forged frames of every kind, sent to every node of a live 3-node
// cluster (in this process, fsync on) by someone without the cluster key, and again by a key
// holder whose membership differs and by one who sends ballots beyond reach: how many were
// sent, refused (by the nodes' counters) and acted on, and whether any acceptor's state or
// the chosen value changed.
import { encodeFrame } from "../impl/codec.ts";
import { FrameAuth } from "../impl/frame-auth.ts";
import { startLocalCluster } from "../impl/local-cluster.ts";
import { ClusterClient } from "../impl/cluster-client.ts";
import { exchange } from "../harness/raw-peer.ts";
import { forgedFrames } from "../harness/forged-frames.ts";
import type { CounterName } from "../impl/counters.ts";

const COPIES = Number(process.env.SYNOD_FORGED_COPIES ?? 20);
const cluster = await startLocalCluster(3);
const config = cluster.config;
const client = await ClusterClient.open(config);
await client.propose("color", "blue", { deadlineMs: 5000 });
const state = () => JSON.stringify(cluster.servers.map((s) => [...s.node.slots].sort()));
const refused = (c: CounterName) => cluster.servers.reduce((n, s) => n + s.counters.get(c), 0);

const attackers: [string, FrameAuth, CounterName][] = [
  ["without the key", new FrameAuth({ ...config, key: "ab".repeat(32) }), "refused-unauthenticated"],
  ["key holder, other membership", new FrameAuth({ ...config, acceptors: config.acceptors.slice(0, 1) }), "refused-membership"],
];
console.log(`forged frames: ${COPIES} copies of each kind to each of ${config.acceptors.length} nodes, per attacker`);
console.log(`${"attacker".padEnd(30)}${"frame".padEnd(32)}${"sent".padStart(6)}${"refused".padStart(9)}${"answered".padStart(10)}  state`);
let allRefused = true;
const before = state();
for (const [who, auth, counter] of attackers) {
  for (const [kind, body] of forgedFrames("color", "fresh")) {
    const at = refused(counter);
    let answered = 0;
    for (const s of cluster.servers) {
      for (let i = 0; i < COPIES; i++) {
        const r = await exchange(s.address, encodeFrame(body, auth), auth, { waitMs: 300 });
        answered += r.replies.filter((x) => x.type !== "refused").length;
      }
    }
    const sent = COPIES * cluster.servers.length;
    const n = refused(counter) - at;
    const same = state() === before;
    allRefused &&= n === sent && answered === 0 && same;
    console.log(`${who.padEnd(30)}${kind.padEnd(32)}${String(sent).padStart(6)}${String(n).padStart(9)}${String(answered).padStart(10)}  ${same ? "unchanged" : "CHANGED"}`);
  }
}
const value = await client.propose("color", "red", { deadlineMs: 5000 });
const fresh = await client.read("fresh", { deadlineMs: 5000 });
console.log(`after: color = ${value} (chosen before: blue); fresh = ${fresh ?? "none"} (nothing was chosen for it)`);
console.log(allRefused && value === "blue" && fresh === null ? "PASS: every forged frame refused, no state changed" : "FAIL");
await client.close();
await cluster.stop();
