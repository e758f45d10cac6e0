// A deterministic harness for the implementation: N acceptor nodes and M proposer nodes
// (each proposer is also its key's learner) on the in-memory network, with no timer that
// fires on its own (unless the caller gives a clock whose timers it fires). A caller (a
// scenario test, the model-based tests) triggers one command at a time; each command awaits
// quiescence (every step handled, every write done) before it returns, so the cluster is
// between steps whenever the caller looks at it.
import * as path from "node:path";
import type { NodeId, Value } from "../protocol/messages.ts";
import type { SystemView } from "../invariants/view.ts";
import { emptySlot, type AcceptorSlot } from "../impl/core/acceptor.ts";
import { LiveState } from "../impl/core/live-state.ts";
import { MemoryNetwork, type Envelope } from "../impl/adapters/memory-transport.ts";
import { MemoryStorage } from "../impl/adapters/memory-storage.ts";
import { FileStorage } from "../impl/wal/file-storage.ts";
import { frozenClock } from "../impl/adapters/system-clock.ts";
import type { Clock } from "../impl/ports/clock.ts";
import { seededRng } from "../impl/adapters/prng.ts";
import { PaxosNode } from "../impl/node.ts";
import type { Storage } from "../impl/ports/storage.ts";
import { snapshotView } from "./snapshot.ts";
import type { TraceEvent } from "../impl/trace-log.ts";
import { rulesFor, storageFor, type VariantName } from "./impl-variants.ts";
import { isCrashable } from "./faulty-storage.ts";

export type SimOptions = {
  /** Acceptor ids (default a1..a3). */
  readonly acceptors?: readonly NodeId[];
  /** Proposer ids (default p1, p2). */
  readonly proposers?: readonly NodeId[];
  readonly variant?: VariantName;
  /** Refusals answered with Nack (default false, as in the model's default routing). */
  readonly nack?: boolean;
  /** "memory" (default), or a directory: one durable write-ahead log per node under it. */
  readonly storage?: "memory" | { readonly dir: string; readonly sync?: boolean };
  /** The proposer shortcuts the TCP store runs with (NodeOptions.shortcuts); default off, as the model. */
  readonly shortcuts?: boolean;
  /** The nodes' clock: by default frozen (timeouts are the caller's commands); a VirtualClock lets their own timers fire. */
  readonly clock?: Clock;
  /** Seeds each node's randomness (its backoff delays) apart; by default every node's is seed 1. */
  readonly seed?: number;
};

/** A client's answer: from which proposer, for which key, what it asked (null: a read), and what it got: the chosen value, null (a read: none), or the error. */
export type Outcome = { readonly proposer: NodeId; readonly key: string; readonly asked: Value | null; readonly result?: Value | null; readonly error?: string };

export class SimCluster {
  readonly network = new MemoryNetwork();
  readonly events: TraceEvent[] = [];
  readonly outcomes: Outcome[] = [];
  /** Nodes that stopped on their own (a failed write, or a step that threw), with why. */
  readonly fatal: { readonly node: NodeId; readonly error: string }[] = [];
  readonly acceptorIds: readonly NodeId[];
  readonly proposerIds: readonly NodeId[];
  private readonly nodes = new Map<NodeId, PaxosNode | null>();
  private readonly storages = new Map<NodeId, Storage>();
  /** What each live node writes through: its storage, behind the variant's fault if it has one. */
  private readonly writers = new Map<NodeId, Storage>();
  private readonly lastSlots = new Map<NodeId, Map<string, AcceptorSlot>>();

  private constructor(private readonly o: SimOptions) {
    this.acceptorIds = o.acceptors ?? ["a1", "a2", "a3"];
    this.proposerIds = o.proposers ?? ["p1", "p2"];
  }

  static async create(o: SimOptions = {}): Promise<SimCluster> {
    const c = new SimCluster(o);
    for (const id of [...c.acceptorIds, ...c.proposerIds]) await c.boot(id);
    return c;
  }

  get quorumSize(): number {
    return this.node(this.acceptorIds[0]!)?.rules.quorum(this.acceptorIds.length) ?? Math.floor(this.acceptorIds.length / 2) + 1;
  }

  node(id: NodeId): PaxosNode | null {
    const n = this.nodes.get(id);
    if (n === undefined) throw new RangeError(`no node '${id}' in this cluster`);
    return n;
  }

  isUp(id: NodeId): boolean {
    return this.node(id) !== null;
  }

  /** The client asks `proposer` to propose `value` for `key` (null: a read). */
  async propose(proposer: NodeId, key: string, value: Value | null): Promise<void> {
    const n = this.node(proposer);
    if (!n) return;
    void n.request(key, value).then(
        (result) => void this.outcomes.push({ proposer, key, asked: value, result }),
        (e: Error) => void this.outcomes.push({ proposer, key, asked: value, error: e.message }),
    );
    await this.settle();
  }

  async deliver(index: number): Promise<Envelope> {
    const env = this.network.deliver(index);
    await this.settle();
    return env;
  }

  async lose(index: number): Promise<Envelope> {
    return this.network.lose(index);
  }

  async duplicate(index: number): Promise<Envelope> {
    return this.network.duplicate(index);
  }

  /** Deliver everything in flight, oldest first, until nothing is left (bounded). */
  async deliverAll(max = 10_000): Promise<number> {
    let n = 0;
    while (this.network.inFlight.length > 0 && n < max) {
      await this.deliver(0);
      n++;
    }
    return n;
  }

  /** The proposer's timer for `key` fires: it starts a higher ballot if still working. */
  async timeout(proposer: NodeId, key: string): Promise<void> {
    await this.node(proposer)?.timeout(key);
    await this.settle();
  }

  /** Crash a node: volatile state is gone; durable state stays in its storage. */
  async crash(id: NodeId): Promise<void> {
    const n = this.node(id);
    if (!n) return;
    await this.settle();
    this.lastSlots.set(id, new Map(n.slots));
    this.nodes.set(id, null);
    this.network.detach(id);
    await n.stop();
    // Writes a faulty storage only pretended to have made die with the node.
    const writer = this.writers.get(id);
    if (writer && isCrashable(writer)) writer.crash();
    if (this.o.storage !== undefined && this.o.storage !== "memory") await this.storages.get(id)?.close();
    await this.settle();
  }

  /** Restart a crashed node from its storage. */
  async restart(id: NodeId): Promise<void> {
    if (this.node(id)) return;
    await this.boot(id);
  }

  /** Wait until every node has handled every input it was given and all writes are done. */
  async settle(): Promise<void> {
    await quiesce(() => [...this.nodes.values()].filter((n): n is PaxosNode => n !== null));
  }

  /** The acceptor's promise and vote for `key`: live state, or what its storage holds while down. */
  slot(id: NodeId, key: string): AcceptorSlot {
    const n = this.node(id);
    if (n) return n.slots.get(key) ?? emptySlot;
    const s = this.storages.get(id);
    if (s instanceof MemoryStorage) {
      return new Map(LiveState.of(s.records).entries()).get(key)?.slot ?? emptySlot;
    }
    return this.lastSlots.get(id)?.get(key) ?? emptySlot;
  }

  view(key: string): SystemView {
    const acceptors = this.acceptorIds.map((id) => ({ id, slot: this.slot(id, key), up: this.isUp(id) }));
    return snapshotView(key, acceptors, this.quorumSize, this.events);
  }

  /** Stop every node and close file storage (call at the end of a test). */
  async close(): Promise<void> {
    for (const id of this.nodes.keys()) await this.crash(id);
  }

  private async boot(id: NodeId): Promise<void> {
    const variant = this.o.variant ?? "correct";
    const storage = storageFor(variant, this.storageFor(id));
    this.writers.set(id, storage);
    const node = await PaxosNode.start({
      id,
      acceptors: this.acceptorIds,
      transport: this.network.endpoint(id),
      storage,
      clock: this.o.clock ?? frozenClock,
      rng: seededRng(this.o.seed === undefined ? 1 : this.o.seed + 7919 * [...this.acceptorIds, ...this.proposerIds].indexOf(id)),
      nack: this.o.nack ?? false,
      shortcuts: this.o.shortcuts ?? false,
      trace: (e) => void this.events.push(e),
      onFatal: (e) => void this.fatal.push({ node: id, error: e.message }),
      rules: rulesFor(variant),
    });
    this.nodes.set(id, node);
  }

  private storageFor(id: NodeId): Storage {
    const spec = this.o.storage ?? "memory";
    if (spec === "memory") {
      const s = this.storages.get(id) ?? new MemoryStorage();
      this.storages.set(id, s);
      return s;
    }
    const s = new FileStorage({ dir: path.join(spec.dir, id), identity: { cluster: "sim", node: id }, init: true, sync: spec.sync ?? false, segmentBytes: 64 * 1024 });
    this.storages.set(id, s);
    return s;
  }
}

/**
 * Until every node has handled every input (a step queued by a timer or by another step's
 * answer included) and every write is done: the nodes as they are now, asked again each round.
 */
export async function quiesce(nodes: () => readonly PaxosNode[]): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const now = nodes();
    await Promise.all(now.map((n) => n.idle()));
    await new Promise((r) => setImmediate(r));
    if (now.every((n) => n.isIdle())) break;
  }
}
