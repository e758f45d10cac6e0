// The node side of the preferred proposer (seed 002's distinguished proposer, per key): clients
// send their proposals for a key to one node, chosen by the key, which runs a single proposer
// for all of them. Concurrent requests for one key then share one Paxos instance instead of
// duelling with higher and higher ballots. A request that is not answered before its deadline
// is answered "unavailable", and the client tries elsewhere; Paxos stays safe whoever proposes.
import type { NodeId } from "../protocol/messages.ts";
import type { ReplyFrame, RequestFrame, RefusedFrame } from "./codec.ts";
import type { Counters } from "./counters.ts";
import type { PaxosNode } from "./node.ts";
import { RefusedError } from "./errors.ts";

export type RequestAnswer = ReplyFrame | RefusedFrame;

export class PreferredProposer {
  /** Requests being answered per key: when the last one gives up, the key's proposer stops. */
  private readonly waiting = new Map<string, number>();
  private total = 0;

  constructor(private readonly node: PaxosNode, private readonly self: NodeId, private readonly counters: Counters, private readonly maxPending = 10_000) {}

  async handle(r: RequestFrame): Promise<RequestAnswer> {
    this.counters.inc("requests");
    const refuse = (reason: RefusedFrame["reason"], detail: string): RefusedFrame => ({ type: "refused", from: this.self, id: r.id, key: r.key, reason, detail });
    if (this.total >= this.maxPending) {
      this.counters.inc("refused-overloaded");
      return refuse("overloaded", `${this.total} requests are already waiting on node ${this.self}`);
    }
    this.total++;
    this.waiting.set(r.key, (this.waiting.get(r.key) ?? 0) + 1);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), r.deadlineMs)));
    try {
      const got = await Promise.race([this.node.request(r.key, r.value), late]);
      if (got === "late") {
        this.counters.inc("requests-unavailable");
        return refuse("unavailable", `node ${this.self} reached no quorum for '${r.key}' within ${r.deadlineMs} ms`);
      }
      return { type: "reply", id: r.id, key: r.key, value: got };
    } catch (e) {
      if (e instanceof RefusedError) return refuse(e.reason as RefusedFrame["reason"], e.message);
      this.counters.inc("requests-unavailable");
      return refuse("unavailable", `node ${this.self}: ${(e as Error).message}`);
    } finally {
      clearTimeout(timer);
      this.total--;
      const left = this.waiting.get(r.key)! - 1;
      if (left > 0) this.waiting.set(r.key, left);
      else {
        this.waiting.delete(r.key);
        if (this.node.pendingKeys().includes(r.key)) this.node.abandon(r.key, new Error("every client gave up"));
      }
    }
  }
}
