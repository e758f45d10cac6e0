// The nemesis: faults on a cluster of real node processes, one at a time, chosen by a seeded
// PRNG: kill -9 one node or a majority, pause one (SIGSTOP, then SIGCONT), partition the
// nodes (through the proxies), fail one node's fsync (with disk faults on), each for a while,
// then heal. The seed decides the faults and their lengths; when they land relative to
// the clients' operations is up to the machine.
import type { NodeId } from "../protocol/messages.ts";
import type { Rng } from "../impl/ports/rng.ts";
import type { NodeProcesses } from "./node-processes.ts";
import type { ProxyMode, TcpProxy } from "./tcp-proxy.ts";

export type FaultKind = "kill" | "kill-majority" | "pause" | "partition" | "disk";
export const faultKinds: readonly FaultKind[] = ["kill", "kill-majority", "pause", "partition", "disk"];

export type NemesisOptions = {
  readonly ids: readonly NodeId[];
  readonly processes: NodeProcesses;
  /** proxies.get(`${from}>${to}`): the way from side `from` (a node and its clients) to node `to`. */
  readonly proxies: ReadonlyMap<string, TcpProxy>;
  readonly faults: readonly FaultKind[];
  readonly rng: Rng;
  readonly log: (line: string) => void;
};

export class Nemesis {
  readonly counts = new Map<FaultKind, number>();
  private stopped = false;

  constructor(private readonly o: NemesisOptions) {}

  /** Fault, wait, heal, rest; until stop() or `until` (ms since the epoch). */
  async run(until: number): Promise<void> {
    while (!this.stopped && Date.now() < until) {
      const kind = this.pick(this.o.faults);
      const ms = 500 + this.o.rng.next() * 3000;
      await this.fault(kind, Math.min(ms, Math.max(0, until - Date.now())));
      this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
      await this.sleep(300 + this.o.rng.next() * 1500);
    }
  }

  stop(): void {
    this.stopped = true;
  }

  /** Every node up and every link open again. */
  async healAll(): Promise<void> {
    for (const p of this.o.proxies.values()) p.set("pass");
    for (const id of this.o.ids) this.o.processes.signal(id, "SIGCONT");
    for (const id of this.o.ids) if (!this.o.processes.isUp(id)) await this.o.processes.start(id);
  }

  private async fault(kind: FaultKind, ms: number): Promise<void> {
    const { processes, ids, log } = this.o;
    if (kind === "kill" || kind === "kill-majority") {
      const victims = this.some(kind === "kill" ? 1 : Math.floor(ids.length / 2) + 1);
      log(`nemesis: kill -9 ${victims.join(", ")} for ${Math.round(ms)} ms`);
      for (const id of victims) await processes.kill(id);
      await this.sleep(ms);
      for (const id of victims) await processes.start(id);
    } else if (kind === "pause") {
      const [id] = this.some(1);
      log(`nemesis: SIGSTOP ${id} for ${Math.round(ms)} ms`);
      processes.signal(id!, "SIGSTOP");
      await this.sleep(ms);
      processes.signal(id!, "SIGCONT");
    } else if (kind === "partition") {
      const side = this.some(1 + Math.floor(this.o.rng.next() * Math.floor(ids.length / 2)));
      const mode: ProxyMode = this.o.rng.next() < 0.5 ? "drop" : "blackhole";
      log(`nemesis: partition {${side.join(", ")}} from the rest (${mode}) for ${Math.round(ms)} ms`);
      this.cut(side, mode);
      await this.sleep(ms);
      for (const p of this.o.proxies.values()) p.set("pass");
    } else {
      const [id] = this.some(1);
      log(`nemesis: ${id}'s next fsync fails (EIO); restart after ${Math.round(ms)} ms`);
      processes.signal(id!, "SIGUSR2");
      await this.sleep(ms);
      if (!processes.isUp(id!)) await processes.start(id!);
    }
  }

  /** Cut every link between `side` and the other nodes, both ways (clients follow their node). */
  private cut(side: readonly NodeId[], mode: ProxyMode): void {
    for (const [link, proxy] of this.o.proxies) {
      const [from, to] = link.split(">") as [NodeId, NodeId];
      if (side.includes(from) !== side.includes(to)) proxy.set(mode);
    }
  }

  private some(n: number): NodeId[] {
    const pool = [...this.o.ids];
    const out: NodeId[] = [];
    while (out.length < n && pool.length) out.push(pool.splice(Math.floor(this.o.rng.next() * pool.length), 1)[0]!);
    return out;
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.o.rng.next() * xs.length)]!;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, ms));
  }
}
