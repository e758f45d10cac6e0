// The library API of the write-once register store (seed 004): propose(key, value) answers
// the value chosen for the key, the caller's or an earlier one; read(key) answers the chosen
// value or null. Each key is an independent single-decree Paxos instance. The store runs a
// proposer (and learner) in the caller's process and talks to the acceptors over a transport.
import { NodeId, Value } from "../protocol/messages.ts";
import { Key, describeIssues } from "./codec.ts";
import { InvalidInputError, NoQuorumError } from "./errors.ts";
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
};

export type ProposeOptions = { readonly deadlineMs?: number };
const DEFAULT_DEADLINE_MS = 10_000;

export class RegisterStore {
  private constructor(private readonly node: PaxosNode, private readonly clock: Clock) {}

  static async open(o: StoreOptions): Promise<RegisterStore> {
    const node = await PaxosNode.start({ ...o, acceptors: o.acceptors });
    return new RegisterStore(node, o.clock);
  }

  /** The value chosen for `key`: `value` if this call got it chosen, else the earlier one. */
  async propose(key: string, value: string, options: ProposeOptions = {}): Promise<Value> {
    const k = check(Key, key, "key");
    const v = check(Value, value, "value");
    const chosen = await this.withDeadline(k, options, this.node.request(k, v));
    return chosen!;
  }

  /** The value chosen for `key`, or null if none is (a read runs phase 1, and phase 2 to finish a vote it finds). */
  async read(key: string, options: ProposeOptions = {}): Promise<Value | null> {
    const k = check(Key, key, "key");
    return this.withDeadline(k, options, this.node.request(k, null));
  }

  close(): Promise<void> {
    return this.node.stop();
  }

  private withDeadline<T>(key: string, o: ProposeOptions, p: Promise<T>): Promise<T> {
    const ms = o.deadlineMs ?? DEFAULT_DEADLINE_MS;
    const cancel = this.clock.setTimer(ms, () => this.node.abandon(key, new NoQuorumError(key, ms)));
    return p.finally(cancel);
  }
}

function check<T>(schema: { safeParse(x: unknown): { success: true; data: T } | { success: false; error: import("zod").ZodError } }, x: unknown, field: string): T {
  const r = schema.safeParse(x);
  if (!r.success) throw new InvalidInputError(`invalid ${field}: ${describeIssues(r.error).replace(/^frame: /, "")}`);
  return r.data;
}
