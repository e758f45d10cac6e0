// The bug catalogue of the model: classic Paxos mistakes, each one rule away from correct
// Paxos, and look-alikes that seem wrong but are safe. Every unsafe variant must be caught
// (test/catalogue) and every safe one verified.
import type { Variant } from "./variant.ts";
import type { ModelConfig, ModelConfigInput } from "./config.ts";
import { compareBallots } from "../../protocol/ballot.ts";
import { parseModelConfig } from "./config.ts";

/**
 * The small configuration the catalogue is checked under (each variant's own `config` is
 * merged over it): no retries and no losses keep each run to seconds; the variants that need
 * a third ballot or a crash ask for it.
 */
export const catalogueBase = { losses: 0, retries: 0 } as const;

export const catalogue: readonly Variant[] = [
  {
    name: "promise-off-by-one",
    summary: "An acceptor promises a ballot equal to its promise (>= instead of >), so a duplicated Prepare is answered after it voted in that ballot.",
    safe: false,
    breaks: "promise-reports-truthfully",
    rules: { promiseAllowed: (b, promised) => compareBallots(b, promised) >= 0 },
  },
  {
    name: "accept-off-by-one",
    summary: "An acceptor accepts only above its promise (> instead of >=), so it refuses the very ballot it promised and nothing is ever chosen.",
    safe: false,
    breaks: "sometimes-value-chosen",
    rules: { acceptAllowed: (b, promised) => compareBallots(b, promised) > 0 },
  },
  {
    name: "ignore-reported-votes",
    summary: "A proposer always proposes its own value, ignoring the votes reported in promises.",
    safe: false,
    breaks: "votes-are-safe",
    rules: { chooseValue: (input) => input },
  },
  {
    name: "lowest-reported-vote",
    summary: "A proposer takes the value of the lowest-ballot vote reported, not the highest.",
    safe: false,
    breaks: "votes-are-safe",
    config: { proposers: 3 },
    rules: {
      chooseValue: (input, promises) => {
        let low: (typeof promises)[number]["voted"] = null;
        for (const p of promises) if (p.voted && (low === null || compareBallots(p.voted.ballot, low.ballot) < 0)) low = p.voted;
        return low?.value ?? input;
      },
    },
  },
  {
    name: "quorum-n-over-2",
    summary: "A quorum is floor(n/2) acceptors, so two quorums need not intersect.",
    safe: false,
    breaks: "learned-is-chosen",
    rules: { quorum: (n) => Math.floor(n / 2) },
  },
  {
    name: "duplicates-counted-twice",
    summary: "Replies are counted per message, not per acceptor, so a duplicated Promise or Accepted counts twice toward a quorum.",
    safe: false,
    breaks: "learned-is-chosen",
    rules: { countBySender: false },
  },
  {
    name: "accept-without-promise-check",
    summary: "An acceptor accepts any Accept, whatever it promised.",
    safe: false,
    breaks: "promise-reports-truthfully",
    rules: { acceptAllowed: () => true },
  },
  {
    name: "acceptor-state-lost",
    summary: "An acceptor restarts with its promise and vote lost (state not durable).",
    safe: false,
    breaks: "promises-never-decrease",
    config: { acceptorCrashes: 1, acceptorStateLoss: true },
    rules: {},
  },
  {
    name: "ballot-reused-after-restart",
    summary: "A proposer's round is not persisted, so after a restart it starts again from round 1 and reuses its ballots.",
    safe: false,
    breaks: "one-value-per-ballot",
    config: { proposerCrashes: 1 },
    rules: { restartKeepsRound: false },
  },
  {
    name: "learner-mixes-ballots",
    summary: "A learner adds up Accepted messages for the same value from different ballots.",
    safe: false,
    breaks: "learned-is-chosen",
    config: { retries: 1 },
    rules: { learnerSameBallot: false },
  },
  {
    name: "accept-to-all-acceptors",
    summary: "Looks wrong, is safe: phase 2a sends the Accept to every acceptor, not only to those that promised.",
    safe: true,
    rules: { acceptToPromisers: false },
  },
  {
    name: "nack-instead-of-silence",
    summary: "Looks different, is safe: acceptors answer refused requests with a Nack, which proposers ignore.",
    safe: true,
    config: { nacks: true, duplication: false },
    rules: {},
  },
  {
    name: "quorum-ceil-half-plus",
    summary: "Looks wrong, is safe: a quorum of ceil((n+1)/2) acceptors, the same majority written differently.",
    safe: true,
    rules: { quorum: (n) => Math.ceil((n + 1) / 2) },
  },
  {
    name: "highest-vote-by-sorting",
    summary: "Looks different, is safe: the proposer sorts reported votes by ballot and takes the last, which is the highest.",
    safe: true,
    rules: {
      chooseValue: (input, promises) => {
        const votes = promises.flatMap((p) => (p.voted ? [p.voted] : [])).sort((x, y) => compareBallots(x.ballot, y.ballot));
        return votes.at(-1)?.value ?? input;
      },
    },
  },
];

/** The bounds a variant is checked under: the catalogue's base with the variant's own on top. */
export function variantConfigInput(variant: Variant): ModelConfigInput {
  return { ...catalogueBase, ...variant.config };
}

export function variantConfig(variant: Variant): ModelConfig {
  return parseModelConfig(variantConfigInput(variant));
}

export function findVariant(name: string): Variant | undefined {
  return catalogue.find((v) => v.name === name);
}
