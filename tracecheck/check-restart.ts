// Crashes and restarts: what a node keeps and what it loses, as the model's environment actions
// say. An acceptor restarts with its promise and vote (durable: one that reports less after a
// restart is caught by the acceptor's rules, which then name the restart). A proposer restarts
// afresh: its ballot in flight is abandoned, the Promises and Accepted it heard and what it
// learned are gone; its next ballot must still be above every one it started, since a proposer
// never reuses a ballot.
import type { TraceEvent } from "../impl/trace-log.ts";
import { ok, type CheckStep, type NodeCheck } from "./check-step.ts";

export function lifecycleStep(n: NodeCheck, e: Extract<TraceEvent, { event: "crash" | "restart" }>): CheckStep {
  // Down until it restarts; a kill -9 logs no crash, so a restart alone says the node went down.
  if (e.event === "crash") return ok({ ...n, down: true });
  const p = n.proposer;
  return ok({
    ...n,
    down: false,
    restarted: true,
    durable: n.acceptor,
    proposer: { ...p, phase: "idle", promises: [], proposal: null, acks: [], learned: null },
    prepares: 0,
    mustLearn: null,
  });
}
