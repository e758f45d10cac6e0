// The decisions an implementation of Paxos can get wrong, as replaceable rules, and the named
// broken variants of impl/ (the implementation bug catalogue). A variant is chosen by name
// through the `variant` option of a node, a SimCluster or `synod serve --variant`, so tests
// switch it on without editing code. "correct" is Paxos Made Simple; variants marked `safe`
// are look-alikes that must pass every check, the others must be caught.
import { z } from "zod";
import type { Ballot, Value, Vote } from "../protocol/messages.ts";
import { compareBallots } from "../protocol/ballot.ts";

export type ReportedVote = { readonly from: string; readonly voted: Vote | null };

export type ImplRules = {
  /** Acceptor: promise `b` only when it is above the ballot already promised. */
  mayPromise(b: Ballot, promised: Ballot | null): boolean;
  /** Acceptor: accept in `b` unless a higher ballot was promised. */
  mayAccept(b: Ballot, promised: Ballot | null): boolean;
  /** Proposer: the value for phase 2a, from the promises of a quorum (null input = a read). */
  pickValue(input: Value | null, promises: readonly ReportedVote[]): Value | null;
  /** How many distinct acceptors make a quorum out of `n`. */
  quorum(n: number): number;
  /** A second reply from the same acceptor is not counted again. */
  dedupeBySender: boolean;
  /** The node persists before it sends (false: it replies first and writes later). */
  persistBeforeSend: boolean;
  /** A proposer's round survives a restart (false: it starts again from round 0). */
  durableRound: boolean;
  /** The learner counts Accepted messages of one ballot at a time. */
  learnPerBallot: boolean;
};

function highest(promises: readonly ReportedVote[], better: (c: number) => boolean): Vote | null {
  let best: Vote | null = null;
  for (const p of promises) if (p.voted && (best === null || better(compareBallots(p.voted.ballot, best.ballot)))) best = p.voted;
  return best;
}

export const correctRules: ImplRules = {
  mayPromise: (b, promised) => compareBallots(b, promised) > 0,
  mayAccept: (b, promised) => compareBallots(b, promised) >= 0,
  pickValue: (input, promises) => highest(promises, (c) => c > 0)?.value ?? input,
  quorum: (n) => Math.floor(n / 2) + 1,
  dedupeBySender: true,
  persistBeforeSend: true,
  durableRound: true,
  learnPerBallot: true,
};

export const variants = {
  correct: { summary: "Basic Paxos as in Paxos Made Simple.", safe: true, rules: {} },
  "promise-off-by-one": {
    summary: "An acceptor promises a ballot equal to the one it promised (>= instead of >).",
    rules: { mayPromise: (b, promised) => compareBallots(b, promised) >= 0 },
  },
  "accept-without-promise-check": {
    summary: "An acceptor accepts in any ballot, whatever it promised.",
    rules: { mayAccept: () => true },
  },
  "ignore-reported-votes": {
    summary: "A proposer proposes its own value even when promises report votes.",
    rules: { pickValue: (input, promises) => input ?? highest(promises, (c) => c > 0)?.value ?? null },
  },
  "take-lowest-vote": {
    summary: "A proposer adopts the lowest-ballot vote reported instead of the highest.",
    rules: { pickValue: (input, promises) => highest(promises, (c) => c < 0)?.value ?? input },
  },
  "quorum-n-over-2": {
    summary: "A quorum is floor(n/2) acceptors, so two quorums need not intersect.",
    rules: { quorum: (n: number) => Math.max(1, Math.floor(n / 2)) },
  },
  "count-duplicates": {
    summary: "A duplicated Promise or Accepted from one acceptor is counted twice.",
    rules: { dedupeBySender: false },
  },
  "reply-before-sync": {
    summary: "An acceptor replies before its promise or vote is written; a crash loses it.",
    rules: { persistBeforeSend: false },
  },
  "ballot-reused-after-restart": {
    summary: "A proposer's round is not kept across restarts, so it reuses its ballots.",
    rules: { durableRound: false },
  },
  "learner-mixes-ballots": {
    summary: "A learner counts Accepted messages for a value across different ballots.",
    rules: { learnPerBallot: false },
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
      pickValue: (input, promises) => {
        const votes = promises.flatMap((p) => (p.voted ? [p.voted] : [])).sort((x, y) => compareBallots(x.ballot, y.ballot));
        return votes.at(-1)?.value ?? input;
      },
    },
  },
} satisfies Record<string, { summary: string; safe?: boolean; rules: Partial<ImplRules> }>;

export type VariantName = keyof typeof variants;
export const variantNames = Object.keys(variants) as VariantName[];
export const VariantName = z.enum(variantNames as [VariantName, ...VariantName[]], {
  error: () => `variant must be one of: ${variantNames.join(", ")}`,
});

/** Whether a variant is safe (correct Paxos, or a look-alike that only seems broken). */
export function isSafeVariant(name: VariantName): boolean {
  const v = variants[name];
  return "safe" in v && v.safe === true;
}

export function rulesFor(name: VariantName = "correct"): ImplRules {
  return { ...correctRules, ...variants[name].rules };
}
