// End to end on real processes over loopback TCP: 3 acceptor processes (`synod serve`),
// concurrent proposer processes (`synod propose`) on the same keys, one acceptor killed with
// SIGKILL mid-run and restarted; every caller must see the same value per key, and the values
// must survive a kill -9 and restart of every acceptor.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../impl/free-port.ts";
import { newCluster, writeClusterFile } from "../../impl/config.ts";
import { parseTraceLog } from "../../impl/trace-log.ts";

const bin = path.join(import.meta.dirname, "../../bin/synod.js");
const children = new Set<ChildProcess>();
let dir: string;
const ids = ["a1", "a2", "a3"];
const addr = new Map<string, string>();
const servers = new Map<string, ChildProcess>();

function startAcceptor(id: string): Promise<void> {
  const args = [bin, "serve", "--cluster", clusterFile, "--id", id, "--data", path.join(dir, id), "--init", "--trace", path.join(dir, `${id}.trace`)];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  servers.set(id, child);
  child.on("exit", () => children.delete(child));
  let err = "";
  child.stderr!.on("data", (b: Buffer) => void (err += b));
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${id} did not start: ${err}`)), 30_000);
    child.stdout!.on("data", (b: Buffer) => b.toString().includes("listening on") && (clearTimeout(t), resolve()));
    child.on("exit", (code) => (clearTimeout(t), reject(new Error(`${id} exited with ${code} at start: ${err}`))));
  });
}

async function kill9(id: string): Promise<void> {
  const c = servers.get(id)!;
  c.kill("SIGKILL");
  if (c.exitCode === null && c.signalCode === null) await new Promise((r) => c.once("exit", r));
}

function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  let out = "";
  let err = "";
  child.stdout!.on("data", (b: Buffer) => void (out += b));
  child.stderr!.on("data", (b: Buffer) => void (err += b));
  const limit = setTimeout(() => child.kill("SIGKILL"), 40_000);
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      clearTimeout(limit);
      children.delete(child);
      resolve({ code, out: out.trim(), err });
    }),
  );
}

let clusterFile: string;
const cluster = () => clusterFile;
const keys = ["k1", "k2", "k3"];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "synod-e2e-"));
  for (const id of ids) addr.set(id, `127.0.0.1:${await freePort()}`);
  clusterFile = path.join(dir, "cluster.json");
  await writeClusterFile(clusterFile, newCluster(ids.map((id) => ({ id, address: addr.get(id)! }))));
  await Promise.all(ids.map(startAcceptor));
});

afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
  await rm(dir, { recursive: true, force: true });
});

describe("3 acceptor processes, concurrent proposer processes, kill -9", () => {
  it("every caller gets the same value per key, and values survive restarts", async () => {
    const propose = (key: string, value: string) => cli(["propose", "--cluster", cluster(), "--deadline", "30000", key, value]).then((r) => ({ key, value, ...r }));
    // Wave 1: two proposers per key, racing; a2 is killed while they run and restarted.
    const wave1 = keys.flatMap((k) => [propose(k, `${k}-x`), propose(k, `${k}-y`)]);
    await new Promise((r) => setTimeout(r, 700));
    await kill9("a2");
    const wave2 = keys.map((k) => propose(k, `${k}-z`)); // runs with a2 down
    await new Promise((r) => setTimeout(r, 500));
    await startAcceptor("a2");
    const wave3 = keys.map((k) => propose(k, `${k}-w`));
    const results = await Promise.all([...wave1, ...wave2, ...wave3]);
    for (const r of results) expect(r.code, `${r.key} ${r.value}: ${r.err}`).toBe(0);
    const chosen = new Map<string, string>();
    for (const k of keys) {
      const seen = new Set(results.filter((r) => r.key === k).map((r) => r.out));
      expect(seen.size, `${k}: ${[...seen].join(" / ")}`).toBe(1);
      const v = [...seen][0]!;
      expect(v.startsWith(`${k}-`)).toBe(true);
      chosen.set(k, v);
    }

    // Every acceptor killed with SIGKILL and restarted: the chosen values are still there.
    for (const id of ids) await kill9(id);
    await Promise.all(ids.map(startAcceptor));
    for (const k of keys) {
      const got = await cli(["get", "--cluster", cluster(), "--deadline", "20000", k]);
      expect(got.out).toBe(chosen.get(k));
      const late = await propose(k, "late");
      expect(late.out).toBe(chosen.get(k));
    }
    const none = await cli(["get", "--cluster", cluster(), "nothing-here"]);
    expect(none.code).toBe(3);

    // The acceptors logged their protocol steps as JSON lines (trace validation reads these).
    const events = parseTraceLog(await readFile(path.join(dir, "a1.trace"), "utf8"));
    expect(events.some((e) => e.event === "promise-sent")).toBe(true);
    expect(events.some((e) => e.event === "vote-cast")).toBe(true);
  });
});
