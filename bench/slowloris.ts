// npm run attack:slowloris: a slowloris attack (SYNOD_SLOW_SOCKETS sockets, default 4,000,
// each sending one byte a second and reconnecting when cut) on node a1, first alone, then
// together with one client writing SYNOD_FLOOD_KEYS new keys (default 50,000, 64 at a time),
// against three `synod serve` processes (fsync on, --max-keys SYNOD_MAX_KEYS, default
// 1,000,000 as synod serve). A normal client proposes one key at a time throughout: its
// p50/p99 latency and each node's memory (largest RSS and heap seen) before, during and after
// the attack, and the nodes' counters of what they cut off.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import * as path from "node:path";
import { newCluster, writeClusterFile } from "../impl/config.ts";
import { freePort } from "../impl/free-port.ts";
import { ClusterClient } from "../impl/cluster-client.ts";
import { askStats } from "../impl/stats-client.ts";
import { RefusedError } from "../impl/errors.ts";
import { NodeProcesses, serveCommand } from "../harness/node-processes.ts";

const SOCKETS = Number(process.env.SYNOD_SLOW_SOCKETS ?? 4000);
const FLOOD = Number(process.env.SYNOD_FLOOD_KEYS ?? 50_000);
const MAX_KEYS = Number(process.env.SYNOD_MAX_KEYS ?? 1_000_000);
const PHASE_S = Number(process.env.SYNOD_PHASE_SECONDS ?? 15);

const dir = await mkdtemp(path.join(tmpdir(), "synod-slowloris-"));
const ids = ["a1", "a2", "a3"];
const config = newCluster(await Promise.all(ids.map(async (id) => ({ id, address: `127.0.0.1:${await freePort()}` }))));
const file = path.join(dir, "cluster.json");
await writeClusterFile(file, config);
const nodes = new NodeProcesses(serveCommand(() => file, (id) => path.join(dir, id), ["--max-keys", String(MAX_KEYS)]));
await Promise.all(ids.map((id) => nodes.start(id)));

const normal = await ClusterClient.open(config);
let phase = "before";
const lat = new Map<string, number[]>();
const rss = new Map<string, Map<string, number>>();
const heap = new Map<string, Map<string, number>>();
let stop = false;
const probe = (async () => {
  for (let i = 0; !stop; i++) {
    const t0 = performance.now();
    await normal.propose(`normal-${i}`, "v", { deadlineMs: 10_000 }).catch(() => {});
    lat.set(phase, [...(lat.get(phase) ?? []), performance.now() - t0]);
  }
})();
const sampler = setInterval(async () => {
  const s = await askStats(config, 900);
  const m = rss.get(phase) ?? new Map<string, number>();
  const h = heap.get(phase) ?? new Map<string, number>();
  for (const [id, st] of s) m.set(id, Math.max(m.get(id) ?? 0, st["rss-bytes"] ?? 0));
  for (const [id, st] of s) h.set(id, Math.max(h.get(id) ?? 0, st["heap-bytes"] ?? 0));
  rss.set(phase, m);
  heap.set(phase, h);
}, 1000);
const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));

await sleep(PHASE_S);
phase = "slowloris";
const attacker = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "slowloris-attacker.ts"), config.acceptors[0]!.address, String(SOCKETS)], { stdio: ["ignore", "pipe", "inherit"] });
let held = { open: 0, opened: 0 };
attacker.stdout!.on("data", (b: Buffer) => {
  const last = b.toString().trim().split("\n").at(-1);
  if (last) held = JSON.parse(last);
});
await sleep(PHASE_S);
phase = "+flood";
const flooder = await ClusterClient.open(config);
let floodOk = 0;
let floodRefused = 0;
let refusal = "";
const floodStart = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 64 }, async () => {
    while (next < FLOOD) {
      const k = next++;
      try {
        await flooder.propose(`flood-${k}`, "x".repeat(64), { deadlineMs: 20_000 });
        floodOk++;
      } catch (e) {
        floodRefused++;
        if (e instanceof RefusedError) refusal ||= e.message;
      }
    }
  }),
);
const floodSeconds = (performance.now() - floodStart) / 1000;
await sleep(Math.max(0, PHASE_S - floodSeconds));
const duringStats = await askStats(config);
attacker.kill("SIGKILL");
await flooder.close();
phase = "after";
await sleep(PHASE_S);
stop = true;
clearInterval(sampler);
await probe;
await normal.close();

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
console.log(`slowloris on a1 (${SOCKETS} sockets, 1 byte/s each, reconnecting) + ${FLOOD.toLocaleString("en-US")} new keys from one client; 3 synod serve processes, --max-keys ${MAX_KEYS}; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log(`${"phase".padEnd(10)}${"normal ops".padStart(11)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}   max RSS MB a1/a2/a3   max heap MB a1/a2/a3`);
const mb = (m: Map<string, number> | undefined) => ids.map((id) => ((m?.get(id) ?? 0) / 2 ** 20).toFixed(0)).join("/");
for (const p of ["before", "slowloris", "+flood", "after"]) {
  const l = lat.get(p) ?? [];
  console.log(`${p.padEnd(10)}${String(l.length).padStart(11)}${pct(l, 50).toFixed(1).padStart(9)}${pct(l, 99).toFixed(1).padStart(9)}   ${mb(rss.get(p)).padEnd(21)}${mb(heap.get(p))}`);
}
console.log(`attacker: ${held.opened.toLocaleString("en-US")} connections opened, ${held.open} open at the end`);
console.log(`flood: ${floodOk.toLocaleString("en-US")} keys written, ${floodRefused.toLocaleString("en-US")} refused in ${floodSeconds.toFixed(0)} s${refusal ? ` (${refusal.slice(0, 160)}...)` : ""}`);
const pick = ["connections-accepted", "connections-evicted", "connections-refused", "slow-frames-cut", "refused-key-limit", "keys"];
for (const id of ids) console.log(`${id} counters: ${pick.map((k) => `${k}=${(duringStats.get(id) ?? {})[k] ?? 0}`).join(" ")}`);
await nodes.stopAll();
await rm(dir, { recursive: true, force: true });
