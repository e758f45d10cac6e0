// One-line renderings in the protocol's words, for counterexamples, traces and docs:
//   deliver Promise(b=1.p1, voted=none) a2->p1      crash a3      timeout p1 -> ballot 2.p1
import type { Message } from "../../protocol/messages.ts";
import type { Action } from "./actions.ts";
import type { PaxosState } from "./state.ts";
import { formatBallot } from "../../protocol/ballot.ts";

export function describeMessage(m: Message): string {
  const b = formatBallot(m.ballot);
  switch (m.type) {
    case "prepare":
      return `Prepare(b=${b})`;
    case "promise":
      return `Promise(b=${b}, voted=${m.voted ? `${formatBallot(m.voted.ballot)}:${m.voted.value}` : "none"})`;
    case "accept":
      return `Accept(b=${b}, v=${m.value})`;
    case "accepted":
      return `Accepted(b=${b}, v=${m.value})`;
    case "nack":
      return `Nack(b=${b}, promised=${formatBallot(m.promised)})`;
  }
}

export function describeAction(a: Action): string {
  switch (a.kind) {
    case "propose":
      return `propose ${a.proposer} -> ballot 1.${a.proposer}`;
    case "timeout":
      return `timeout ${a.proposer} -> next ballot`;
    case "deliver":
    case "lose":
      return `${a.kind} ${describeMessage(a.msg)} ${a.msg.from}->${a.to}`;
    case "crash":
    case "restart":
      return `${a.kind} ${a.node}`;
    case "restart-amnesia":
      return `restart ${a.node} with its state lost`;
  }
}

/** What a step changed: role state, votes cast, messages sent, values learned. */
export function describeChange(before: PaxosState, after: PaxosState): string[] {
  const out: string[] = [];
  after.acceptors.forEach((a, i) => {
    const was = before.acceptors[i]!;
    if (a.up !== was.up) out.push(`${a.id} ${a.up ? "is up" : "is down"}`);
    if (formatBallot(a.promised) !== formatBallot(was.promised)) out.push(`${a.id} promised ${formatBallot(a.promised)} (was ${formatBallot(was.promised)})`);
    if (JSON.stringify(a.accepted) !== JSON.stringify(was.accepted)) out.push(`${a.id} accepted ${a.accepted ? `${a.accepted.value} in ${formatBallot(a.accepted.ballot)}` : "nothing"}`);
  });
  after.proposers.forEach((p, i) => {
    const was = before.proposers[i]!;
    if (p.up !== was.up) out.push(`${p.id} ${p.up ? "is up" : "is down"}`);
    if (p.round !== was.round || p.phase !== was.phase) out.push(`${p.id} in phase ${p.phase === "prepare" ? "1 (prepare)" : p.phase === "accept" ? "2 (accept)" : "idle"} of ballot ${p.round}.${p.id}`);
    if (p.proposal !== was.proposal && p.proposal !== null) out.push(`${p.id} proposes ${p.proposal}`);
    if (p.learned !== was.learned) out.push(p.learned === null ? `${p.id} forgot what it learned` : `${p.id} learned ${p.learned}`);
  });
  const beforeNet = new Set(before.network.map((e) => `${describeMessage(e.msg)} ${e.msg.from}->${e.to}`));
  for (const e of after.network) {
    const line = `${describeMessage(e.msg)} ${e.msg.from}->${e.to}`;
    if (!beforeNet.has(line)) out.push(`sent ${line}`);
  }
  return out;
}
