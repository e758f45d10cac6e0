// The state of the Basic Paxos model: every role's state, the network and the ghost
// history. States are plain immutable data, built only through the constructors here so
// that key order and array order are canonical (the fingerprint relies on it).
import type { Ballot, Message, NodeId, Value, Vote } from "../../protocol/messages.ts";
import type { ModelConfig } from "./config.ts";
import type { ReportedVote } from "../../protocol/rules.ts";
import { acceptorIds, inputValue, proposerIds } from "./config.ts";

export type AcceptorState = {
  readonly id: NodeId;
  /** Highest ballot promised (maxBal); durable. */
  readonly promised: Ballot | null;
  /** Highest vote cast (maxVBal, maxVal); durable. */
  readonly accepted: Vote | null;
  readonly up: boolean;
};

/** A reply counted toward a quorum, by sender. */
export type PromiseReceived = ReportedVote;
/** An Accepted a proposer received, in its role of learner. */
export type AcceptedReceived = { readonly from: NodeId; readonly ballot: Ballot; readonly value: Value };

export type ProposerPhase = "idle" | "prepare" | "accept";

export type ProposerState = {
  readonly id: NodeId;
  /** The value its client asked it to propose. */
  readonly input: Value;
  readonly up: boolean;
  /** Highest round it has started; durable, so a restarted proposer never reuses a ballot. */
  readonly round: number;
  readonly phase: ProposerPhase;
  /** Promises for the current ballot (volatile). */
  readonly promises: readonly PromiseReceived[];
  /** Value sent in Accept for the current ballot, once phase 2 started (volatile). */
  readonly proposal: Value | null;
  /** Learner state: Accepted messages received (volatile). */
  readonly acks: readonly AcceptedReceived[];
  /** Learner state: the value it learned (volatile). */
  readonly learned: Value | null;
  /** Set only by a liveness variant's proposer that abandoned its proposal for good (retry.ts). */
  readonly gaveUp?: true;
};

/** A message in flight to `to`. */
export type InFlight = { readonly to: NodeId; readonly msg: Message };

export type Ghost = {
  readonly votes: readonly { readonly acceptor: NodeId; readonly ballot: Ballot; readonly value: Value }[];
  readonly promises: readonly { readonly acceptor: NodeId; readonly ballot: Ballot; readonly voted: Vote | null }[];
  readonly proposals: readonly { readonly ballot: Ballot; readonly value: Value }[];
};

export type PaxosState = {
  readonly acceptors: readonly AcceptorState[];
  readonly proposers: readonly ProposerState[];
  /** In flight, sorted by `inFlightKey`. */
  readonly network: readonly InFlight[];
  readonly proposerCrashes: number;
  readonly acceptorCrashes: number;
  readonly losses: number;
  readonly retries: number;
  readonly ghost: Ghost;
};

export function initialState(config: ModelConfig): PaxosState {
  return {
    acceptors: acceptorIds(config).map((id) => ({ id, promised: null, accepted: null, up: true })),
    proposers: proposerIds(config).map((id, i) => ({
      id,
      input: inputValue(i),
      up: true,
      round: 0,
      phase: "idle" as const,
      promises: [],
      proposal: null,
      acks: [],
      learned: null,
    })),
    network: [],
    proposerCrashes: 0,
    acceptorCrashes: 0,
    losses: 0,
    retries: 0,
    ghost: { votes: [], promises: [], proposals: [] },
  };
}

/** Inserts `item` into a sorted array by `key`, keeping it sorted; skips an equal key when `unique`. */
export function insertSorted<T>(items: readonly T[], item: T, key: (t: T) => string, unique: boolean): readonly T[] {
  const k = key(item);
  let i = 0;
  while (i < items.length && key(items[i]!) < k) i++;
  if (unique && i < items.length && key(items[i]!) === k) return items;
  return [...items.slice(0, i), item, ...items.slice(i)];
}

export function acceptorOf(s: PaxosState, id: NodeId): AcceptorState {
  return s.acceptors.find((a) => a.id === id)!;
}
export function proposerOf(s: PaxosState, id: NodeId): ProposerState {
  return s.proposers.find((p) => p.id === id)!;
}
/** The state with acceptor `a` replaced; the very same state when `a` is already in it. */
export function withAcceptor(s: PaxosState, a: AcceptorState): PaxosState {
  if (s.acceptors.includes(a)) return s;
  return { ...s, acceptors: s.acceptors.map((x) => (x.id === a.id ? a : x)) };
}
/** The state with proposer `p` replaced; the very same state when `p` is already in it. */
export function withProposer(s: PaxosState, p: ProposerState): PaxosState {
  if (s.proposers.includes(p)) return s;
  return { ...s, proposers: s.proposers.map((x) => (x.id === p.id ? p : x)) };
}
