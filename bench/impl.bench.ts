// npm run bench:impl: the register store on a loopback 3-node cluster (a `synod cluster` child
// process, fsync on): decisions per second and latency for 1, 8 and 64 concurrent proposals on
// distinct keys; 8 proposers racing on each key, through the key's preferred proposer (the
// default client) and each proposing itself (backoff only); then the latency of single
// proposals as the store grows to 200,000 keys, with the nodes' memory and log.
// SYNOD_BENCH_SECONDS (default 3) bounds each timed row; SYNOD_BENCH_KEYS (default 200000)
// the growth.
import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { loadavg } from "node:os";
import { readClusterFile, type ClusterConfig } from "../impl/config.ts";
import { ClusterClient } from "../impl/cluster-client.ts";
import { askStats } from "../impl/stats-client.ts";

const SECONDS_PER_ROW = Number(process.env.SYNOD_BENCH_SECONDS ?? 3);
const MAX_KEYS = Number(process.env.SYNOD_BENCH_KEYS ?? 200_000);
const bin = path.join(import.meta.dirname, "../bin/synod.js");

function pct(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

function row(name: string, decisions: number, seconds: number, lat: number[]): string {
  lat.sort((a, b) => a - b);
  return `${name.padEnd(44)}${(decisions / seconds).toFixed(0).padStart(9)}${pct(lat, 50).toFixed(2).padStart(10)}${pct(lat, 99).toFixed(2).padStart(10)}${String(decisions).padStart(10)}`;
}

let keyCounter = 0;

/** `c` proposals at a time from one client, each on a fresh key, for the time budget (or `count` proposals). */
async function distinctKeys(client: ClusterClient, c: number, o: { seconds?: number; count?: number }): Promise<{ lat: number[]; seconds: number }> {
  const lat: number[] = [];
  let left = o.count ?? Infinity;
  const end = o.seconds ? performance.now() + o.seconds * 1000 : Infinity;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: c }, async () => {
      while (performance.now() < end && left-- > 0) {
        const key = `key-${keyCounter++}`;
        const t0 = performance.now();
        await client.propose(key, `value-of-${key}`);
        lat.push(performance.now() - t0);
      }
    }),
  );
  return { lat, seconds: (performance.now() - start) / 1000 };
}

/** 8 clients (8 processes' worth of proposers) race on each key with different values; one key after another. */
async function racing(clients: ClusterClient[], name: string): Promise<string> {
  const lat: number[] = [];
  let decided = 0;
  const end = performance.now() + SECONDS_PER_ROW * 1000;
  const start = performance.now();
  for (let i = 0; performance.now() < end; i++) {
    const key = `race-${name.length}-${i}`;
    const answers = await Promise.all(
      clients.map(async (s, j) => {
        const t0 = performance.now();
        const v = await s.propose(key, `v${j}`);
        lat.push(performance.now() - t0);
        return v;
      }),
    );
    if (new Set(answers).size !== 1) throw new Error(`disagreement on ${key}: ${answers.join(", ")}`);
    decided++;
  }
  return row(name, decided, (performance.now() - start) / 1000, lat);
}

async function logBytes(dir: string): Promise<number> {
  let total = 0;
  for (const node of ["a1", "a2", "a3"]) for (const f of await readdir(path.join(dir, node))) total += (await stat(path.join(dir, node, f))).size;
  return total;
}

async function growth(config: ClusterConfig, dataDir: string): Promise<void> {
  console.log(`\nlatency of one proposal at a time as the store grows (filled by 64 concurrent proposals; p50/p99 over ${SECONDS_PER_ROW} s)`);
  console.log(`${"keys".padStart(9)}${"p50 ms".padStart(10)}${"p99 ms".padStart(10)}${"dec/s".padStart(9)}${"fill dec/s".padStart(12)}${"node MB".padStart(20)}${"log MB (3 nodes)".padStart(18)}`);
  const client = await ClusterClient.open(config);
  let fillRate = NaN;
  for (const target of [1_000, 10_000, 50_000, 100_000, 200_000].filter((k) => k <= MAX_KEYS)) {
    if (keyCounter < target) {
      const fill = await distinctKeys(client, 64, { count: target - keyCounter });
      fillRate = fill.lat.length / fill.seconds;
    }
    const m = await distinctKeys(client, 1, { seconds: SECONDS_PER_ROW });
    m.lat.sort((a, b) => a - b);
    const stats = await askStats(config);
    const rss = config.acceptors.map((a) => ((stats.get(a.id)?.["rss-bytes"] ?? 0) / 2 ** 20).toFixed(0)).join("/");
    console.log(
      `${target.toLocaleString("en-US").padStart(9)}${pct(m.lat, 50).toFixed(2).padStart(10)}${pct(m.lat, 99).toFixed(2).padStart(10)}${(m.lat.length / m.seconds).toFixed(0).padStart(9)}${fillRate.toFixed(0).padStart(12)}${rss.padStart(20)}${((await logBytes(dataDir)) / 2 ** 20).toFixed(0).padStart(18)}`,
    );
  }
  await client.close();
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "synod-bench-"));
  const child = spawn(process.execPath, [bin, "cluster", "--nodes", "3", "--data", dataDir], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const file = await new Promise<string>((resolve, reject) => {
      let out = "";
      const t = setTimeout(() => reject(new Error("cluster did not start")), 60_000);
      child.stdout!.on("data", (b: Buffer) => {
        out += b;
        const m = /--cluster (\S+)/.exec(out);
        if (m) (clearTimeout(t), resolve(m[1]!));
      });
    });
    const config = await readClusterFile(file);
    console.log(`impl benchmark: 3 acceptors on loopback (one process, fsync on), ${SECONDS_PER_ROW} s per row, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    console.log(`${"scenario".padEnd(44)}${"dec/s".padStart(9)}${"p50 ms".padStart(10)}${"p99 ms".padStart(10)}${"decided".padStart(10)}`);
    const client = await ClusterClient.open(config);
    await client.propose("warmup", "v");
    for (const c of [1, 8, 64]) {
      const r = await distinctKeys(client, c, { seconds: SECONDS_PER_ROW });
      console.log(row(`${c} concurrent, distinct keys`, r.lat.length, r.seconds, r.lat));
    }
    await client.close();
    for (const [name, o] of [
      ["8 proposers racing on one key", {}],
      ["8 proposers racing on one key, each its own", { preferred: 0 }],
    ] as const) {
      const clients = await Promise.all(Array.from({ length: 8 }, () => ClusterClient.open(config, o)));
      console.log(await racing(clients, name));
      await Promise.all(clients.map((s) => s.close()));
    }
    await growth(config, dataDir);
    console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
