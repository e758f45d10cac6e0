// Real node processes on loopback for the nemesis: started, killed with SIGKILL, paused with
// SIGSTOP and resumed with SIGCONT, restarted on their data directory. By default each is
// `synod serve`; the disk-fault node (harness/torture-node.ts) is the same server on a file
// system that fails its next fsync on SIGUSR2.
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import type { NodeId } from "../protocol/messages.ts";

export type NodeCommand = (id: NodeId, first: boolean) => string[];

/** `synod serve` on the cluster file and data directory of each node. */
export function serveCommand(clusterFile: (id: NodeId) => string, dataDir: (id: NodeId) => string, extra: readonly string[] = []): NodeCommand {
  const bin = path.join(import.meta.dirname, "../bin/synod.js");
  return (id, first) => [bin, "serve", "--cluster", clusterFile(id), "--id", id, "--data", dataDir(id), ...(first ? ["--init"] : []), ...extra];
}

export class NodeProcesses {
  private readonly running = new Map<NodeId, ChildProcess>();
  private readonly started = new Set<NodeId>();
  /** Lines the nodes wrote to stderr (recovery notes, fail-stop messages), for the report. */
  readonly stderr: string[] = [];
  /** Nodes that exited on their own (fail-stop), and how often. */
  readonly exits = new Map<NodeId, number>();

  constructor(private readonly command: NodeCommand, private readonly log: (line: string) => void = () => {}) {}

  isUp(id: NodeId): boolean {
    return this.running.has(id);
  }

  async start(id: NodeId, timeoutMs = 60_000): Promise<void> {
    if (this.running.has(id)) return;
    const child = spawn(process.execPath, this.command(id, !this.started.has(id)), { stdio: ["ignore", "pipe", "pipe"] });
    this.started.add(id);
    this.running.set(id, child);
    let err = "";
    child.stderr!.on("data", (b: Buffer) => {
      err += b;
      for (const l of b.toString().split("\n")) if (l.trim()) this.stderr.push(`${id}: ${l}`);
    });
    child.on("exit", (code, signal) => {
      if (this.running.get(id) !== child) return;
      this.running.delete(id);
      if (signal !== "SIGKILL") this.exits.set(id, (this.exits.get(id) ?? 0) + 1);
      this.log(`${id} exited (${signal ?? `code ${code}`})`);
    });
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`${id} did not start within ${timeoutMs} ms: ${err}`)), timeoutMs);
      child.stdout!.on("data", (b: Buffer) => b.toString().includes("listening on") && (clearTimeout(t), resolve()));
      child.once("exit", (code) => (clearTimeout(t), reject(new Error(`${id} exited with ${code} while starting: ${err}`))));
    });
  }

  /** kill -9, and wait until it is gone. */
  async kill(id: NodeId): Promise<void> {
    const c = this.running.get(id);
    if (!c) return;
    this.running.delete(id);
    c.kill("SIGCONT"); // a paused process dies the same, but resuming first keeps the exit prompt
    c.kill("SIGKILL");
    if (c.exitCode === null && c.signalCode === null) await new Promise((r) => c.once("exit", r));
  }

  signal(id: NodeId, sig: NodeJS.Signals): void {
    this.running.get(id)?.kill(sig);
  }

  async stopAll(): Promise<void> {
    for (const id of [...this.running.keys()]) await this.kill(id);
  }
}
