// The client of a cluster over TCP: `synod propose`, `synod get`, the benchmark and the
// torture run use it. A request goes first to the key's preferred proposers (acceptor nodes
// ranked by a hash of the key and their id, the same ranking in every client), so that
// clients racing on one key share one proposer instead of duelling; if none of them answers
// in time, the client runs its own proposer (tcp-store.ts) until the deadline. Whoever
// proposes, Paxos keeps every answer the one chosen value.
import { createHash } from "node:crypto";
import { Value, type NodeId } from "../protocol/messages.ts";
import { Key, type RefusedFrame, type ReplyFrame } from "./codec.ts";
import { ClusterConfig } from "./config.ts";
import { ClusterMismatchError, NoQuorumError, RefusedError } from "./errors.ts";
import { check, type ProposeOptions, type RegisterStore } from "./store.ts";
import { openTcpStoreWithTransport, type TcpStoreOptions } from "./tcp-store.ts";
import type { TcpTransport } from "./adapters/tcp-transport.ts";

export type ClusterClientOptions = TcpStoreOptions & {
  /** How long to wait for one preferred proposer before trying the next (default 1500 ms). */
  readonly forwardTimeoutMs?: number;
  /** How many preferred proposers to try before proposing itself (default 2; 0: never forward). */
  readonly preferred?: number;
};

const DEFAULT_DEADLINE_MS = 10_000;
/** A node that did not answer is skipped for this long. */
const SUSPECT_MS = 2000;

/** The acceptors in the order a key prefers them as its proposer (rendezvous hashing). */
export function preferredOrder(key: string, ids: readonly NodeId[]): NodeId[] {
  const rank = (id: NodeId) => createHash("sha1").update(`${id}\u0000${key}`).digest().readUInt32BE(0);
  return [...ids].sort((a, b) => rank(b) - rank(a) || (a < b ? -1 : 1));
}

type Waiting = { resolve(r: ReplyFrame | RefusedFrame | null): void };

export class ClusterClient {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private readonly suspect = new Map<NodeId, number>();
  private mismatch: ClusterMismatchError | null = null;

  private constructor(
    private readonly config: ClusterConfig,
    private readonly store: RegisterStore,
    private readonly transport: TcpTransport,
    private readonly o: ClusterClientOptions,
  ) {
    transport.onControl((body) => {
      if (body.type === "reply" || (body.type === "refused" && body.id !== undefined)) {
        this.waiting.get(body.id!)?.resolve(body);
        this.waiting.delete(body.id!);
      }
      if (body.type === "refused") {
        if (body.reason === "membership") this.mismatch = new ClusterMismatchError(`acceptor ${body.from} refused this client: ${body.detail}`);
        store.onRefused(body);
      }
    });
  }

  static async open(config: ClusterConfig, o: ClusterClientOptions = {}): Promise<ClusterClient> {
    const cfg = ClusterConfig.parse(config);
    const { store, transport } = await openTcpStoreWithTransport(cfg, o);
    return new ClusterClient(cfg, store, transport, o);
  }

  /** The value chosen for `key`: `value` if this call got it chosen, else the earlier one. */
  async propose(key: string, value: string, options: ProposeOptions = {}): Promise<Value> {
    const v = check(Value, value, "value");
    return (await this.run(check(Key, key, "key"), v, options))!;
  }

  /** The value chosen for `key`, or null if none is. */
  read(key: string, options: ProposeOptions = {}): Promise<Value | null> {
    return this.run(check(Key, key, "key"), null, options);
  }

  close(): Promise<void> {
    for (const w of this.waiting.values()) w.resolve(null);
    return this.store.close();
  }

  private async run(key: string, value: Value | null, o: ProposeOptions): Promise<Value | null> {
    const deadline = o.deadlineMs ?? DEFAULT_DEADLINE_MS;
    const end = Date.now() + deadline;
    const now = Date.now();
    const order = preferredOrder(key, this.config.acceptors.map((a) => a.id))
      .slice(0, this.o.preferred ?? 2)
      .filter((id) => (this.suspect.get(id) ?? 0) <= now);
    for (const node of order) {
      if (this.mismatch) throw this.mismatch;
      const left = end - Date.now();
      if (left <= 0) break;
      const r = await this.forward(node, key, value, Math.min(left, this.o.forwardTimeoutMs ?? 1500));
      if (r?.type === "reply" && (r.value !== null || value === null)) return r.value;
      if (r?.type === "refused" && r.reason === "membership") throw new ClusterMismatchError(`acceptor ${r.from} refused this client: ${r.detail}`);
      if (r?.type === "refused" && (r.reason === "key-limit" || r.reason === "ballot-out-of-reach")) throw new RefusedError(key, r.reason, r.detail);
      if (r === null) this.suspect.set(node, Date.now() + SUSPECT_MS);
    }
    if (this.mismatch) throw this.mismatch;
    const left = end - Date.now();
    if (left <= 0) throw new NoQuorumError(key, deadline, this.transport.hints());
    return value === null ? this.store.read(key, { deadlineMs: left }) : this.store.propose(key, value, { deadlineMs: left });
  }

  /** Ask `node` to propose for us; null if it did not answer within `ms`. */
  private forward(node: NodeId, key: string, value: Value | null, ms: number): Promise<ReplyFrame | RefusedFrame | null> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(null);
      }, ms + 100);
      this.waiting.set(id, { resolve: (r) => (clearTimeout(timer), resolve(r)) });
      // The node gives up a little before we do, so that its "unavailable" arrives in time.
      this.transport.sendBody(node, { type: "request", id, key, value, deadlineMs: Math.max(1, ms - 50) });
    });
  }
}
