// Protocol events, named like the protocol steps, that a node emits as it runs: the ghost
// log of the implementation. Snapshots (snapshot.ts) read them, and `synod serve --trace FILE`
// writes them as JSON lines for trace validation (issue 4).
import { createWriteStream } from "node:fs";
import { z } from "zod";
import { Ballot, NodeId, Value, Vote } from "../model/messages.ts";

const base = { node: NodeId, key: z.string() };
export const TraceEvent = z.discriminatedUnion("event", [
  /** A client asked this proposer to propose `value` (an input of the protocol). */
  z.strictObject({ event: z.literal("proposal-input"), ...base, value: Value }),
  z.strictObject({ event: z.literal("prepare-sent"), ...base, ballot: Ballot }),
  /** An acceptor promised `ballot` (after its promise was durable) and reported `voted`. */
  z.strictObject({ event: z.literal("promise-sent"), ...base, to: NodeId, ballot: Ballot, voted: Vote.nullable() }),
  z.strictObject({ event: z.literal("nack-sent"), ...base, to: NodeId, ballot: Ballot, promised: Ballot }),
  z.strictObject({ event: z.literal("accept-sent"), ...base, to: NodeId, ballot: Ballot, value: Value }),
  /** An acceptor voted for `value` in `ballot` and sent Accepted. */
  z.strictObject({ event: z.literal("vote-cast"), ...base, to: NodeId, ballot: Ballot, value: Value }),
  z.strictObject({ event: z.literal("accepted-received"), ...base, from: NodeId, ballot: Ballot, value: Value }),
  z.strictObject({ event: z.literal("value-learned"), ...base, ballot: Ballot, value: Value }),
  z.strictObject({ event: z.literal("timeout"), ...base, ballot: Ballot.nullable() }),
]);
export type TraceEvent = z.infer<typeof TraceEvent>;
export type TraceSink = (e: TraceEvent) => void;

/** Append events to `file` as JSON lines, each with a wall-clock `at` (ms) for readers. */
export function jsonLinesSink(file: string): { sink: TraceSink; close(): Promise<void> } {
  const out = createWriteStream(file, { flags: "a" });
  return {
    sink: (e) => void out.write(`${JSON.stringify({ at: Date.now(), ...e })}\n`),
    close: () => new Promise((r) => out.end(r)),
  };
}

/** Parse a JSON-lines trace; throws naming the line and field on the first bad one. */
export function parseTraceLog(text: string): TraceEvent[] {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((line, i) => {
      const { at: _at, ...rest } = JSON.parse(line) as Record<string, unknown>;
      const r = TraceEvent.safeParse(rest);
      if (!r.success) throw new Error(`trace line ${i + 1}: ${r.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")}`);
      return r.data;
    });
}
