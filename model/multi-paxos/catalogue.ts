// The Multi-Paxos bug catalogue: classic mistakes of a leader, an acceptor or a replica, each as
// correct Multi-Paxos with one rule replaced (rules.ts) or a fault switched on, and safe
// look-alikes that must pass. Every unsafe variant names the property that catches it; each is
// checked under its own small bounds (test/multi-paxos/catalogue.test.ts pins its shortest
// counterexample).
import type { VariantInfo } from "../../checker/definition.ts";
import { compareBallots } from "../../protocol/ballot.ts";
import type { MultiPaxosRules } from "./rules.ts";

export type MultiPaxosVariant = VariantInfo & {
  readonly rules: Partial<MultiPaxosRules>;
  /** A safe look-alike's state budget, where the default one is too small to catch its near misses. */
  readonly states?: number;
  /**
   * The unsafe entries a safe look-alike is one check away from: its budget must hold the states
   * BFS needs to catch each, or its pass would say nothing (catalogue.deep.test.ts).
   */
  readonly nearMisses?: readonly string[];
};

/** The read entries' bounds: one read, and one command for it to miss. */
const readsConfig = { reads: 1, commands: 1 } as const;

export const multiPaxosCatalogue: readonly MultiPaxosVariant[] = [
  {
    name: "skip-phase-1",
    summary: "A new leader proposes in the slots it believes free as soon as it starts its ballot, before phase 1 has told it what a quorum voted there.",
    safe: false,
    breaks: "one-command-per-slot",
    rules: { proposeAfterPhase1: false },
  },
  {
    name: "ignore-reported-votes",
    summary: "A new leader treats every slot as free after phase 1, ignoring the votes the promises report.",
    safe: false,
    breaks: "leader-completeness",
    rules: { adoptReported: false },
  },
  {
    name: "lowest-reported-vote",
    summary: "A new leader adopts, per slot, the command of the lowest-ballot vote reported, not the highest.",
    safe: false,
    breaks: "leader-completeness",
    // Wrong only when one slot's promises report votes of two ballots, which a third ballot's
    // phase 1 needs: under two phase 1 starts the second leader sees votes of the first ballot
    // alone, and the variant is correct Multi-Paxos there.
    config: { leaders: 3, elections: 3 },
    rules: { adoptVote: (kept, reported) => (compareBallots(reported.ballot, kept.ballot) < 0 ? reported : kept) },
  },
  {
    name: "deposed-leader-counts-refusals",
    summary: "A deposed leader counts an Accepted reply carrying a higher promise as a vote for its old ballot, and decides without a quorum.",
    safe: false,
    breaks: "decided-is-chosen",
    rules: { countsAsVote: (promised, ballot) => compareBallots(promised, ballot) >= 0 },
  },
  {
    name: "apply-out-of-order",
    summary: "A replica applies a slot as soon as it learns it is decided, before the slots below it.",
    safe: false,
    breaks: "applied-prefixes-agree",
    rules: { applyInOrder: false },
  },
  {
    name: "retry-executed-twice",
    summary: "A leader proposes a retried request again in a new slot, and the replica applies every decided slot without skipping commands it already ran.",
    safe: false,
    breaks: "applied-once",
    rules: { proposeOnce: false, applyOnce: false },
  },
  {
    name: "accept-below-promise",
    summary: "An acceptor accepts an Accept of a ballot below its promise (the promise check forgotten in phase 2b).",
    safe: false,
    breaks: "leader-completeness",
    rules: { acceptAllowed: () => true },
  },
  {
    name: "quorum-n-over-2",
    summary: "A leader counts floor(n/2) promises or votes as a quorum: one of three.",
    safe: false,
    breaks: "leader-completeness",
    rules: { quorum: (n) => Math.floor(n / 2) },
  },
  {
    name: "acceptor-state-lost",
    summary: "A node restarts with its acceptor's promise and votes lost (state not on stable storage).",
    safe: false,
    breaks: "leader-completeness",
    config: { acceptorStateLoss: true, crashes: 1 },
    rules: {},
  },
  {
    name: "gap-kept-for-next-request",
    summary: "A new leader fills a gap with the id the next client request will have, keeping the slot for it, instead of a no-op.",
    safe: false,
    breaks: "log-validity",
    rules: { gapFill: "next-request-id" },
  },
  {
    name: "stale-read",
    summary: "A leader answers a client's read from its own replica's state without a quorum's confirmation or a lease: a newer leader may have decided and applied commands it has not heard of.",
    safe: false,
    breaks: "reads-are-fresh",
    config: readsConfig,
    rules: { readPath: "leader-state", leaderReadConfirmed: false },
  },
  {
    name: "read-before-catching-up",
    summary: "A leader answers a read from its own replica's state once a quorum confirmed its ballot, but before its replica applied the commands phase 1 gave it: a new leader holds them in its log, not yet in its state.",
    safe: false,
    breaks: "reads-are-fresh",
    config: readsConfig,
    rules: { readPath: "leader-state", leaderReadCaughtUp: false },
  },
  {
    name: "retry-proposed-again",
    summary: "A leader proposes a retried request again in a new slot; the replica skips it the second time, so it runs once.",
    safe: true,
    rules: { proposeOnce: false },
  },
  {
    name: "gap-filled-with-request",
    summary: "A new leader fills a gap with a pending client request instead of a no-op: nothing was chosen there, and a replica skips a command it already ran.",
    safe: true,
    rules: { gapFill: "pending-request" },
  },
  {
    name: "read-after-quorum-confirmation",
    summary:
      "A leader answers a read from its own replica's state too, but only once a quorum confirmed, after the read was requested, that none promised a ballot above its own, and its replica applied every slot of its log (Raft's ReadIndex): no newer leader can have decided anything, and it holds everything chosen before.",
    safe: true,
    config: readsConfig,
    rules: { readPath: "leader-state" },
    states: 100_000,
    nearMisses: ["stale-read", "read-before-catching-up"],
  },
];

/**
 * The configuration the catalogue is checked under, each variant's own merged over it: the
 * default bounds without crashes, which only the variants about restarts ask for.
 */
export const multiPaxosCatalogueBase = { crashes: 0 } as const;

export const variantConfigInput = (v: MultiPaxosVariant): Record<string, unknown> => ({ ...multiPaxosCatalogueBase, ...v.config });

export function findMultiPaxosVariant(name: string): MultiPaxosVariant | undefined {
  return multiPaxosCatalogue.find((v) => v.name === name);
}
