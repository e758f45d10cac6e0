// A target seen through the SystemView every invariant reads (invariants/view.ts), built from
// what Synod observes: the inputs it gave, the messages the target sent (by their meaning) and
// what it learned. Votes are the Accepted messages sent, promises the Promises, proposals the
// Accepts. An acceptor's promise and vote come from the target when it exposes them (white box);
// otherwise they are rebuilt from its messages (black box): the highest ballot it promised,
// voted in or named in a Nack, and the vote of its highest Accepted. A durable acceptor keeps
// them across a restart; what it says afterwards is judged against them.
//
// One rule is judged here rather than by a state invariant, because the rebuilt promise is raised
// by the very message that breaks it: an Accepted below a ballot the acceptor promised before.
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
        return null;
      }
      case "promise":
        if (!a) return null;
        // A Promise that carries no vote cannot be judged on what it reports: it counts only as a promise.
        if (m.vote !== "not-reported") this.promises.push({ acceptor: from, ballot: m.ballot, voted: m.vote });
        raise(a, m.ballot);
        return null;
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

  /** The view now; `whiteBox` holds the acceptors' own state where the target exposes it. */
  view(whiteBox?: ReadonlyMap<NodeId, { promised: Ballot | null; accepted: Vote | null }>): SystemView {
    const acceptors: AcceptorView[] = [...this.acceptors].map(([id, a]) => ({ id, ...(whiteBox?.get(id) ?? { promised: a.promised, accepted: a.accepted }), up: a.up }));
    return { acceptors, quorumSize: this.quorumSize, inputs: [...this.inputs], votes: [...this.votes], promises: [...this.promises], proposals: [...this.proposals], learned: [...this.learned] };
  }
}

function raise(a: Rebuilt, b: Ballot): void {
  if (compareBallots(b, a.promised) > 0) a.promised = b;
}
