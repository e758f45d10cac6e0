// The named broken variants of impl/ (the implementation's bug catalogue): each replaces one
// decision rule of protocol/rules.ts, or wraps the node's storage so that a durability promise
// is broken (harness/faulty-storage.ts). A variant is chosen by name in tests and on the CLI;
// impl/ itself carries no bug switch. "correct" is Paxos Made Simple; variants marked `safe`
// are look-alikes that must pass every check, the others must be caught.
import { z } from "zod";
import { compareBallots } from "../protocol/ballot.ts";
import { correctRules, highestVote, lowestVote, type Rules } from "../protocol/rules.ts";
import type { Storage } from "../impl/ports/storage.ts";
import { ForgetRoundsStorage, ReplyBeforeSyncStorage } from "./faulty-storage.ts";

type StorageFault = "reply-before-sync" | "forget-rounds";
type ImplVariant = { readonly summary: string; readonly safe?: boolean; readonly rules?: Partial<Rules>; readonly storage?: StorageFault };

export const variants = {
  correct: { summary: "Basic Paxos as in Paxos Made Simple.", safe: true },
  "promise-off-by-one": {
    summary: "An acceptor promises a ballot equal to the one it promised (>= instead of >).",
    rules: { promiseAllowed: (b, promised) => compareBallots(b, promised) >= 0 },
  },
  "accept-without-promise-check": {
    summary: "An acceptor accepts in any ballot, whatever it promised.",
    rules: { acceptAllowed: () => true },
  },
  "ignore-reported-votes": {
    summary: "A proposer proposes its own value even when promises report votes.",
    rules: { chooseValue: (input, promises) => input ?? highestVote(promises)?.value ?? null },
  },
  "take-lowest-vote": {
    summary: "A proposer adopts the lowest-ballot vote reported instead of the highest.",
    rules: { chooseValue: (input, promises) => lowestVote(promises)?.value ?? input },
  },
  "quorum-n-over-2": {
    summary: "A quorum is floor(n/2) acceptors, so two quorums need not intersect.",
    rules: { quorum: (n: number) => Math.max(1, Math.floor(n / 2)) },
  },
  "count-duplicates": {
    summary: "A duplicated Promise or Accepted from one acceptor is counted twice.",
    rules: { countBySender: false },
  },
  "reply-before-sync": {
    summary: "An acceptor replies before its promise or vote is written; a crash loses it.",
    storage: "reply-before-sync",
  },
  "ballot-reused-after-restart": {
    summary: "A proposer's round is not kept across restarts, so it reuses its ballots.",
    storage: "forget-rounds",
  },
  "learner-mixes-ballots": {
    summary: "A learner counts Accepted messages for a value across different ballots.",
    rules: { learnerSameBallot: false },
  },
  // Safe look-alikes: they read like mistakes and are not. The model-based tests must pass them.
  "quorum-ceil-half-plus": {
    summary: "Looks wrong, is safe: a quorum of ceil((n+1)/2) acceptors, the same majority written differently.",
    safe: true,
    rules: { quorum: (n: number) => Math.ceil((n + 1) / 2) },
  },
  "highest-vote-by-sorting": {
    summary: "Looks different, is safe: the proposer sorts the reported votes by ballot and takes the last, which is the highest.",
    safe: true,
    rules: {
      chooseValue: (input, promises) => {
        const votes = promises.flatMap((p) => (p.voted ? [p.voted] : [])).sort((x, y) => compareBallots(x.ballot, y.ballot));
        return votes.at(-1)?.value ?? input;
      },
    },
  },
} satisfies Record<string, ImplVariant>;

export type VariantName = keyof typeof variants;
export const variantNames = Object.keys(variants) as VariantName[];
export const VariantName = z.enum(variantNames as [VariantName, ...VariantName[]], {
  error: () => `variant must be one of: ${variantNames.join(", ")}`,
});

function variant(name: VariantName): ImplVariant {
  return variants[name];
}

/** Whether a variant is safe (correct Paxos, or a look-alike that only seems broken). */
export function isSafeVariant(name: VariantName): boolean {
  return variant(name).safe === true;
}

/** The decision rules a node of this variant runs with. */
export function rulesFor(name: VariantName = "correct"): Rules {
  return { ...correctRules, ...variant(name).rules };
}

/** The storage a node of this variant runs on: `inner`, or `inner` behind a fault. */
export function storageFor(name: VariantName, inner: Storage): Storage {
  switch (variant(name).storage) {
    case "reply-before-sync":
      return new ReplyBeforeSyncStorage(inner);
    case "forget-rounds":
      return new ForgetRoundsStorage(inner);
    case undefined:
      return inner;
  }
}
