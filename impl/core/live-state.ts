// The live state of a log: per key, the acceptor's promise and vote and the proposer's round.
// A node rebuilds itself from it at start; applying `records()` gives the same state as applying
// every record it was folded from, which is what lets a snapshot replace the segments before it.
import { emptySlot, recoverSlot, type AcceptorSlot } from "./acceptor.ts";
import type { WalRecord } from "./effects.ts";

export type KeyState = { slot: AcceptorSlot; round: number };

export class LiveState {
  private readonly keys = new Map<string, KeyState>();

  apply(r: WalRecord): void {
    const s = this.keys.get(r.key) ?? { slot: emptySlot, round: 0 };
    if (r.t === "round") s.round = Math.max(s.round, r.round);
    else s.slot = recoverSlot(s.slot, r);
    this.keys.set(r.key, s);
  }

  /** The state of `records`, applied in order. */
  static of(records: Iterable<WalRecord>): LiveState {
    const live = new LiveState();
    for (const r of records) live.apply(r);
    return live;
  }

  get size(): number {
    return this.keys.size;
  }

  /** Each key's state; a key with only a round has the empty slot (no promise, no vote). */
  entries(): IterableIterator<[string, Readonly<KeyState>]> {
    return this.keys.entries();
  }

  /** The fewest records that, applied in order, give this state: a vote, then a later promise, then the round. */
  *records(): Generator<WalRecord, void, void> {
    for (const [key, { slot, round }] of this.keys) {
      const { promised, accepted } = slot;
      if (accepted) yield { t: "vote", key, ballot: accepted.ballot, value: accepted.value };
      const sameAsVote = accepted && promised && promised.round === accepted.ballot.round && promised.proposer === accepted.ballot.proposer;
      if (promised && !sameAsVote) yield { t: "promise", key, ballot: promised };
      if (round > 0) yield { t: "round", key, round };
    }
  }
}
