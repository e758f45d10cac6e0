// The library API of the write-once register store (seed 004): propose(key, value) answers
// the value chosen for the key, the caller's or an earlier one; read(key) answers the chosen
// value or null. Each key is an independent single-decree Paxos instance. The store runs a
// proposer (and learner) in the caller's process and talks to the acceptors over a transport.
import { NodeId, Value } from "../protocol/messages.ts";
import { Key, describeIssues } from "./codec.ts";
import { ClusterMismatchError, InvalidInputError, NoQuorumError } from "./errors.ts";
import type { RefusedFrame } from "./codec.ts";
import { PaxosNode, type Timing } from "./node.ts";
import type { Clock } from "./ports/clock.ts";
import type { Rng } from "./ports/rng.ts";
import type { Storage } from "./ports/storage.ts";
import type { Transport } from "./ports/transport.ts";
import type { TraceSink } from "./trace-log.ts";
import type { Rules } from "../protocol/rules.ts";

export type StoreOptions = {
  /** This proposer's id; must be unique in the cluster (ballots carry it). */
  readonly id: NodeId;
  readonly acceptors: readonly NodeId[];
  readonly transport: Transport;
  /** Holds the proposer's rounds; with storage that does not survive, use a fresh id per run. */
  readonly storage: Storage;
  readonly clock: Clock;
  readonly rng: Rng;
  readonly timing?: Timing;
  /** The protocol's decision rules; Paxos Made Simple's by default. */
  readonly rules?: Rules;
  readonly trace?: TraceSink;
  /** See NodeOptions.shortcuts (the TCP client turns them on). */
  readonly shortcuts?: boolean;
  /** What the transport saw go wrong with each acceptor, for the message of a NoQuorumError. */
  readonly hints?: () => string[];
};

export type ProposeOptions = { readonly deadlineMs?: number };
const DEFAULT_DEADLINE_MS = 10_000;

export class RegisterStore {
  private mismatch: ClusterMismatchError | null = null;

  private constructor(private readonly node: PaxosNode, private readonly o: StoreOptions) {}

  static async open(o: StoreOptions): Promise<RegisterStore> {
    const node = await PaxosNode.start({ ...o, acceptors: o.acceptors });
    return new RegisterStore(node, o);
  }

  /**
   * An acceptor refused this client's frames. A refused membership fails everything (this
   * client's cluster file is not the cluster's); a refused key fails its requests once so many
   * acceptors refused it that no quorum is left to take it.
   */
  onRefused(r: RefusedFrame): void {
    if (r.reason === "membership") {
      this.mismatch = new ClusterMismatchError(`acceptor ${r.from} refused this client: ${r.detail}`);
      for (const key of this.node.pendingKeys()) this.node.abandon(key, this.mismatch);
      return;
    }
    this.node.onRefused(r);
  }

  /** The value chosen for `key`: `value` if this call got it chosen, else the earlier one. */
  async propose(key: string, value: string, options: ProposeOptions = {}): Promise<Value> {
    const k = check(Key, key, "key");
    const v = check(Value, value, "value");
    if (this.mismatch) throw this.mismatch;
    const chosen = await this.withDeadline(k, options, this.node.request(k, v));
    return chosen!;
  }

  /** The value chosen for `key`, or null if none is (a read runs phase 1, and phase 2 to finish a vote it finds). */
  async read(key: string, options: ProposeOptions = {}): Promise<Value | null> {
    const k = check(Key, key, "key");
    if (this.mismatch) throw this.mismatch;
    return this.withDeadline(k, options, this.node.request(k, null));
  }

  close(): Promise<void> {
    return this.node.stop();
  }

  private withDeadline<T>(key: string, o: ProposeOptions, p: Promise<T>): Promise<T> {
    const ms = o.deadlineMs ?? DEFAULT_DEADLINE_MS;
    const cancel = this.o.clock.setTimer(ms, () => this.node.abandon(key, new NoQuorumError(key, ms, this.o.hints?.() ?? [])));
    return p.finally(cancel);
  }
}

export function check<T>(schema: { safeParse(x: unknown): { success: true; data: T } | { success: false; error: import("zod").ZodError } }, x: unknown, field: string): T {
  const r = schema.safeParse(x);
  if (!r.success) throw new InvalidInputError(`invalid ${field}: ${describeIssues(r.error).replace(/^frame: /, "")}`);
  return r.data;
}
