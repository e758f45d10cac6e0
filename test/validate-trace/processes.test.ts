// Trace validation on a real run: 3 acceptor processes (`synod serve --trace`) and proposer
// processes that log too, two of them racing on one key and each alone on another; then a
// third proposer on the raced key. The logs must validate, also after a SIGKILL and restart of an
// acceptor mid-run; doctored copies must be rejected at the right event with the right reason;
// a client running a broken variant must be caught.
import { spawn, type ChildProcess } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../impl/free-port.ts";
import { newCluster, writeClusterFile } from "../../impl/config.ts";
import { ballotEquals } from "../../protocol/ballot.ts";
import type { TraceEvent } from "../../impl/trace-log.ts";
import { command } from "../../cli/commands/validate-trace.ts";
import { runCommand } from "../cli/capture.ts";
import { doctor, event, findLine, readLogs, validateLogs, type Logs } from "./support/logs.ts";

const bin = path.join(import.meta.dirname, "../../bin/synod.js");
const proposerScript = path.join(import.meta.dirname, "support/proposer-process.ts");
const acceptors = ["a1", "a2", "a3"];
const children = new Set<ChildProcess>();
let dir: string;
let cluster: string;
let ok: Logs; // the logs of the correct run
let okFiles: string[];
let withVariant: Logs; // the same cluster's logs after a broken client ran on key "kv"
const addr = new Map<string, string>();
const servers = new Map<string, ChildProcess>();

function spawnTracked(args: string[]): { child: ChildProcess; out: Promise<string> } {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  let out = "";
  let err = "";
  child.stdout!.on("data", (b: Buffer) => void (out += b));
  child.stderr!.on("data", (b: Buffer) => void (err += b));
  const done = new Promise<string>((resolve, reject) =>
    child.on("exit", (code) => {
      children.delete(child);
      code === 0 ? resolve(out) : reject(new Error(`${args.join(" ")} exited ${code}: ${err}`));
    }),
  );
  return { child, out: done };
}

async function startAcceptor(id: string): Promise<void> {
  const { child, out } = spawnTracked([bin, "serve", "--cluster", cluster, "--id", id, "--data", path.join(dir, "data", id), "--init", "--trace", path.join(dir, `${id}.trace`)]);
  out.catch(() => {}); // killed with SIGKILL, by a test or when the tests end
  servers.set(id, child);
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${id} did not start`)), 20_000);
    child.stdout!.on("data", (b: Buffer) => b.toString().includes("listening on") && (clearTimeout(t), resolve()));
  });
}

/** One proposer process: proposes every KEY=VALUE concurrently; resolves with its answers. */
async function propose(id: string, pairs: string[], variant?: string): Promise<Record<string, string>> {
  const args = ["--import", "tsx", proposerScript, "--cluster", cluster, "--trace", path.join(dir, `${id}.trace`), "--id", id, ...(variant ? ["--variant", variant] : []), ...pairs];
  return JSON.parse(await spawnTracked(args).out) as Record<string, string>;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "synod-validate-trace-"));
  for (const id of acceptors) addr.set(id, `127.0.0.1:${await freePort()}`);
  cluster = path.join(dir, "cluster.json");
  await writeClusterFile(cluster, newCluster(acceptors.map((id) => ({ id, address: addr.get(id)! }))));
  await Promise.all(acceptors.map(startAcceptor));
  // p1 and p2 race on "same", each alone on its own key; then p3 on "same" finds the chosen value.
  const [r1, r2] = await Promise.all([propose("p1", ["same=p1-same", "k1=p1-k1"]), propose("p2", ["same=p2-same", "k2=p2-k2"])]);
  const r3 = await propose("p3", ["same=p3-same", "k3=p3-k3"]);
  expect(new Set([r1.same, r2.same, r3.same]).size).toBe(1);
  const names = [...acceptors, "p1", "p2", "p3"].map((id) => `${id}.trace`);
  await mkdir(path.join(dir, "ok"));
  for (const n of names) await copyFile(path.join(dir, n), path.join(dir, "ok", n));
  okFiles = names.map((n) => path.join(dir, "ok", n));
  ok = await readLogs(okFiles);
  // A client with too small a quorum, on a fresh key: it learns from one Accepted.
  await propose("pv", ["kv=v"], "quorum-n-over-2");
  withVariant = await readLogs([...acceptors, "p1", "p2", "p3", "pv"].map((id) => path.join(dir, `${id}.trace`)));
}, 90_000);

afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
  await rm(dir, { recursive: true, force: true });
});

const is = <K extends TraceEvent["event"]>(kind: K, key: string, also: (e: Extract<TraceEvent, { event: K }>) => boolean = () => true) => (e: TraceEvent) =>
  e.event === kind && e.key === key && also(e as Extract<TraceEvent, { event: K }>);

/** The first acceptor log in which `find` locates what a test needs, and what it found there. */
function inSomeAcceptor<T>(find: (file: string) => T | null): { file: string; found: T } {
  for (const a of acceptors) {
    const found = find(`${a}.trace`);
    if (found !== null) return { file: `${a}.trace`, found };
  }
  throw new Error("no acceptor log has the event the test needs");
}
const tryFind = <T,>(f: () => T): T | null => {
  try {
    return f();
  } catch {
    return null;
  }
};

describe("validate-trace on a real 3-process cluster run", () => {
  it("accepts the logs of a correct run: every key, two proposers racing on one", async () => {
    const v = validateLogs(ok);
    expect(v.rejection).toBeNull();
    expect(v.acceptors).toEqual(acceptors);
    expect(v.keys.map((k) => k.key).sort()).toEqual(["k1", "k2", "k3", "same"]);
    // Not vacuous: the raced key saw ballots of both proposers, and every proposer learned.
    const same = [...ok.values()].flat().map(event).filter((e) => e.key === "same");
    expect(new Set(same.filter((e) => e.event === "prepare-sent").map((e) => e.node))).toEqual(new Set(["p1", "p2", "p3"]));
    expect(new Set(v.keys.find((k) => k.key === "same")!.view.learned.map((l) => l.learner))).toEqual(new Set(["p1", "p2", "p3"]));
    const r = await runCommand(command, okFiles);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain("verdict: a behaviour of the model");
  });

  it("rejects a promise below an earlier promise", () => {
    const { file, found } = inSomeAcceptor((f) =>
      tryFind(() => {
        const first = findLine(ok, f, is("promise-sent", "same"));
        const b1 = event(ok.get(f)![first]!) as Extract<TraceEvent, { event: "promise-sent" }>;
        return { first, later: findLine(ok, f, is("promise-sent", "same", (e) => !ballotEquals(e.ballot, b1.ballot)), first + 1) };
      }),
    );
    const { first, later } = found;
    const bad = doctor(ok, file, (lines) => [...lines.slice(0, later + 1), lines[first]!, ...lines.slice(later + 1)]);
    const r = validateLogs(bad).rejection!;
    expect(r.at).toMatchObject({ file, line: later + 2 });
    expect(r.reason).toMatch(/^a\d promised ballot \d+\.p\d after promising \d+\.p\d: an acceptor promises only ballots above its promise$/);
  });

  it("rejects a vote for a value never proposed", () => {
    const i = findLine(ok, "a1.trace", is("vote-cast", "k1"));
    const bad = doctor(ok, "a1.trace", (lines) => lines.map((l, j) => (j === i ? l.replace(/"value":"p1-k1"/, '"value":"never-proposed"') : l)));
    const r = validateLogs(bad).rejection!;
    expect(r.at).toMatchObject({ file: "a1.trace", line: i + 1 });
    expect(r.reason).toMatch(/^a1 voted in ballot \d+\.p1 for never-proposed, which no Accept carried \(the Accepts of \d+\.p1 carry p1-k1\)$/);
  });

  it("rejects a learned value without a quorum of Accepted", () => {
    const learned = findLine(ok, "p1.trace", is("value-learned", "k1"));
    const first = findLine(ok, "p1.trace", is("accepted-received", "k1"));
    const from = (event(ok.get("p1.trace")![first]!) as Extract<TraceEvent, { event: "accepted-received" }>).from;
    // Keep the first Accepted before the learning, drop the others that made the quorum.
    const bad = doctor(ok, "p1.trace", (lines) => lines.filter((l, j) => j <= first || j >= learned || !is("accepted-received", "k1")(event(l))));
    const r = validateLogs(bad).rejection!;
    expect(r.at.event).toMatchObject({ event: "value-learned", node: "p1", key: "k1" });
    expect(r.at.line).toBe(findLine(bad, "p1.trace", is("value-learned", "k1")) + 1);
    expect(r.reason).toMatch(new RegExp(`^p1 learned p1-k1 in ballot \\d+\\.p1 with Accepted from only ${from}: no quorum \\(2 of 3\\), nor a quorum of Promises reporting that vote$`));
  });

  it("rejects a receive with no matching send", () => {
    const received = findLine(ok, "p2.trace", is("accepted-received", "k2"));
    const from = (event(ok.get("p2.trace")![received]!) as Extract<TraceEvent, { event: "accepted-received" }>).from;
    const vote = findLine(ok, `${from}.trace`, is("vote-cast", "k2"));
    const bad = doctor(ok, `${from}.trace`, (lines) => lines.filter((_, j) => j !== vote));
    const r = validateLogs(bad).rejection!;
    expect(r.at).toMatchObject({ file: "p2.trace", line: received + 1 });
    expect(r.reason).toMatch(new RegExp(`^p2 received Accepted\\(b=\\d+\\.p2, v=p2-k2\\) from ${from}, which ${from} never sent$`));
  });

  it("rejects an acceptor's events reordered: a vote logged after the Promise that reports it", () => {
    const { file, found: promise } = inSomeAcceptor((f) => tryFind(() => findLine(ok, f, is("promise-sent", "same", (e) => e.voted !== null))));
    const lines = ok.get(file)!;
    let vote = promise - 1;
    while (!is("vote-cast", "same")(event(lines[vote]!))) vote--;
    const bad = doctor(ok, file, (ls) => [...ls.slice(0, vote), ...ls.slice(vote + 1, promise + 1), ls[vote]!, ...ls.slice(promise + 1)]);
    const r = validateLogs(bad).rejection!;
    expect(r.at).toMatchObject({ file, line: promise });
    expect(r.reason).toMatch(/^a\d's Promise for ballot \d+\.p\d reports vote \(\d+\.p\d, p\d-same\), but a\d had voted .+: a Promise reports the acceptor's highest vote$/);
  });

  it("catches a client running the quorum-n-over-2 variant: it learns from one Accepted", async () => {
    const learned = findLine(withVariant, "pv.trace", is("value-learned", "kv"));
    const v = validateLogs(withVariant);
    expect(v.rejection?.key).toBe("kv");
    expect(v.rejection!.at).toMatchObject({ file: "pv.trace", line: learned + 1 });
    expect(v.rejection!.reason).toMatch(/^pv learned v in ballot 1\.pv with Accepted from only a\d: no quorum \(2 of 3\)/);
    expect(v.keys.filter((k) => k.rejection === null).map((k) => k.key).sort()).toEqual(["k1", "k2", "k3", "same"]);
    const r = await runCommand(command, ["--json", ...[...acceptors, "p1", "p2", "p3", "pv"].map((id) => path.join(dir, `${id}.trace`))]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ verdict: "not-a-behaviour", rejection: { key: "kv", node: "pv", line: learned + 1 } });
  });

  it("accepts the logs of a run in which an acceptor is killed with SIGKILL mid-run and restarted", async () => {
    const racing = Promise.all([propose("p4", ["same=p4-same", "x1=p4-x1", "x2=p4-x2"]), propose("p5", ["x1=p5-x1", "x2=p5-x2"])]);
    // Kill a2 once p4 has started its ballots: mid-protocol.
    while (!(await readFile(path.join(dir, "p4.trace"), "utf8").catch(() => "")).includes("prepare-sent")) await new Promise((r) => setTimeout(r, 5));
    const a2 = servers.get("a2")!;
    a2.kill("SIGKILL");
    if (a2.exitCode === null && a2.signalCode === null) await new Promise((r) => a2.once("exit", r));
    const [r4, r5] = await racing; // a quorum (a1, a3) is still up
    await startAcceptor("a2");
    const r6 = await propose("p6", ["x1=p6-x1", "x2=p6-x2", "x3=p6-x3"]);
    expect(new Set([r4.x1, r5.x1, r6.x1]).size).toBe(1);
    // p6 is answered by a quorum; the restarted a2 may log its part of x3 a moment later.
    for (let i = 0; i < 400 && !(await readFile(path.join(dir, "a2.trace"), "utf8")).includes('"x3"'); i++) await new Promise((r) => setTimeout(r, 5));
    const all = await readLogs([...acceptors, "p1", "p2", "p3", "pv", "p4", "p5", "p6"].map((id) => path.join(dir, `${id}.trace`)));
    const v = validateLogs(all);
    // Every key validates but kv, the broken client's.
    expect(v.keys.filter((k) => k.rejection !== null).map((k) => k.key)).toEqual(["kv"]);
    expect(v.keys.map((k) => k.key).sort()).toEqual(["k1", "k2", "k3", "kv", "same", "x1", "x2", "x3"]);
    expect(all.get("a2.trace")!.some((l) => event(l).key === "x3")).toBe(true); // the restarted a2 logged on
    // It booted over its storage, so it logged a restart: its promises and votes were replayed across it.
    expect(all.get("a2.trace")!.filter((l) => event(l).event === "restart").length).toBe(1);

  }, 60_000);
});
