// Logged events and verdicts in the protocol's words, for `synod validate-trace` and its report.
import type { TraceEvent } from "../impl/trace-log.ts";
import { formatBallot } from "../protocol/ballot.ts";
import { chosenValues } from "../protocol/chosen.ts";
import type { KeyVerdict } from "./check-key.ts";
import { showVote } from "./check-acceptor.ts";

export function describeEvent(e: TraceEvent): string {
  const n = e.node;
  switch (e.event) {
    case "proposal-input":
      return `${n} was asked to propose ${e.value}`;
    case "prepare-sent":
      return `${n} sent Prepare(b=${formatBallot(e.ballot)})`;
    case "promise-sent":
      return `${n} sent Promise(b=${formatBallot(e.ballot)}, voted=${showVote(e.voted)}) to ${e.to}`;
    case "nack-sent":
      return `${n} sent Nack(b=${formatBallot(e.ballot)}, promised=${formatBallot(e.promised)}) to ${e.to}`;
    case "accept-sent":
      return `${n} sent Accept(b=${formatBallot(e.ballot)}, v=${e.value}) to ${e.to}`;
    case "vote-cast":
      return `${n} voted ${e.value} in ballot ${formatBallot(e.ballot)} and sent Accepted to ${e.to}`;
    case "accepted-received":
      return `${n} received Accepted(b=${formatBallot(e.ballot)}, v=${e.value}) from ${e.from}`;
    case "value-learned":
      return `${n} learned ${e.value} (ballot ${formatBallot(e.ballot)})`;
    case "timeout":
      return `${n} timed out${e.ballot ? ` in ballot ${formatBallot(e.ballot)}` : ""}`;
    case "crash":
      return `${n} crashed${e.key === undefined ? "" : ` (key ${e.key})`}`;
    case "restart":
      return `${n} restarted${e.key === undefined ? "" : ` (key ${e.key})`}`;
  }
}

/** `k1: 38 events, chosen y, learned by p1, p2` */
export function describeKey(k: KeyVerdict): string {
  const chosen = chosenValues(k.view);
  const learners = k.view.learned.map((l) => l.learner);
  return `${k.key}: ${k.events} events, ${chosen.length ? `chosen ${chosen.join(", ")}` : "nothing chosen"}${learners.length ? `, learned by ${[...new Set(learners)].join(", ")}` : ""}`;
}
