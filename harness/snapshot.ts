// Project a running implementation onto the SystemView of invariants/view.ts, for one key:
// acceptor state from the acceptors themselves, votes, promises, proposals, inputs and learned
// values from the ghost event log the node shell emits (trace-log.ts). The same invariant
// predicates then judge model states and implementation snapshots.
import type { NodeId } from "../protocol/messages.ts";
import type { AcceptorView, SystemView } from "../invariants/view.ts";
import type { AcceptorSlot } from "../impl/core/acceptor.ts";
import type { TraceEvent } from "../impl/trace-log.ts";

export type AcceptorSnapshot = { readonly id: NodeId; readonly slot: AcceptorSlot; readonly up: boolean };

export function snapshotView(key: string, acceptors: readonly AcceptorSnapshot[], quorumSize: number, events: readonly TraceEvent[]): SystemView {
  const mine = events.filter((e) => e.key === key);
  const view: AcceptorView[] = acceptors.map((a) => ({ id: a.id, promised: a.slot.promised, accepted: a.slot.accepted, up: a.up }));
  const inputs: string[] = [];
  const votes: SystemView["votes"][number][] = [];
  const promises: SystemView["promises"][number][] = [];
  const proposals: SystemView["proposals"][number][] = [];
  const learned: SystemView["learned"][number][] = [];
  for (const e of mine) {
    if (e.event === "proposal-input") inputs.push(e.value);
    else if (e.event === "vote-cast") votes.push({ acceptor: e.node, ballot: e.ballot, value: e.value });
    // A Promise whose vote the log does not report (an outside implementation's log) says
    // nothing the invariants on reported votes could check.
    else if (e.event === "promise-sent" && e.voted !== undefined) promises.push({ acceptor: e.node, ballot: e.ballot, voted: e.voted });
    else if (e.event === "accept-sent" && !proposals.some((p) => sameProposal(p, e))) proposals.push({ ballot: e.ballot, value: e.value });
    else if (e.event === "value-learned") learned.push({ learner: e.node, value: e.value });
  }
  return { acceptors: view, quorumSize, inputs: [...new Set(inputs)], votes: dedupeVotes(votes), promises, proposals, learned };
}

function sameProposal(p: SystemView["proposals"][number], e: { ballot: { round: number; proposer: string }; value: string }): boolean {
  return p.value === e.value && p.ballot.round === e.ballot.round && p.ballot.proposer === e.ballot.proposer;
}

/** A duplicated Accept makes an acceptor vote twice for the same thing: one vote. */
function dedupeVotes(votes: SystemView["votes"][number][]): SystemView["votes"][number][] {
  const seen = new Set<string>();
  return votes.filter((v) => {
    const k = JSON.stringify([v.acceptor, v.ballot.round, v.ballot.proposer, v.value]);
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
