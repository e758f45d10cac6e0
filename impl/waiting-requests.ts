// The requests a node's proposer is answering, per key, and which answer may answer which.
// Requests for one key share the key's Paxos instance, yet each must get an answer that is
// linearizable: one that holds at some instant between its arrival and its answer. A chosen
// value stays chosen, so it answers every request. "None" (a read whose quorum reported no
// vote in its ballot) says that nothing was chosen when that ballot started, so it answers
// only the reads that arrived before then; a later read, and any proposal, need an instance
// of their own.
import type { NodeId, Value } from "../protocol/messages.ts";
import { RefusedError } from "./errors.ts";

type Waiter = { resolve(v: Value | null): void; reject(e: Error): void; value: Value | null; since: number };

export class WaitingRequests {
  private readonly waiters = new Map<string, Waiter[]>();
  /** A counter of arrivals and ballot starts, and when each key's current ballot started on it. */
  private seq = 0;
  private readonly ballotSince = new Map<string, number>();
  /** Per key, the acceptors that refused it and why. */
  private readonly refusals = new Map<string, Map<NodeId, string>>();

  /** A request for `key`: a proposal of `value`, or a read (null). */
  add(key: string, value: Value | null): Promise<Value | null> {
    const since = ++this.seq;
    return new Promise((resolve, reject) => this.waiters.set(key, [...(this.waiters.get(key) ?? []), { resolve, reject, value, since }]));
  }

  /** The key's proposer started a new ballot. */
  ballotStarted(key: string): void {
    this.ballotSince.set(key, ++this.seq);
  }

  has(key: string): boolean {
    return this.waiters.has(key);
  }

  keys(): string[] {
    return [...this.waiters.keys()];
  }

  /**
   * The key's instance answered `value`: resolve the requests it answers. Returns the input of
   * the instance the others need (a proposal's value, or null for reads), or undefined if none is left.
   */
  answer(key: string, value: Value | null): Value | null | undefined {
    this.refusals.delete(key);
    const all = this.waiters.get(key) ?? [];
    const started = this.ballotSince.get(key) ?? Infinity;
    const answered = value !== null ? all : all.filter((w) => w.value === null && w.since < started);
    const left = all.filter((w) => !answered.includes(w));
    if (left.length > 0) this.waiters.set(key, left);
    else this.forget(key);
    for (const w of answered) w.resolve(value);
    return left.length > 0 ? (left.find((w) => w.value !== null)?.value ?? null) : undefined;
  }

  /** Every request of `key` fails with `err`. */
  fail(key: string, err: Error): void {
    const all = this.waiters.get(key) ?? [];
    this.forget(key);
    for (const w of all) w.reject(err);
  }

  /**
   * An acceptor refused the key; once more than `spare` acceptors did (no quorum is left to
   * take it), the refusal to fail its requests with, else null.
   */
  refused(r: { from: NodeId; key: string; reason: string; detail: string }, spare: number): RefusedError | null {
    if (!this.waiters.has(r.key)) return null;
    const by = this.refusals.get(r.key) ?? new Map<NodeId, string>();
    by.set(r.from, r.detail);
    this.refusals.set(r.key, by);
    return by.size > spare ? new RefusedError(r.key, r.reason, `${[...by.keys()].join(", ")} refused it: ${r.detail}`) : null;
  }

  private forget(key: string): void {
    this.waiters.delete(key);
    this.ballotSince.delete(key);
    this.refusals.delete(key);
  }
}
