// Protocol events, named like the protocol steps, that a node emits as it runs: the ghost
// log of the implementation. Snapshots (snapshot.ts) read them, and `synod serve --trace FILE`
// writes them as JSON lines for trace validation.
import { closeSync, openSync, writeSync } from "node:fs";
import { z } from "zod";
import { NodeId, Value } from "../protocol/messages.ts";
import { AnyBallot } from "../protocol/ballot-shapes.ts";

// Ballots in any shape of protocol/ballot-shapes.ts (Synod's own `{ round, proposer }` among
// them), so that logs of other implementations need no rewriting; all are read into Synod's Ballot.
const Ballot = AnyBallot;
const Vote = z.strictObject({ ballot: Ballot, value: Value });

const base = { node: NodeId, key: z.string() };
/** Events of the node as a whole: `key` names one instance, or is absent for every key of the node. */
const nodeWide = { node: NodeId, key: z.string().optional() };
export const TraceEvent = z.discriminatedUnion("event", [
  /** A client asked this proposer to propose `value` (an input of the protocol). */
  z.strictObject({ event: z.literal("proposal-input"), ...base, value: Value }),
  z.strictObject({ event: z.literal("prepare-sent"), ...base, ballot: Ballot }),
  /**
   * An acceptor promised `ballot` (after its promise was durable) and reported `voted`: a vote,
   * or null for "no vote". An absent `voted` means the log does not say (vote not reported).
   */
  z.strictObject({ event: z.literal("promise-sent"), ...base, to: NodeId, ballot: Ballot, voted: Vote.nullable().optional() }),
  z.strictObject({ event: z.literal("nack-sent"), ...base, to: NodeId, ballot: Ballot, promised: Ballot }),
  z.strictObject({ event: z.literal("accept-sent"), ...base, to: NodeId, ballot: Ballot, value: Value }),
  /** An acceptor voted for `value` in `ballot` and sent Accepted to `to` (a proposer or a learner). */
  z.strictObject({ event: z.literal("vote-cast"), ...base, to: NodeId, ballot: Ballot, value: Value }),
  z.strictObject({ event: z.literal("accepted-received"), ...base, from: NodeId, ballot: Ballot, value: Value }),
  z.strictObject({ event: z.literal("value-learned"), ...base, ballot: Ballot, value: Value }),
  z.strictObject({ event: z.literal("timeout"), ...base, ballot: Ballot.nullable() }),
  /** The node stopped (its volatile state is gone); it does nothing until it restarts. */
  z.strictObject({ event: z.literal("crash"), ...nodeWide }),
  /** The node started again over its durable state (a kill -9 logs no crash: a restart alone says it). */
  z.strictObject({ event: z.literal("restart"), ...nodeWide }),
]);
export type TraceEvent = z.infer<typeof TraceEvent>;
export type TraceSink = (e: TraceEvent) => void;

/**
 * Append events to `file` as JSON lines, each with a wall-clock `at` (ms) for readers. Each line
 * is written synchronously, before the node sends the message it records, so that a kill -9
 * cannot leave a message received by others but missing from its sender's log.
 */
export function jsonLinesSink(file: string): { sink: TraceSink; close(): Promise<void> } {
  let fd: number | null = openSync(file, "a");
  return {
    sink: (e) => void (fd !== null && writeSync(fd, `${JSON.stringify({ at: Date.now(), ...e })}\n`)),
    close: async () => {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

/** One event of a trace file, with where it was read (line numbers count from 1, blank lines included). */
export type LoggedEvent = { readonly file: string; readonly line: number; readonly event: TraceEvent };

/** A line of a trace file that is not a valid event: names the file, the line and the field. */
export class TraceLogError extends Error {
  override readonly name = "TraceLogError";
  constructor(readonly file: string, readonly line: number, readonly detail: string) {
    super(`${file} line ${line}: ${detail}`);
  }
}

/** The `at` stamp is for readers only: wall clocks of different nodes do not order events. */
const Line = z.looseObject({ at: z.number().optional() });

/** Parse a JSON-lines trace read from `file`; throws a TraceLogError on the first bad line. */
export function parseTraceLines(text: string, file: string): LoggedEvent[] {
  const events: LoggedEvent[] = [];
  text.split("\n").forEach((raw, i) => {
    if (raw.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      throw new TraceLogError(file, i + 1, `not JSON (${(e as Error).message})`);
    }
    const stamped = Line.safeParse(json);
    if (!stamped.success) throw new TraceLogError(file, i + 1, describe(stamped.error.issues));
    const { at: _at, ...rest } = stamped.data;
    const r = TraceEvent.safeParse(rest);
    if (!r.success) throw new TraceLogError(file, i + 1, describe(r.error.issues));
    events.push({ file, line: i + 1, event: r.data });
  });
  return events;
}

function describe(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((x) => `${x.path.length ? `field ${x.path.join(".")}` : "event"}: ${x.message}`).join("; ");
}

/** Parse a JSON-lines trace; throws naming the line and field on the first bad one. */
export function parseTraceLog(text: string): TraceEvent[] {
  return parseTraceLines(text, "trace").map((e) => e.event);
}
