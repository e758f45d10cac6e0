// The Multi-Paxos state projected to the view the log invariants read (invariants/log/view.ts).
import type { LogView } from "../../invariants/log/view.ts";
import type { MultiPaxosState } from "./state.ts";

export function logView(s: MultiPaxosState, quorumSize: number): LogView {
  return {
    quorumSize,
    slots: s.nodes[0]!.decided.length,
    requested: s.requested,
    votes: s.votes,
    replicas: s.nodes.map((n) => ({ id: n.id, up: n.up, decided: n.decided, applied: n.applied })),
    leaders: s.nodes.flatMap((n) => (n.leadership?.phase === "leading" ? [{ id: n.id, ballot: n.leadership.ballot, log: n.leadership.log }] : [])),
    elections: s.elections,
    reads: s.reads.map((r) => ({ ...r, answers: s.nodes.flatMap((n) => n.answers.filter((a) => a.read === r.id).map((a) => ({ replica: n.id, state: a.state }))) })),
  };
}
