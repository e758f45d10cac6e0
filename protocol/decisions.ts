// The decision points of Basic Paxos: each place where an implementation can get Paxos Made
// Simple wrong, with the sentence of the paper it implements and how the model and the
// implementation realise it. The bug catalogue (catalogue.ts) names a decision for every bug, so
// a bug of the model and a bug of the implementation that break the same sentence sit side by
// side. Pure data: docs/catalogue.md prints it, test/protocol checks it against the code's Rules.
import type { Rules } from "./rules.ts";

/**
 * How a decision is made replaceable. A rule is a field of protocol/rules.ts that model and
 * implementation both ask; storage is what survives a crash, which no rule can decide (the
 * model's state is durable by construction, the implementation's is its storage's); config is a
 * switch of the environment both sides run under.
 */
export type Mechanism =
  | { readonly kind: "rule"; readonly field: keyof Rules }
  | { readonly kind: "storage" }
  | { readonly kind: "config"; readonly field: string };

export type Decision = {
  readonly id: string;
  readonly title: string;
  /** The sentence of Paxos Made Simple the decision implements, quoted. */
  readonly sentence: string;
  /** Its section in Paxos Made Simple. */
  readonly section: string;
  readonly mechanism: Mechanism;
  /** How the model realises it (model/basic-paxos/). */
  readonly model: string;
  /** How the implementation realises it (impl/). */
  readonly impl: string;
};

export const decisions = [
  {
    id: "promise-rule",
    title: "Promise rule",
    sentence: "If an acceptor receives a prepare request with number n greater than that of any prepare request to which it has already responded, then it responds to the request with a promise not to accept any more proposals numbered less than n and with the highest-numbered proposal (if any) that it has accepted.",
    section: "2.2, Phase 1(b)",
    mechanism: { kind: "rule", field: "promiseAllowed" },
    model: "steps/phase-1b.ts onPrepare promises when `promiseAllowed(b, promised)`: b above the promise.",
    impl: "core/acceptor.ts onPrepare asks the same `promiseAllowed(b, promised)`.",
  },
  {
    id: "accept-rule",
    title: "Accept rule",
    sentence: "If an acceptor receives an accept request for a proposal numbered n, it accepts the proposal unless it has already responded to a prepare request having a number greater than n.",
    section: "2.2, Phase 2(b)",
    mechanism: { kind: "rule", field: "acceptAllowed" },
    model: "steps/phase-2b.ts onAccept votes when `acceptAllowed(b, promised)`: b at or above the promise.",
    impl: "core/acceptor.ts onAccept asks the same `acceptAllowed(b, promised)`.",
  },
  {
    id: "value-choice",
    title: "Value choice",
    sentence: "If the proposer receives a response to its prepare requests (numbered n) from a majority of acceptors, then it sends an accept request to each of those acceptors for a proposal numbered n with a value v, where v is the value of the highest-numbered proposal among the responses, or is any value if the responses reported no proposals.",
    section: "2.2, Phase 2(a)",
    mechanism: { kind: "rule", field: "chooseValue" },
    model: "steps/phase-2a.ts onPromise proposes `chooseValue(input, promises)`: the highest-ballot vote reported, else its own value.",
    impl: "core/proposer.ts onPromise proposes the same `chooseValue(input, promises)`; a read (input null) proposes only a reported value.",
  },
  {
    id: "quorum",
    title: "Quorum",
    sentence: "To ensure that only a single value is chosen, we can let a large enough set consist of any majority of the agents.",
    section: "2.2",
    mechanism: { kind: "rule", field: "quorum" },
    model: "steps/phase-2a.ts and steps/learn.ts count up to `quorum(acceptors)`: a majority.",
    impl: "node.ts takes `quorum(acceptors)` once for its proposer and learner.",
  },
  {
    id: "count-by-sender",
    title: "Counting by sender",
    sentence: "A value is chosen when a single proposal with that value has been accepted by a majority of the acceptors.",
    section: "2.2",
    mechanism: { kind: "rule", field: "countBySender" },
    model: "With `countBySender`, steps/phase-2a.ts and steps/learn.ts count a Promise or Accepted once per acceptor, however often the network duplicates it.",
    impl: "With `countBySender`, core/proposer.ts and core/learner.ts drop a second reply from the same acceptor.",
  },
  {
    id: "learner-ballot",
    title: "Learner ballot",
    sentence: "To learn that a value has been chosen, a learner must find out that a proposal has been accepted by a majority of acceptors.",
    section: "2.3",
    mechanism: { kind: "rule", field: "learnerSameBallot" },
    model: "With `learnerSameBallot`, steps/learn.ts counts Accepted messages of one ballot (one proposal) at a time.",
    impl: "With `learnerSameBallot`, core/learner.ts counts votes heard in the Accepted message's own ballot.",
  },
  {
    id: "accept-promises",
    title: "Accepting promises",
    sentence: "An acceptor can accept a proposal numbered n iff it has not responded to a prepare request having a number greater than n.",
    section: "2.2, P1a",
    mechanism: { kind: "rule", field: "acceptRaisesPromise" },
    model: "With `acceptRaisesPromise`, steps/phase-2b.ts onAccept raises the promise to the ballot it votes in, so the vote never sits above the promise.",
    impl: "With `acceptRaisesPromise`, core/acceptor.ts onAccept promises the ballot it votes in (the vote record carries it).",
  },
  {
    id: "recovery",
    title: "Recovery",
    sentence: "Since all agents may fail after a value is chosen and then restart, a solution is impossible unless some information can be remembered by an agent that has failed and restarted.",
    section: "2.1",
    mechanism: { kind: "rule", field: "recoverAcceptor" },
    model: "steps/environment.ts restart gives a restarted acceptor `recoverAcceptor(written)`: all it had, promise and vote.",
    impl: "node.ts start rebuilds each slot from the write-ahead log, then asks the same `recoverAcceptor(slot)`.",
  },
  {
    id: "persist-before-send",
    title: "Persist before send",
    sentence: "An acceptor records its intended response in stable storage before actually sending the response.",
    section: "2.5",
    mechanism: { kind: "storage" },
    model: "An acceptor's step changes its state and sends its reply in one transition, and a crash keeps its state; the negative-test config `acceptorStateLoss` erases the state at a restart.",
    impl: "node.ts sends a step's messages only after storage.append has resolved; a restart replays the write-ahead log.",
  },
  {
    id: "round-after-restart",
    title: "Round after restart",
    sentence: "Each proposer remembers (in stable storage) the highest-numbered proposal it has tried to issue, and begins phase 1 with a higher proposal number than any it has already used.",
    section: "2.5",
    mechanism: { kind: "storage" },
    model: "A restarted proposer keeps its round; the model has no storage, so the rule `restartKeepsRound` stands in for it.",
    impl: "node.ts writes a round record before a Prepare leaves; a restart reads the rounds back from storage.",
  },
  {
    id: "next-round",
    title: "Next round",
    sentence: "A proposer chooses a new proposal number n and sends a request to each member of some set of acceptors",
    section: "2.2",
    mechanism: { kind: "rule", field: "nextRound" },
    model: "steps/phase-1a.ts always takes round + 1 and does not ask the rule: any higher round is the same behaviour under an order-preserving renaming of ballots, which lockstep applies (protocol/ballot-renaming.ts).",
    impl: "core/proposer.ts starts its next ballot at `nextRound(round used, round seen in Nacks)`.",
  },
  {
    id: "accept-routing",
    title: "Accept routing",
    sentence: "A proposer issues a proposal by sending, to some set of acceptors, a request that the proposal be accepted. (This need not be the same set of acceptors that responded to the initial requests.)",
    section: "2.2",
    mechanism: { kind: "rule", field: "acceptToPromisers" },
    model: "With `acceptToPromisers`, steps/phase-2a.ts sends phase 2a to the acceptors whose promises made the quorum; off, to every acceptor.",
    impl: "core/proposer.ts sends phase 2a to the promisers, or to every acceptor under `acceptToAll`, which node.ts turns on when `acceptToPromisers` is off and under the TCP store's shortcuts.",
  },
  {
    id: "refusal",
    title: "Refusal",
    sentence: "Therefore, if an acceptor ignores a prepare or accept request because it has already received a prepare request with a higher number, then it should probably inform the proposer, who should then abandon its proposal.",
    section: "2.2",
    mechanism: { kind: "config", field: "nacks" },
    model: "With the config `nacks`, steps/nack.ts answers a refused request with a Nack, which the proposer ignores; off, it stays silent.",
    impl: "core/acceptor.ts answers a refusal with a Nack when the node's `nack` option is on (a real node's default; lockstep sets it from the model's `nacks`); core/proposer.ts backs off and starts its next ballot above the Nack's promise.",
  },
] as const satisfies readonly Decision[];

export type DecisionId = (typeof decisions)[number]["id"];

export function findDecision(id: string): Decision | undefined {
  return decisions.find((d) => d.id === id);
}
