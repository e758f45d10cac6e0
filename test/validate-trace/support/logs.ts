// Trace logs as editable lines, for doctoring copies of a real run's logs in tests: each
// doctored copy must be rejected at the right event with the right reason.
import { readFile } from "node:fs/promises";
import * as path from "node:path";
import { parseTraceLines, type TraceEvent } from "../../../impl/trace-log.ts";
import { validateTrace, type TraceVerdict } from "../../../tracecheck/validate.ts";

/** Each log's lines, by file name (not path, so that rejections name a short file). */
export type Logs = ReadonlyMap<string, readonly string[]>;

export async function readLogs(files: readonly string[]): Promise<Logs> {
  const logs = new Map<string, string[]>();
  for (const f of files) logs.set(path.basename(f), (await readFile(f, "utf8")).split("\n").filter((l) => l.trim() !== ""));
  return logs;
}

export function validateLogs(logs: Logs): TraceVerdict {
  return validateTrace([...logs].flatMap(([file, lines]) => parseTraceLines(lines.join("\n"), file)));
}

/** The line index (0-based) of the first event in `file`, from `from` on, that `match` accepts; throws if none. */
export function findLine(logs: Logs, file: string, match: (e: TraceEvent) => boolean, from = 0): number {
  const lines = logs.get(file)!;
  for (let i = from; i < lines.length; i++) if (match(event(lines[i]!))) return i;
  throw new Error(`no such event in ${file}`);
}

export function event(line: string): TraceEvent {
  const { at: _at, ...e } = JSON.parse(line) as TraceEvent & { at: number };
  return e as TraceEvent;
}

/** A copy of `logs` with `file`'s lines replaced by `edit(lines)`. */
export function doctor(logs: Logs, file: string, edit: (lines: string[]) => string[]): Logs {
  return new Map([...logs].map(([f, lines]) => [f, f === file ? edit([...lines]) : lines]));
}
