// One-line renderings in the protocol's words, for counterexamples and docs:
// `receive Accept(b=1.n1, s=1, c1) n1->n2`, `n2 promised 2.n2`, `n1 leads 1.n1: [1:c1, 2:no-op]`.
import { compareBallots, formatBallot } from "../../protocol/ballot.ts";
import type { Ballot } from "../../protocol/messages.ts";
import type { MultiPaxosAction } from "./actions.ts";
import type { MultiPaxosMessage, SlotVoteMsg } from "./messages.ts";
import type { MultiPaxosState, NodeState } from "./state.ts";
import { messageKey } from "./msgs.ts";

const vote = (v: SlotVoteMsg) => `${v.slot}:(${formatBallot(v.ballot)},${v.command})`;

/**
 * A refusal names the higher promise; a promise or vote in the ballot asked says nothing more. A
 * lower promise (an acceptor confirming a ballot it has not heard of) is named too.
 */
function promised(b: Ballot, p: Ballot | null): string {
  const order = compareBallots(b, p);
  return order === 0 ? "" : `, ${order < 0 ? "refused: " : ""}promised ${formatBallot(p)}`;
}

export function describeMessage(m: MultiPaxosMessage): string {
  const b = `b=${formatBallot(m.ballot)}`;
  switch (m.type) {
    case "prepare":
      return `Prepare(${b})`;
    case "promise":
      return `Promise(${b}, votes=[${m.votes.map(vote).join(" ")}])`;
    case "accept":
      return `Accept(${b}, s=${m.slot}, ${m.command})`;
    case "accepted":
      return `Accepted(${b}${promised(m.ballot, m.promised)}, s=${m.slot}, ${m.command})`;
    case "heartbeat":
      return `Heartbeat(${b}, decided=[${m.decided.map((d) => `${d.slot}:${d.command}`).join(" ")}])`;
    case "confirm":
      return `Confirm(${b}, ${m.read})`;
    case "confirmed":
      return `Confirmed(${b}${promised(m.ballot, m.promised)}, ${m.read})`;
  }
}

export function describeAction(a: MultiPaxosAction): string {
  switch (a.kind) {
    case "propose":
      return `propose ${a.node} ${a.command}`;
    case "decide":
      return `decide ${a.node} slot ${a.slot}`;
    case "receive":
      return `receive ${describeMessage(a.msg)} ${a.msg.from}->${a.node}`;
    case "read":
      return `read ${a.read} (client)`;
    case "confirm":
    case "serve":
      return `${a.kind} ${a.node} ${a.read}`;
    default:
      return `${a.kind} ${a.node}`;
  }
}

function describeNode(b: NodeState, n: NodeState): string[] {
  const out: string[] = [];
  if (n.up !== b.up) out.push(`${n.id} is ${n.up ? "up" : "down"}`);
  if (n.promised !== b.promised) out.push(`${n.id} promised ${formatBallot(n.promised)}`);
  if (n.votes !== b.votes) out.push(`${n.id} votes [${n.votes.map(vote).join(" ")}]`);
  if (n.decided !== b.decided) out.push(`${n.id} decided [${n.decided.map((c) => c ?? "-").join(" ")}]`);
  if (n.applied !== b.applied) out.push(`${n.id} applied [${n.applied.join(" ")}]`);
  for (const a of n.answers.slice(b.answers.length)) out.push(`${n.id} answers ${a.read}: [${a.state.join(" ")}]`);
  const l = n.leadership;
  if (l !== b.leadership) {
    if (l === null) out.push(`${n.id} stops leading`);
    else if (l.phase === "scouting") out.push(`${n.id} seeks ballot ${formatBallot(l.ballot)}`);
    else out.push(`${n.id} leads ${formatBallot(l.ballot)}: [${l.log.map((e) => `${e.slot}:${e.command}${e.chosen ? " chosen" : ""}`).join(", ")}]`);
  }
  return out;
}

export function describeChange(before: MultiPaxosState, after: MultiPaxosState): string[] {
  const out = after.nodes.flatMap((n, i) => describeNode(before.nodes[i]!, n));
  const had = new Set(before.msgs.map(messageKey));
  for (const m of after.msgs) if (!had.has(messageKey(m))) out.push(`sends ${describeMessage(m)}${"to" in m ? ` ${m.from}->${m.to}` : ` from ${m.from}`}`);
  for (const r of after.reads.slice(before.reads.length)) out.push(`a client asks for ${r.id}, after [${r.appliedBefore.join(" ")}] applied`);
  return out;
}
