// Trace validation of target runs: what Synod saw a target do (target/run.ts RunEvent), written
// as the protocol event log `synod validate-trace` reads, and checked against the model's
// handlers. This judges what the invariants do not: each proposer's steps in order (its ballots
// only go up, across restarts too; its Accept follows from the Promises it got), each acceptor's
// answers against its own history, each learner against the Accepteds it received.
import type { LoggedEvent, TraceEvent } from "../impl/trace-log.ts";
import type { Roles } from "../target/vocabulary.ts";
import type { RunEvent, RunJudge } from "../target/run.ts";
import { validateTrace } from "./validate.ts";

/** The one register a target run decides. */
const KEY = "k";

export const BEHAVIOUR_PROPERTY = "behaviour-of-the-model";

function traceEvents(e: RunEvent): TraceEvent[] {
  const key = KEY;
  switch (e.kind) {
    case "input":
      return [{ event: "proposal-input", node: e.node, key, value: e.value }];
    case "timeout":
      return [{ event: "timeout", node: e.node, key, ballot: null }];
    case "crash":
    case "restart":
      return [{ event: e.kind, node: e.node }];
    case "learned":
      return e.ballot === null ? [] : [{ event: "value-learned", node: e.node, key, ballot: e.ballot, value: e.value }];
    case "delivered":
      return e.meaning.type === "accepted" ? [{ event: "accepted-received", node: e.to, key, from: e.from, ballot: e.meaning.ballot, value: e.meaning.value }] : [];
    case "sent": {
      const m = e.meaning;
      switch (m.type) {
        case "prepare":
          return [{ event: "prepare-sent", node: e.from, key, ballot: m.ballot }];
        case "promise":
          return [{ event: "promise-sent", node: e.from, key, to: e.to, ballot: m.ballot, ...(m.vote === "not-reported" ? {} : { voted: m.vote }) }];
        case "nack":
          return m.promised ? [{ event: "nack-sent", node: e.from, key, to: e.to, ballot: m.ballot, promised: m.promised }] : [];
        case "accept":
          return [{ event: "accept-sent", node: e.from, key, to: e.to, ballot: m.ballot, value: m.value }];
        case "accepted":
          return [{ event: "vote-cast", node: e.from, key, to: e.to, ballot: m.ballot, value: m.value }];
        case "other":
          return [];
      }
    }
  }
}

/** The run's log, one line per event, and the step each line came from. */
export function runLog(events: readonly RunEvent[]): { log: LoggedEvent[]; stepOfLine: number[] } {
  const log: LoggedEvent[] = [];
  const stepOfLine: number[] = [0];
  for (const e of events) {
    for (const t of traceEvents(e)) {
      log.push({ file: "run", line: log.length + 1, event: t });
      stepOfLine.push(e.step);
    }
  }
  return { log, stepOfLine };
}

/** The run judge of trace validation: the first event of the run's log the model does not allow. */
export const validateRun: RunJudge = (events, roles: Roles) => {
  const { log, stepOfLine } = runLog(events);
  if (log.length === 0) return null;
  // Not learning is never unsafe: a target may ignore an old ballot's Accepted.
  // A target without learners of its own has its proposers learn (Roles.learners is then empty).
  const learners = roles.learners.length > 0 ? roles.learners : roles.proposers;
  const verdict = validateTrace(log, { acceptors: [...roles.acceptors], learners: [...learners], learningOptional: true });
  if (verdict.rejection === null) return null;
  const line = verdict.rejection.at.line;
  return { step: stepOfLine[line]!, property: BEHAVIOUR_PROPERTY, message: `not a behaviour of the model: ${verdict.rejection.reason}` };
};
