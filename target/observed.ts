// A target seen through the SystemView every invariant reads (invariants/view.ts), built from
// what Synod observes: the inputs it gave, the messages the target sent (by their meaning) and
// what it learned. Votes are the Accepted messages sent, promises the Promises, proposals the
// Accepts. An acceptor's promise and vote come from the target when it exposes them (white box);
// otherwise they are rebuilt from its messages (black box): the highest ballot it promised,
// voted in or named in a Nack, and the vote of its highest Accepted. A durable acceptor keeps
// them across a restart; what it says afterwards is judged against them.
//
// Three rules are judged here on the messages themselves rather than by a state invariant:
// - vote-below-promise and promises-never-decrease, in time: an Accepted, or a Promise, below a
//   ballot the acceptor promised before (the rebuilt promise is raised by the very message that
//   breaks it, so no state shows it);
// - accept-takes-highest-vote (Paxos Made Simple's P2c, the proposer's half): an Accept for ballot
//   b carries the value of the highest-ballot vote reported by some quorum of the Promises for b
//   delivered to its proposer, or a client's value when that quorum reported none. Synod delivers
//   every message, so it knows what each proposer heard. It catches a proposer that picks the
//   wrong value at its first Accept, where the invariants see it only once that vote is unsafe.
//   Promises whose vote is not reported leave the Accept unjudged (what they hid is unknown).
import type { Ballot, NodeId, Value, Vote } from "../protocol/messages.ts";
import type { AcceptorView, CastVote, LearnedValue, Proposal, SentPromise, SystemView } from "../invariants/view.ts";
import type { BrokenProperty } from "../invariants/broken.ts";
import { compareBallots, formatBallot } from "../protocol/ballot.ts";
import { majority } from "../protocol/quorum.ts";
import type { Meaning, Roles } from "./vocabulary.ts";

type Rebuilt = { promised: Ballot | null; accepted: Vote | null; up: boolean };

export class ObservedSystem {
  private readonly acceptors = new Map<NodeId, Rebuilt>();
  private readonly inputs = new Set<Value>();
  private readonly votes: CastVote[] = [];
  private readonly voteKeys = new Set<string>();
  private readonly promises: SentPromise[] = [];
  private readonly proposals: Proposal[] = [];
  private readonly proposalKeys = new Set<string>();
  private readonly learned: LearnedValue[] = [];
  private readonly quorumSize: number;
  /** Promises delivered to each proposer, by ballot: what it may base its Accept on. */
  private readonly heard = new Map<string, Map<NodeId, Meaning & { type: "promise" }>>();

  constructor(roles: Roles) {
    for (const id of roles.acceptors) this.acceptors.set(id, { promised: null, accepted: null, up: true });
    this.quorumSize = majority(roles.acceptors.length);
  }

  input(value: Value): void {
    this.inputs.add(value);
  }

  learn(node: NodeId, value: Value): void {
    this.learned.push({ learner: node, value });
  }

  /** Records a message delivered to `to` (only Promises matter: the proposer's half of P2c). */
  delivered(to: NodeId, from: NodeId, m: Meaning): void {
    if (m.type !== "promise") return;
    const k = `${to}|${formatBallot(m.ballot)}`;
    const byAcceptor = this.heard.get(k) ?? new Map<NodeId, Meaning & { type: "promise" }>();
    byAcceptor.set(from, m);
    this.heard.set(k, byAcceptor);
  }

  setUp(node: NodeId, up: boolean): void {
    const a = this.acceptors.get(node);
    if (a) a.up = up;
  }

  /** Records a message the target sent; returns the rule it breaks, if any. */
  sent(from: NodeId, m: Meaning): BrokenProperty | null {
    const a = this.acceptors.get(from);
    switch (m.type) {
      case "accept": {
        const k = `${formatBallot(m.ballot)}|${m.value}`;
        if (!this.proposalKeys.has(k)) this.proposalKeys.add(k), this.proposals.push({ ballot: m.ballot, value: m.value });
        const why = this.acceptUnfounded(from, m.ballot, m.value);
        return why === null ? null : { side: "impl", kind: "step", property: "accept-takes-highest-vote", message: why };
      }
      case "promise":
        if (!a) return null;
        // A Promise that carries no vote cannot be judged on what it reports: it counts only as a promise.
        if (m.vote !== "not-reported") this.promises.push({ acceptor: from, ballot: m.ballot, voted: m.vote });
        const lower = compareBallots(m.ballot, a.promised) < 0 ? a.promised : null;
        raise(a, m.ballot);
        return lower
          ? { side: "impl", kind: "step", property: "promises-never-decrease", message: `${from} promised ${formatBallot(m.ballot)} after promising ${formatBallot(lower)}` }
          : null;
      case "nack":
        if (a && m.promised) raise(a, m.promised);
        return null;
      case "accepted": {
        if (!a) return null;
        const below = compareBallots(m.ballot, a.promised) < 0 ? a.promised : null;
        const k = `${from}|${formatBallot(m.ballot)}|${m.value}`;
        if (!this.voteKeys.has(k)) this.voteKeys.add(k), this.votes.push({ acceptor: from, ballot: m.ballot, value: m.value });
        raise(a, m.ballot);
        if (compareBallots(m.ballot, a.accepted?.ballot ?? null) >= 0) a.accepted = { ballot: m.ballot, value: m.value };
        return below
          ? { side: "impl", kind: "invariant", property: "vote-below-promise", message: `${from} voted ${m.value} in ballot ${formatBallot(m.ballot)} after promising ${formatBallot(below)}` }
          : null;
      }
      default:
        return null;
    }
  }

  /**
   * Why an Accept of `value` in `ballot` follows from no quorum of the Promises `proposer` heard
   * for it; null when one does. A quorum Q gives v when v is the value of Q's highest reported
   * vote, or Q reported none and v is a client's. The best Q for a reported vote w is every
   * promiser whose vote is not above w: if those are not a quorum, no quorum has w highest.
   */
  private acceptUnfounded(proposer: NodeId, ballot: Ballot, value: Value): string | null {
    const heard = [...(this.heard.get(`${proposer}|${formatBallot(ballot)}`)?.entries() ?? [])];
    if (heard.some(([, p]) => p.vote === "not-reported")) return null;
    const votes = heard.map(([acceptor, p]) => ({ acceptor, vote: p.vote === "not-reported" ? null : p.vote }));
    const b = formatBallot(ballot);
    if (votes.length < this.quorumSize)
      return `${proposer} sent Accept(${b}, ${value}) having heard Promises for ${b} from ${votes.length ? votes.map((v) => v.acceptor).join(", ") : "no acceptor"}: no quorum (${this.quorumSize})`;
    const none = votes.filter((v) => v.vote === null).length;
    if (none >= this.quorumSize && this.inputs.has(value)) return null;
    for (const w of votes) {
      if (w.vote === null || w.vote.value !== value) continue;
      const q = votes.filter((v) => compareBallots(v.vote?.ballot ?? null, w.vote!.ballot) <= 0);
      if (q.length >= this.quorumSize) return null;
    }
    const reported = votes.map((v) => `${v.acceptor}: ${v.vote ? `(${formatBallot(v.vote.ballot)}, ${v.vote.value})` : "none"}`).join(", ");
    return `${proposer} proposed ${value} in ballot ${b}, which no quorum of the Promises it heard (${reported}) leads to: a proposer takes the highest vote reported, or a client's value if none`;
  }

  /** The view now; `whiteBox` holds the acceptors' own state where the target exposes it. */
  view(whiteBox?: ReadonlyMap<NodeId, { promised: Ballot | null; accepted: Vote | null }>): SystemView {
    const acceptors: AcceptorView[] = [...this.acceptors].map(([id, a]) => ({ id, ...(whiteBox?.get(id) ?? { promised: a.promised, accepted: a.accepted }), up: a.up }));
    return { acceptors, quorumSize: this.quorumSize, inputs: [...this.inputs], votes: [...this.votes], promises: [...this.promises], proposals: [...this.proposals], learned: [...this.learned] };
  }
}

function raise(a: Rebuilt, b: Ballot): void {
  if (compareBallots(b, a.promised) > 0) a.promised = b;
}
