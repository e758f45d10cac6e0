// The contract between Synod and an implementation under test (a target), docs/targets.md.
// Synod owns the network: a target never delivers anything itself. Each call tells it one thing
// that happened to one node (a client's request, a timer, a message, a crash, a restart) and
// returns what that node sent and learned; Synod holds the messages and decides when, whether
// and how often each is delivered. A target must be deterministic for a given seed and call
// sequence: that is what makes a failure replay.
import type { NodeId, Value } from "../protocol/messages.ts";
import type { AcceptorState, CapabilitiesInput, Learned, MeaningInput, Roles } from "./vocabulary.ts";

/** A message in the target's own shape, with its sender and recipient. */
export type Envelope<M> = { readonly from: NodeId; readonly to: NodeId; readonly msg: M };

/** What one call did: messages sent (from the node the call was about), values learned. */
export type Effects<M> = { readonly sent?: readonly Envelope<M>[]; readonly learned?: readonly Learned[] };

type Maybe<T> = T | Promise<T>;

/** One cluster of the target, created fresh for every run. */
export interface TargetCluster<M> {
  /** The proposer's client asks it to propose `value`. */
  propose(proposer: NodeId, value: Value): Maybe<Effects<M>>;
  /** The proposer's timer fires: it may start a higher ballot. */
  timeout(proposer: NodeId): Maybe<Effects<M>>;
  /** `envelope.to` receives the message (Synod never delivers to a crashed node). */
  deliver(envelope: Envelope<M>): Maybe<Effects<M>>;
  /** The node stops: it loses what it did not make durable, and is called no more until restarted. */
  crash(node: NodeId): Maybe<Effects<M> | void>;
  /** The node starts again from what it made durable. */
  restart(node: NodeId): Maybe<Effects<M>>;
  /** White box, optional: an acceptor's promise and vote now. Without it Synod rebuilds them from the messages. */
  acceptorState?(acceptor: NodeId): Maybe<AcceptorState | { promised: unknown; accepted: unknown }>;
  /** Frees whatever the cluster holds (files, processes); called once at the end of every run. */
  close?(): Maybe<void>;
}

export interface Target<M = unknown> {
  /** A short name for reports. */
  readonly name: string;
  readonly capabilities: CapabilitiesInput;
  create(roles: Roles): Maybe<TargetCluster<M>>;
  /** What `msg` is in Paxos's words (target/vocabulary.ts). */
  meaning(msg: M): MeaningInput;
  /** One line for a person, shown beside the meaning. */
  describe?(msg: M): string;
  /** Frees what the target holds across runs (a process); called once when a stage is done with it. */
  dispose?(): Maybe<void>;
}

/** Identity for type inference: `export default defineTarget({ ... })` types the messages once. */
export function defineTarget<M>(target: Target<M>): Target<M> {
  return target;
}
