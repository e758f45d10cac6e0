// Liveness-only variants of Basic Paxos: each keeps every safety invariant (refusing, giving
// up and waiting never make two values chosen) and breaks "eventually chosen". The liveness
// check (synod check --liveness) catches them; the safety checks cannot. They live apart from the
// bug table of protocol/catalogue.ts, whose every unsafe entry is caught by a safety property
// and has an implementation side; these are judged on the model only.
import type { Variant } from "./variant.ts";

/**
 * Judged under seed 002's distinguished proposer p1, that times out only once its ballot is
 * stuck: there correct Paxos decides on every fair run, with one message lost (and, for phase 1,
 * one acceptor down as well).
 */
const leader = { proposers: 2, distinguished: true, stuckTimeouts: true, losses: 1, retries: 1 } as const;

export const livenessVariants: readonly Variant[] = [
  {
    name: "gives-up-after-nack",
    summary: "A proposer refused with a Nack abandons its proposal for good: two proposers that refuse each other both stop, and nothing is chosen.",
    safe: false,
    breaks: "eventually-chosen",
    config: { acceptors: 1, proposers: 2, nacks: true, retries: 1, losses: 0 },
    rules: { retryAfterNack: false },
  },
  {
    name: "no-retry-in-phase-2",
    summary: "A proposer never times out once it has sent its Accepts: one lost Accept leaves its ballot short of a quorum for ever.",
    safe: false,
    breaks: "eventually-chosen",
    config: leader,
    rules: { retryOnTimeout: (phase) => phase !== "accept" },
  },
  {
    name: "no-retry-in-phase-1",
    summary: "A proposer never times out while it waits for Promises: with one acceptor down and one Promise lost, it waits for ever.",
    safe: false,
    breaks: "eventually-chosen",
    config: { ...leader, acceptorCrashes: 1 },
    rules: { retryOnTimeout: (phase) => phase !== "prepare" },
  },
];
