// What one scheme of seed 004 provides to the shared model (model.ts): its acceptor and
// proposer as pure handlers over their own states and messages. Everything else, the network,
// faults, invariants, liveness and descriptions, is the same for the three schemes.
import type { DerivationConfig } from "./config.ts";
import type { InFlight } from "./network.ts";

export type Node = { readonly id: string; readonly up: boolean };
/** What every scheme's proposer has: its client's value, what propose() returned, and "idle" when it waits for a call. */
export type ProposerCore = Node & { readonly input: string; readonly learned: string | null; readonly phase: string };

/** A handler's result: the node's new state (the same object when nothing changed) and what it sends. */
export type Step<T, M> = { readonly state: T; readonly send: readonly InFlight<M>[] };

/** A value an acceptor holds, in an epoch (scheme 1, which has none, uses epoch 0). */
export type Held = { readonly epoch: number; readonly value: string };

export interface Scheme<AS extends Node, PS extends ProposerCore, M> {
  /** The registered model's name. */
  readonly name: string;
  /** How the view names the ballot an acceptor's value was accepted in: `2.epoch`, `0.lock`. */
  readonly ballotName: string;
  initialAcceptor(id: string): AS;
  initialProposer(id: string, input: string): PS;
  /** The client calls propose(value) on an idle proposer. */
  propose(p: PS, acceptors: readonly string[]): Step<PS, M>;
  /** The proposer stops waiting for a reply, or null when it waits for none. */
  timeout(p: PS, acceptors: readonly string[]): Step<PS, M> | null;
  /** The proposer wakes from its sleep and calls again; null when it is not sleeping; "cut" when its next epoch is past the bound. */
  retry(p: PS, acceptors: readonly string[], config: DerivationConfig): Step<PS, M> | "cut" | null;
  /** Why the proposer's retry is cut off (called when retry answers "cut"). */
  cutReason(p: PS, config: DerivationConfig): string;
  onAcceptor(a: AS, m: M): Step<AS, M>;
  onProposer(p: PS, m: M, acceptors: readonly string[]): Step<PS, M>;
  /** The proposer after a crash: its volatile state gone. */
  crashed(p: PS): PS;
  /** What the acceptor has accepted, and the epoch it last granted (null: none). */
  held(a: AS): Held | null;
  granted(a: AS): number | null;
  /** The sender of a message. */
  sender(m: M): string;
  describeMessage(m: M): string;
  /** What changed in a node, one short line per change. */
  describeAcceptor(before: AS, after: AS): string[];
  describeProposer(before: PS, after: PS): string[];
}
