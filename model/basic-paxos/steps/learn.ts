// Learning: a proposer receives an Accepted. "To learn that a value has been chosen, a learner
// must find out that a proposal has been accepted by a majority of acceptors." The learner
// role is played by every proposer for its own ballots: each acceptor's Accepted goes to the
// ballot's proposer, which learns once a quorum reports a vote for one value in one ballot.
import type { Accepted, NodeId } from "../../../protocol/messages.ts";
import type { Rules } from "../../../protocol/rules.ts";
import type { Branch } from "../../../checker/model.ts";
import type { AcceptedReceived, PaxosState, ProposerState } from "../state.ts";
import type { StepSource } from "../packed/step-source.ts";
import type { BranchStep, IdOf, Semantics } from "./step.ts";
import { ackKey, ballotKey, byKey } from "../keys.ts";
import { proposerOf, withProposer } from "../state.ts";
import { NO_MESSAGES } from "./step.ts";

export const branches = [
  { id: "deliver accepted: counted", description: "an Accepted counted toward a quorum of one ballot" },
  { id: "deliver accepted: learned", description: "the Accepted that completes a quorum: the value is learned" },
  { id: "deliver accepted: after learning", description: "an Accepted once the value is learned (a stutter unless duplication is off)" },
  { id: "deliver accepted: duplicate", description: "an Accepted already counted, delivered again: not counted twice (a stutter; needs duplication)" },
] as const satisfies readonly Branch[];
type AcceptedBranch = IdOf<typeof branches>;

/** The learner's handler: it learns once; later Accepted change nothing. */
export function onAccepted(p: ProposerState, m: Accepted, acceptors: number, rules: Rules): BranchStep<ProposerState, AcceptedBranch> {
  const ack: AcceptedReceived = { from: m.from, ballot: m.ballot, value: m.value };
  if (rules.countBySender && p.acks.some((a) => ackKey(a) === ackKey(ack))) return { state: p, send: NO_MESSAGES, branch: "deliver accepted: duplicate" };
  if (p.learned !== null) return { state: p, send: NO_MESSAGES, branch: "deliver accepted: after learning" };
  const acks = [...p.acks, ack].sort(byKey(ackKey));
  const sameBallot = (a: AcceptedReceived) => ballotKey(a.ballot) === ballotKey(m.ballot);
  const counted = acks.filter((a) => a.value === m.value && (!rules.learnerSameBallot || sameBallot(a)));
  const voters = rules.countBySender ? new Set(counted.map((a) => a.from)).size : counted.length;
  const learned = voters >= rules.quorum(acceptors) ? m.value : null;
  return { state: { ...p, acks, learned }, send: NO_MESSAGES, branch: learned !== null ? "deliver accepted: learned" : "deliver accepted: counted" };
}

/** An Accepted delivered to proposer `to`. */
export function deliverAccepted(s: PaxosState, to: NodeId, m: Accepted, { rules }: Semantics): BranchStep<PaxosState, AcceptedBranch> {
  const step = onAccepted(proposerOf(s, to), m, s.acceptors.length, rules);
  return { state: withProposer(s, step.state), send: step.send, branch: step.branch };
}

/** The same on packed words, as source (packed/step-source.ts): acceptor a's Accepted for ballot b, delivered to b's proposer. */
export function packedDeliverAccepted(src: StepSource): (b: number, a: number) => string {
  const { L, rules, get, cur, set, copy, emit, consume } = src;
  const A = L.A;
  const R = L.R;
  const countBySender = rules.countBySender;
  const dup = L.config.duplication;
  const COUNTED = src.branch("deliver accepted: counted");
  const LEARNED = src.branch("deliver accepted: learned");
  const AFTER_LEARNING = src.branch("deliver accepted: after learning");
  const DUPLICATE = src.branch("deliver accepted: duplicate");
  return (b, a) => {
    const slot = L.acceptedMsg[a]![b]!;
    const p = L.proposerOf(b);
    const r = L.roundOf(b) - 1;
    const ackField = L.ackCount[p]![a]![r]!;
    const counted = countBySender ? `${get(ackField)} > 0` : "false";
    // Not counted: with duplication on, no action; else say why, counted before or learned already.
    const notCounted = dup ? "" : consume(slot, `${counted} ? ${DUPLICATE} : ${AFTER_LEARNING}`);
    const lines = [`if (${get(L.learned[p]!)} !== 0 || ${counted}) { ${notCounted} return; }`, copy(), dup ? "" : set(slot, 0), set(ackField, `${get(ackField)} + 1`)];
    lines.push(`const value = ${get(L.ghostVote[a]![b]!)};`, "let voters = 0;", "let entries = 0;");
    for (let x = 0; x < A; x++) {
      lines.push("entries = 0;");
      for (let y = 0; y < R; y++) {
        if (rules.learnerSameBallot && y !== r) continue;
        lines.push(`if (${get(L.ghostVote[x]![L.ballot(y + 1, p)]!)} === value) entries += ${cur(L.ackCount[p]![x]![y]!)};`);
      }
      lines.push(countBySender ? "if (entries > 0) voters++;" : "voters += entries;");
    }
    lines.push(`if (voters < ${rules.quorum}) { ${emit(COUNTED)} return; }`, set(L.learned[p]!, "value"), emit(LEARNED));
    return lines.join("\n");
  };
}
