// Projects a model state onto the view every invariant reads (invariants/view.ts).
import type { SystemView } from "../../invariants/view.ts";
import type { PaxosState } from "./state.ts";
import { majority } from "../../protocol/quorum.ts";

export function toView(s: PaxosState): SystemView {
  return {
    acceptors: s.acceptors,
    // Chosen means a majority of all acceptors, whatever quorum a broken variant uses.
    quorumSize: majority(s.acceptors.length),
    inputs: s.proposers.map((p) => p.input),
    votes: s.ghost.votes,
    promises: s.ghost.promises,
    proposals: s.ghost.proposals,
    learned: s.proposers.filter((p) => p.learned !== null).map((p) => ({ learner: p.id, value: p.learned! })),
    // Proposers are the learners, each of its own ballots: those that started one must learn.
    learners: s.proposers.filter((p) => p.up && p.round > 0).map((p) => p.id),
  };
}
