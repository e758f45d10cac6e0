// The branches a model transition can take: which handler case an action drives (a Prepare
// promised or refused, a Promise counted or completing the quorum, ...). Conformance counts
// them so that its report says which parts of the protocol the implementation was driven
// through, and which never. The list is explicit so that a branch never taken still shows.
import type { Action } from "../model/basic-paxos/actions.ts";
import type { Message } from "../protocol/messages.ts";
import type { PaxosState } from "../model/basic-paxos/state.ts";
import { ballotEquals } from "../protocol/ballot.ts";

/**
 * Every branch, with when the model takes it. A stutter (a delivery that changes nothing in the
 * model) is left out of the model's enabled actions: conformance walks it only with stutters on.
 */
export const BRANCHES = {
  propose: "a proposer starts its first ballot: Prepare to every acceptor",
  "timeout: new ballot": "a proposer gives up its ballot and starts a higher one (needs retries)",
  "deliver prepare: promised": "the ballot is above the acceptor's promise: it promises and reports its vote",
  "deliver prepare: refused": "the ballot is not above the promise, nacks off: silence (a stutter unless duplication is off)",
  "deliver prepare: nack": "the ballot is not above the promise: the acceptor answers Nack (needs nacks)",
  "deliver prepare: duplicate": "a Prepare delivered again (needs duplication; a stutter unless nacks are on)",
  "deliver accept: voted": "the ballot is at or above the promise: the acceptor votes and sends Accepted",
  "deliver accept: refused": "the ballot is below the promise, nacks off: silence (a stutter unless duplication is off)",
  "deliver accept: nack": "the ballot is below the promise: the acceptor answers Nack (needs nacks)",
  "deliver accept: duplicate": "an Accept delivered again: the acceptor votes the same again (needs duplication)",
  "deliver promise: counted": "a Promise for the current ballot, below the quorum",
  "deliver promise: quorum -> accept sent": "the Promise that completes the quorum: phase 2, Accept to the promisers",
  "deliver promise: stale": "a Promise for an older ballot or after phase 1 (a stutter unless duplication is off)",
  "deliver promise: duplicate": "a Promise delivered again: not counted twice (a stutter; needs duplication)",
  "deliver accepted: counted": "an Accepted counted toward a quorum of one ballot",
  "deliver accepted: learned": "the Accepted that completes a quorum: the value is learned",
  "deliver accepted: after learning": "an Accepted once the value is learned (a stutter unless duplication is off)",
  "deliver accepted: duplicate": "an Accepted delivered again (needs duplication; a stutter unless the proposer crashed and forgot it)",
  "deliver nack: ignored": "proposers react to refusals by timing out (needs nacks; a stutter unless duplication is off)",
  lose: "the network loses a message (needs losses)",
  "crash acceptor": "an acceptor stops; its promise and vote stay durable (needs acceptor crashes)",
  "crash proposer": "a proposer stops and forgets its phase (needs proposer crashes)",
  "restart acceptor": "an acceptor comes back with its durable state",
  "restart proposer": "a proposer comes back with its durable round",
  "restart acceptor with state lost": "negative-test fault: promise and vote lost (needs acceptorStateLoss)",
} as const satisfies Record<string, string>;

export type BranchId = keyof typeof BRANCHES;
export const branchIds = Object.keys(BRANCHES) as BranchId[];

/** One step of the model: the action, the states around it, and whether its message was delivered before on this path. */
export type Transition = {
  readonly action: Action;
  readonly before: PaxosState;
  readonly after: PaxosState;
  readonly redelivery: boolean;
};

export function classify(t: Transition): BranchId {
  const { action, before, after } = t;
  switch (action.kind) {
    case "propose":
      return "propose";
    case "timeout":
      return "timeout: new ballot";
    case "lose":
      return "lose";
    case "crash":
    case "restart":
      return `${action.kind} ${isAcceptor(before, action.node) ? "acceptor" : "proposer"}`;
    case "restart-amnesia":
      return "restart acceptor with state lost";
    case "deliver":
      return classifyDelivery(action.to, action.msg, before, after, t.redelivery);
  }
}

function classifyDelivery(to: string, msg: Message, before: PaxosState, after: PaxosState, redelivery: boolean): BranchId {
  switch (msg.type) {
    case "prepare": {
      if (redelivery) return "deliver prepare: duplicate";
      const promised = !ballotEquals(acceptor(before, to).promised, acceptor(after, to).promised);
      return promised ? "deliver prepare: promised" : nacked(after, to, msg) ? "deliver prepare: nack" : "deliver prepare: refused";
    }
    case "accept": {
      if (redelivery) return "deliver accept: duplicate";
      const vote = acceptor(after, to).accepted;
      const voted = vote !== null && ballotEquals(vote.ballot, msg.ballot) && vote.value === msg.value;
      return voted ? "deliver accept: voted" : nacked(after, to, msg) ? "deliver accept: nack" : "deliver accept: refused";
    }
    case "promise": {
      if (redelivery) return "deliver promise: duplicate";
      const [p, q] = [proposer(before, to), proposer(after, to)];
      if (p.phase === "prepare" && q.phase === "accept") return "deliver promise: quorum -> accept sent";
      return q.promises.length > p.promises.length ? "deliver promise: counted" : "deliver promise: stale";
    }
    case "accepted": {
      if (redelivery) return "deliver accepted: duplicate";
      const [p, q] = [proposer(before, to), proposer(after, to)];
      if (p.learned !== null) return "deliver accepted: after learning";
      return q.learned !== null ? "deliver accepted: learned" : "deliver accepted: counted";
    }
    case "nack":
      return "deliver nack: ignored";
  }
}

/** The acceptor's Nack for `msg` is in flight after the step (new, or still there from before). */
function nacked(after: PaxosState, from: string, msg: Message): boolean {
  return after.network.some((e) => e.msg.type === "nack" && e.msg.from === from && ballotEquals(e.msg.ballot, msg.ballot));
}

function isAcceptor(s: PaxosState, id: string): boolean {
  return s.acceptors.some((a) => a.id === id);
}
function acceptor(s: PaxosState, id: string) {
  return s.acceptors.find((a) => a.id === id)!;
}
function proposer(s: PaxosState, id: string) {
  return s.proposers.find((p) => p.id === id)!;
}
