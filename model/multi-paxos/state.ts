// The state of the Multi-Paxos model: every node (acceptor, replica, and for candidates the
// leader), the set of messages ever sent, the ghost history the invariants read, and the faults
// used. Plain immutable data; every array that stands for a set is sorted.
import type { Ballot } from "../../protocol/messages.ts";
import type { SlotVote } from "../../invariants/log/view.ts";
import type { MultiPaxosMessage, SlotVoteMsg } from "./messages.ts";

/** A slot of a leader's log in its ballot: the command it proposes there, and whether it learned it chosen. */
export type Entry = { readonly slot: number; readonly command: string; readonly chosen: boolean };

/** A node's leader role in one ballot; volatile, lost in a crash. */
export type Leadership = {
  readonly ballot: Ballot;
  /** scouting: phase 1 sent, waiting for a quorum of promises; leading: phase 1 done, phase 2 per slot. */
  readonly phase: "scouting" | "leading";
  /** Sorted by slot. */
  readonly log: readonly Entry[];
};

/** A read a replica answered, with the commands it had applied then. */
export type ReadAnswer = { readonly read: string; readonly state: readonly string[] };

/** A read a client requested; ghost: the commands some replica had applied then, which its answers must include. */
export type ReadRequest = { readonly id: string; readonly appliedBefore: readonly string[] };

export type NodeState = {
  readonly id: string;
  readonly up: boolean;
  /** Acceptor, durable: its promise and its highest vote per slot (sorted by slot). */
  readonly promised: Ballot | null;
  readonly votes: readonly SlotVoteMsg[];
  /** Replica, durable: decided[s - 1] is slot s's command as learned, or null; `next` slots are applied. */
  readonly decided: readonly (string | null)[];
  readonly next: number;
  readonly applied: readonly string[];
  /** Replica, durable: the reads it answered (responses sent to clients), in order. */
  readonly answers: readonly ReadAnswer[];
  /** Leader: the highest round it started, durable, so it never reuses a ballot. */
  readonly round: number;
  readonly leadership: Leadership | null;
};

export type MultiPaxosState = {
  readonly nodes: readonly NodeState[];
  /** Every message ever sent, sorted by messageKey. */
  readonly msgs: readonly MultiPaxosMessage[];
  /** The commands clients requested (c1..cK): every one is pending from the start, and a leader proposes each when it chooses. */
  readonly requested: readonly string[];
  /** The reads clients requested so far (r1, r2, ...), in order. */
  readonly reads: readonly ReadRequest[];
  /** Ghost: every vote ever cast, sorted. */
  readonly votes: readonly SlotVote[];
  /** Ghost: the ballots whose phase 1 completed, in order. */
  readonly elections: readonly { readonly ballot: Ballot; readonly afterLeaderCrash: boolean }[];
  /** Ghost: a node has crashed while it led. */
  readonly leaderCrashed: boolean;
  readonly crashes: number;
  readonly electionsStarted: number;
};

export const replaceNode = (nodes: readonly NodeState[], next: NodeState): readonly NodeState[] => nodes.map((n) => (n.id === next.id ? next : n));
export const answered = (n: NodeState, read: string): boolean => n.answers.some((a) => a.read === read);
export const nodeOf = (s: MultiPaxosState, id: string): NodeState => s.nodes.find((n) => n.id === id)!;

/** `list` with `item` in sorted position by `key`, replacing one with the same key. */
export function upsertBy<T>(list: readonly T[], item: T, key: (t: T) => number | string): readonly T[] {
  const k = key(item);
  const out = list.filter((x) => key(x) !== k);
  const at = out.findIndex((x) => key(x) > k);
  return at < 0 ? [...out, item] : [...out.slice(0, at), item, ...out.slice(at)];
}
