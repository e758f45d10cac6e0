// npm run bench:impl: decisions per second and latency of the register store on a loopback
// 3-node cluster (a `synod cluster` child process, fsync on), for 1, 8 and 64 concurrent
// proposals on distinct keys, and for 8 proposers racing on each key. Bounded in time.
import { spawn } from "node:child_process";
import * as path from "node:path";
import { readClusterFile } from "../impl/config.ts";
import { ClusterClient } from "../impl/cluster-client.ts";
type RegisterStore = ClusterClient;

const SECONDS_PER_ROW = Number(process.env.SYNOD_BENCH_SECONDS ?? 3);
const bin = path.join(import.meta.dirname, "../bin/synod.js");

function pct(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

function row(name: string, decisions: number, seconds: number, lat: number[]): string {
  lat.sort((a, b) => a - b);
  return `${name.padEnd(34)}${(decisions / seconds).toFixed(0).padStart(10)}${pct(lat, 50).toFixed(2).padStart(10)}${pct(lat, 99).toFixed(2).padStart(10)}${String(decisions).padStart(10)}`;
}

/** `c` proposals at a time from one proposer, each on a fresh key, for the time budget. */
async function distinctKeys(store: RegisterStore, c: number, tag: string): Promise<string> {
  const lat: number[] = [];
  let next = 0;
  const end = performance.now() + SECONDS_PER_ROW * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: c }, async () => {
      while (performance.now() < end) {
        const key = `${tag}-${next++}`;
        const t0 = performance.now();
        await store.propose(key, "v");
        lat.push(performance.now() - t0);
      }
    }),
  );
  return row(`${c} concurrent, distinct keys`, lat.length, (performance.now() - start) / 1000, lat);
}

/** 8 proposers (8 ids) race on each key with different values; one key after another. */
async function racing(stores: RegisterStore[]): Promise<string> {
  const lat: number[] = [];
  let decided = 0;
  const end = performance.now() + SECONDS_PER_ROW * 1000;
  const start = performance.now();
  for (let i = 0; performance.now() < end; i++) {
    const key = `race-${i}`;
    const answers = await Promise.all(
      stores.map(async (s, j) => {
        const t0 = performance.now();
        const v = await s.propose(key, `v${j}`);
        lat.push(performance.now() - t0);
        return v;
      }),
    );
    if (new Set(answers).size !== 1) throw new Error(`disagreement on ${key}: ${answers.join(", ")}`);
    decided++;
  }
  return row(`8 proposers racing on one key`, decided, (performance.now() - start) / 1000, lat);
}

async function main(): Promise<void> {
  const child = spawn(process.execPath, [bin, "cluster", "--nodes", "3"], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const list = await new Promise<string>((resolve, reject) => {
      let out = "";
      const t = setTimeout(() => reject(new Error("cluster did not start")), 20_000);
      child.stdout!.on("data", (b: Buffer) => {
        out += b;
        const m = /--cluster (\S+)/.exec(out);
        if (m) (clearTimeout(t), resolve(m[1]!));
      });
    });
    const config = await readClusterFile(list);
    console.log(`impl benchmark: 3 acceptors on loopback (one process, fsync on), ${SECONDS_PER_ROW} s per row, node ${process.version}`);
    console.log(`${"scenario".padEnd(34)}${"dec/s".padStart(10)}${"p50 ms".padStart(10)}${"p99 ms".padStart(10)}${"decided".padStart(10)}`);
    const store = await ClusterClient.open(config);
    await store.propose("warmup", "v");
    for (const c of [1, 8, 64]) console.log(await distinctKeys(store, c, `d${c}`));
    await store.close();
    const stores = await Promise.all(Array.from({ length: 8 }, () => ClusterClient.open(config)));
    console.log(await racing(stores));
    await Promise.all(stores.map((s) => s.close()));
  } finally {
    child.kill("SIGTERM");
  }
}

await main();
