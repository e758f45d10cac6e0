// What the pure protocol steps ask the node shell to do: data in a closed union. The shell
// performs every `persist` of a step, waits until it is durable, and only then performs the
// `send`s (etcd's Ready: save HardState and Entries before Messages go out).
import type { Ballot, Message, NodeId, Value } from "../../protocol/messages.ts";

/** One durable fact, appended to the write-ahead log of the node that owns the key. */
export type WalRecord =
  | { readonly t: "promise"; readonly key: string; readonly ballot: Ballot }
  | { readonly t: "vote"; readonly key: string; readonly ballot: Ballot; readonly value: Value }
  | { readonly t: "round"; readonly key: string; readonly round: number };

export type Effect =
  | { readonly kind: "persist"; readonly record: WalRecord }
  | { readonly kind: "send"; readonly to: NodeId; readonly msg: Message }
  /** Arm a timer; when it fires the shell feeds `timeout(ballot)` back to the proposer. */
  | { readonly kind: "timer"; readonly ballot: Ballot; readonly reason: "round" | "backoff"; readonly attempt: number }
  /** The proposer's instance is over: the chosen value, or null for a read that found none. */
  | { readonly kind: "result"; readonly value: Value | null; readonly learnedIn?: Ballot };

export type Step<S> = { readonly state: S; readonly effects: readonly Effect[] };
