// The bug catalogue of Basic Paxos, one table for the model and the implementation: classic
// mistakes, each at one decision point (decisions.ts), and look-alikes that seem wrong but are
// safe. Each entry says how the model has it and how the implementation has it, or why one side
// cannot; the model's catalogue (model/basic-paxos/catalogue.ts), the implementation's variants
// (harness/impl-variants.ts), the model-based catalogue (mbt/catalogue.ts) and docs/catalogue.md
// are derived from it, so a bug has one name everywhere. Pure data and pure rule functions.
import type { DecisionId } from "./decisions.ts";
import { compareBallots } from "./ballot.ts";
import { highestVote, lowestVote, type Rules } from "./rules.ts";

/**
 * Model config fields a bug sets (model/basic-paxos/config.ts validates them): the fault that is
 * the bug (`acceptorStateLoss`), or the bounds that let the checker reach it quickly.
 */
export type ModelConfigFields = { readonly [field: string]: number | boolean };

/** The names of the harness's storage wrappers that break a durability promise (harness/faulty-storage.ts). */
export const storageFaults = ["reply-before-sync", "vote-after-reply", "forget-rounds", "forget-acceptor-state"] as const;
export type StorageFault = (typeof storageFaults)[number];

/** Why a side has no counterpart: said once, printed in docs/catalogue.md. */
export type Absent = { readonly kind: "absent"; readonly reason: string };

/** The model's side: correct Paxos with these rules replaced, checked under this config. */
export type ModelPart = { readonly kind: "variant"; readonly rules: Partial<Rules>; readonly config?: ModelConfigFields } | Absent;

/**
 * The implementation's side: a node with these rules replaced; or a correct node on storage
 * behind a named fault; or a correct node with options a real deployment turns on (the TCP
 * store's proposer shortcuts, Nacks).
 */
export type ImplPart =
  | { readonly kind: "rules"; readonly rules: Partial<Rules> }
  | { readonly kind: "storage"; readonly fault: StorageFault }
  | { readonly kind: "options"; readonly shortcuts?: boolean; readonly nack?: boolean }
  | Absent;

export type Bug = {
  readonly name: string;
  readonly decision: DecisionId;
  readonly summary: string;
  /** A look-alike: it reads like a mistake and must pass every check. */
  readonly safe: boolean;
  /** The property whose violation catches it (unsafe bugs): on the model, else on the implementation. */
  readonly breaks?: string;
  readonly model: ModelPart;
  readonly impl: ImplPart;
};

const promiseAtOrAbove: Partial<Rules> = { promiseAllowed: (b, promised) => compareBallots(b, promised) >= 0 };
const acceptOnlyAbove: Partial<Rules> = { acceptAllowed: (b, promised) => compareBallots(b, promised) > 0 };
/** A read (input null) has no value of its own, so even this proposer takes a reported one. */
const ownValue: Partial<Rules> = { chooseValue: (input, promises) => input ?? highestVote(promises)?.value ?? null };
const lowestReported: Partial<Rules> = { chooseValue: (input, promises) => lowestVote(promises)?.value ?? input };
const floorHalf: Partial<Rules> = { quorum: (n) => Math.max(1, Math.floor(n / 2)) };
const perMessage: Partial<Rules> = { countBySender: false };
const acceptAny: Partial<Rules> = { acceptAllowed: () => true };
const acrossBallots: Partial<Rules> = { learnerSameBallot: false };
const ceilHalfPlus: Partial<Rules> = { quorum: (n) => Math.ceil((n + 1) / 2) };
const firstReported: Partial<Rules> = { chooseValue: (input, promises) => promises.find((p) => p.voted)?.voted?.value ?? input };
/** Recovery that rebuilds the promise from the vote record, losing a later, higher promise. */
const promiseFromVote: Partial<Rules> = { recoverAcceptor: (w) => ({ promised: w.accepted ? w.accepted.ballot : w.promised, accepted: w.accepted }) };
/** What an acceptor whose vote is written after its reply comes back with after a crash in between. */
const voteLost: Partial<Rules> = { recoverAcceptor: (w) => ({ promised: w.promised, accepted: null }) };
/** Accepts sent to every acceptor, as the real store sends them, to acceptors that do not promise what they accept. */
const acceptLeavesPromise: Partial<Rules> = { acceptRaisesPromise: false, acceptToPromisers: false };
const lastAfterSorting: Partial<Rules> = {
  chooseValue: (input, promises) => {
    const votes = promises.flatMap((p) => (p.voted ? [p.voted] : [])).sort((x, y) => compareBallots(x.ballot, y.ballot));
    return votes.at(-1)?.value ?? input;
  },
};

/** A proposer that leaves a gap of one round before each ballot it starts. */
const skipsOne: Partial<Rules> = { nextRound: (used, seen) => Math.max(used, seen) + 2 };
const table = [
  {
    name: "promise-off-by-one",
    decision: "promise-rule",
    summary: "An acceptor promises a ballot equal to its promise (>= instead of >), so a duplicated Prepare is answered after it voted in that ballot.",
    safe: false,
    breaks: "promise-reports-truthfully",
    model: { kind: "variant", rules: promiseAtOrAbove },
    impl: { kind: "rules", rules: promiseAtOrAbove },
  },
  {
    name: "accept-off-by-one",
    decision: "accept-rule",
    summary: "An acceptor accepts only above its promise (> instead of >=), so it refuses the very ballot it promised and nothing is ever chosen.",
    safe: false,
    breaks: "sometimes-value-chosen",
    model: { kind: "variant", rules: acceptOnlyAbove },
    impl: { kind: "rules", rules: acceptOnlyAbove },
  },
  {
    name: "ignore-reported-votes",
    decision: "value-choice",
    summary: "A proposer always proposes its own value, ignoring the votes reported in promises.",
    safe: false,
    breaks: "votes-are-safe",
    model: { kind: "variant", rules: ownValue },
    impl: { kind: "rules", rules: ownValue },
  },
  {
    name: "lowest-reported-vote",
    decision: "value-choice",
    summary: "A proposer takes the value of the lowest-ballot vote reported, not the highest.",
    safe: false,
    breaks: "votes-are-safe",
    model: { kind: "variant", rules: lowestReported, config: { proposers: 3 } },
    impl: { kind: "rules", rules: lowestReported },
  },
  {
    name: "first-reported-vote",
    decision: "value-choice",
    summary: "A proposer takes the value of the first Promise that reports a vote, not of the highest-ballot vote: wrong only when a quorum reports votes of different ballots.",
    safe: false,
    breaks: "votes-are-safe",
    model: { kind: "variant", rules: firstReported, config: { proposers: 3 } },
    impl: { kind: "rules", rules: firstReported },
  },
  {
    name: "quorum-n-over-2",
    decision: "quorum",
    summary: "A quorum is floor(n/2) acceptors, so two quorums need not intersect.",
    safe: false,
    breaks: "learned-is-chosen",
    model: { kind: "variant", rules: floorHalf },
    impl: { kind: "rules", rules: floorHalf },
  },
  {
    name: "duplicates-counted-twice",
    decision: "count-by-sender",
    summary: "Replies are counted per message, not per acceptor, so a duplicated Promise or Accepted counts twice toward a quorum.",
    safe: false,
    breaks: "learned-is-chosen",
    model: { kind: "variant", rules: perMessage },
    impl: { kind: "rules", rules: perMessage },
  },
  {
    name: "accept-without-promise-check",
    decision: "accept-rule",
    summary: "An acceptor accepts any Accept, whatever it promised.",
    safe: false,
    breaks: "promise-reports-truthfully",
    model: { kind: "variant", rules: acceptAny },
    impl: { kind: "rules", rules: acceptAny },
  },
  {
    name: "acceptor-state-lost",
    decision: "persist-before-send",
    summary: "An acceptor restarts with its promise and vote lost (state not durable).",
    safe: false,
    breaks: "promises-never-decrease",
    model: { kind: "variant", rules: {}, config: { acceptorCrashes: 1, acceptorStateLoss: true } },
    impl: { kind: "storage", fault: "forget-acceptor-state" },
  },
  {
    name: "reply-before-sync",
    decision: "persist-before-send",
    summary: "An acceptor replies before its promise or vote is written, so a crash in between loses what it already sent.",
    safe: false,
    breaks: "promises-never-decrease",
    model: { kind: "absent", reason: "The model's acceptor changes its state and sends its reply in one transition, so no crash falls between the write and the reply; acceptor-state-lost is the model's loss of acceptor state." },
    impl: { kind: "storage", fault: "reply-before-sync" },
  },
  {
    name: "vote-after-reply",
    decision: "persist-before-send",
    summary: "An acceptor writes its promise before replying but its vote only after the Accepted reply has left, so a crash in between loses a vote it announced.",
    safe: false,
    breaks: "promise-reports-truthfully",
    model: { kind: "variant", rules: voteLost, config: { acceptorCrashes: 1 } },
    impl: { kind: "storage", fault: "vote-after-reply" },
  },
  {
    name: "recovery-promise-from-vote",
    decision: "recovery",
    summary: "A restarted acceptor rebuilds its promise from its vote, so a higher promise made after the vote is forgotten: wrong only after a crash that follows a vote and a higher promise.",
    safe: false,
    breaks: "promises-never-decrease",
    model: { kind: "variant", rules: promiseFromVote, config: { acceptorCrashes: 1 } },
    impl: { kind: "rules", rules: promiseFromVote },
  },
  {
    name: "accept-keeps-promise",
    decision: "accept-promises",
    summary: "An acceptor votes without raising its promise to the ballot; invisible while Accepts go only to the promisers, wrong once they go to every acceptor, as the real store sends them.",
    safe: false,
    breaks: "vote-below-promise",
    model: { kind: "variant", rules: acceptLeavesPromise },
    impl: { kind: "rules", rules: acceptLeavesPromise },
  },
  {
    name: "ballot-reused-after-restart",
    decision: "round-after-restart",
    summary: "A proposer's round is not persisted, so after a restart it starts again from round 1 and reuses its ballots.",
    safe: false,
    breaks: "one-value-per-ballot",
    model: { kind: "variant", rules: { restartKeepsRound: false }, config: { proposerCrashes: 1 } },
    impl: { kind: "storage", fault: "forget-rounds" },
  },
  {
    name: "learner-mixes-ballots",
    decision: "learner-ballot",
    summary: "A learner adds up Accepted messages for the same value from different ballots.",
    safe: false,
    breaks: "learned-is-chosen",
    model: { kind: "variant", rules: acrossBallots, config: { retries: 1 } },
    impl: { kind: "rules", rules: acrossBallots },
  },
  {
    name: "accept-to-all-acceptors",
    decision: "accept-routing",
    summary: "Looks wrong, is safe: phase 2a sends the Accept to every acceptor, not only to those that promised.",
    safe: true,
    model: { kind: "variant", rules: { acceptToPromisers: false } },
    impl: { kind: "rules", rules: { acceptToPromisers: false } },
  },
  {
    name: "nack-instead-of-silence",
    decision: "refusal",
    summary: "Looks different, is safe: acceptors answer refused requests with a Nack, which proposers ignore.",
    safe: true,
    model: { kind: "variant", rules: {}, config: { nacks: true, duplication: false } },
    impl: { kind: "options", nack: true },
  },
  {
    name: "round-skips-one",
    decision: "next-round",
    summary: "Looks different, is safe: a proposer's next ballot skips a round (round + 2), so its ballots are not the model's but are ordered as the model's are.",
    safe: true,
    model: { kind: "absent", reason: "The model's proposer takes round + 1 by construction; a proposer that skips rounds is the model under an order-preserving renaming of ballots, so the model's catalogue has nothing to check." },
    impl: { kind: "rules", rules: skipsOne },
  },
  {
    name: "quorum-ceil-half-plus",
    decision: "quorum",
    summary: "Looks wrong, is safe: a quorum of ceil((n+1)/2) acceptors, the same majority written differently.",
    safe: true,
    model: { kind: "variant", rules: ceilHalfPlus },
    impl: { kind: "rules", rules: ceilHalfPlus },
  },
  {
    name: "highest-vote-by-sorting",
    decision: "value-choice",
    summary: "Looks different, is safe: the proposer sorts reported votes by ballot and takes the last, which is the highest.",
    safe: true,
    model: { kind: "variant", rules: lastAfterSorting },
    impl: { kind: "rules", rules: lastAfterSorting },
  },
  {
    name: "tcp-store-shortcuts",
    decision: "accept-routing",
    summary: "Looks different, is safe: the TCP store's proposer sends phase 2a to every acceptor and learns from a quorum of promises reporting one vote.",
    safe: true,
    model: { kind: "absent", reason: "The model has no rule for learning a value from promises; lockstep runs the model with acceptToPromisers off and judges this entry by the invariants on both sides." },
    impl: { kind: "options", shortcuts: true },
  },
] as const satisfies readonly Bug[];

/** Every bug and look-alike, in the order the catalogues list them. */
export const bugs: readonly Bug[] = table;

type Bugs = (typeof table)[number];
export type BugName = Bugs["name"];
/** The bugs the model has: the mutants of `synod check --mutant`. */
export type ModelBugName = Exclude<Bugs, { model: Absent }>["name"];
/** The bugs the implementation has as a variant of its node or its storage (`--variant`). */
export type ImplVariantName = Extract<Bugs, { impl: { kind: "rules" | "storage" } }>["name"];

export function findBug(name: string): Bug | undefined {
  return bugs.find((b) => b.name === name);
}
