// The verified envelope: what `synod verify` explores, item by item, and the check and witness
// that show each item is reached. docs/ci.md states it from here; the model-check stage prints
// it; a configuration that does not reach its witness fails its check (witnesses are required).
import type { ModelConfigInput } from "../../model/basic-paxos/config.ts";
import type { CheckJob } from "./check-job.ts";

export type EnvelopeItem = {
  readonly item: string;
  /** The verify check that explores it: a job of the model-check stage or a catalogue variant. */
  readonly check: string;
  /** The witness that must be reached there, or "" where the item is a bound of the configuration itself. */
  readonly witness: string;
  /** Model branches that check must take at least once (for items that are steps, not states). */
  readonly branches?: readonly string[];
  /** Where the implementation is run in it (model-based testing, conformance). */
  readonly implementation: string;
};

/** The extra configurations of the model-check stage, beside the default. */
export const envelopeJobs: readonly (CheckJob & { readonly title: string; readonly config: ModelConfigInput })[] = [
  { id: "three-proposers", title: "three proposers", config: { proposers: 3, retries: 0, losses: 0 }, symmetry: true, cost: 5 },
  // Two proposers' ballots are enough for a vote, a higher promise and then the crash.
  { id: "acceptor-crash", title: "an acceptor crash and restart", config: { acceptorCrashes: 1, losses: 0, retries: 0 }, symmetry: true, cost: 1 },
];

export const envelope: readonly EnvelopeItem[] = [
  { item: "2 proposers, votes of different ballots in one quorum", check: "model-check: default configuration", witness: "sometimes-promises-report-votes-of-two-ballots", implementation: "model-based: correct (memory, file)" },
  { item: "3 proposers, votes of different ballots in one quorum", check: "model-check: three proposers", witness: "sometimes-promises-report-votes-of-two-ballots", implementation: "model-based: correct, three proposers" },
  { item: "acceptor crash and restart after a vote and a higher promise", check: "model-check: an acceptor crash and restart", witness: "sometimes-acceptor-down-after-voting-and-promising-higher", implementation: "model-based: correct (memory, file), correct, acceptor crash" },
  { item: "Accept sent to every acceptor, not only the promisers", check: "catalogue: accept-to-all-acceptors", witness: "sometimes-acceptor-votes-without-promising", implementation: "model-based: accept-to-all-acceptors, tcp-store-shortcuts; conformance: Accept to every acceptor" },
  { item: "Nacks instead of silence", check: "catalogue: nack-instead-of-silence", witness: "", branches: ["deliver prepare: nack", "deliver accept: nack"], implementation: "model-based: nack-instead-of-silence; conformance" },
  { item: "message loss and duplication", check: "model-check: default configuration", witness: "", branches: ["lose", "deliver accept: duplicate"], implementation: "model-based: correct (memory, file); conformance" },
];

/**
 * Small configurations explored by both encodings of Basic Paxos, the object model and the packed
 * one `synod check` runs: their counts, depth, verdict and witnesses must agree, so an edit to one
 * encoding alone fails verify.
 */
export const encodingPairs: readonly { readonly id: string; readonly title: string; readonly config: ModelConfigInput }[] = [
  { id: "no-duplication", title: "no duplication", config: { losses: 0, duplication: false, retries: 0 } },
  { id: "crashes", title: "crashes", config: { acceptors: 2, acceptorCrashes: 1, proposerCrashes: 1, losses: 0, retries: 0 } },
  { id: "retry", title: "a retry", config: { acceptors: 2, retries: 1, losses: 0 } },
  // A proposer crash, so that a Nack can wait for a proposer that is down (and is delivered only once it is up).
  { id: "nacks", title: "Nacks, a loss, a proposer crash, no duplication", config: { acceptors: 2, retries: 0, losses: 1, nacks: true, duplication: false, proposerCrashes: 1 } },
  // Without duplication a delivery that changes nothing still takes its message, under a branch
  // saying why: only a retry leaves stale Promises and Accepteds for it to name.
  { id: "retry-no-duplication", title: "a retry, no duplication", config: { acceptors: 2, proposers: 1, retries: 1, losses: 0, duplication: false } },
  { id: "nacks-duplication", title: "Nacks, a retry, duplication", config: { acceptors: 1, proposers: 2, retries: 1, losses: 0, nacks: true } },
];

/** The item's row of docs/ci.md's envelope table, which a test keeps equal to this file. */
export function envelopeRow(e: EnvelopeItem): string {
  const code = (xs: readonly string[]) => xs.map((x) => `\`${x}\``).join(", ");
  const must = [...(e.witness ? [`witness ${code([e.witness])}`] : []), ...(e.branches ? [`branches ${code(e.branches)}`] : [])].join("; ");
  return `| ${e.item} | ${e.check} | ${must} | ${e.implementation} |`;
}
