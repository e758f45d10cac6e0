// A client history as Jepsen records it: each operation is an invocation, then one
// completion: ok (it happened, with this output), fail (it certainly did not happen) or info
// (unknown: it may have happened, at any time after its invocation, or never). One JSON
// object per line when written to a file; zod-checked when read back.
import { z } from "zod";

export const HistoryEvent = z.strictObject({
  /** The client process; a process has at most one operation open at a time. */
  process: z.number().int().min(0),
  type: z.enum(["invoke", "ok", "fail", "info"]),
  f: z.enum(["propose", "read"]),
  key: z.string(),
  /** invoke: the value proposed (null for a read); ok: the output (null: none chosen). */
  value: z.string().nullable(),
  /** Monotonic time in milliseconds (only the order matters). */
  time: z.number(),
});
export type HistoryEvent = z.infer<typeof HistoryEvent>;
export type History = readonly HistoryEvent[];

export class HistoryFormatError extends Error {
  override readonly name = "HistoryFormatError";
}

/** Parse a JSON-lines history; throws naming the line and field. */
export function parseHistory(text: string): HistoryEvent[] {
  return text
    .split("\n")
    .map((l, i) => [l, i + 1] as const)
    .filter(([l]) => l.trim() !== "")
    .map(([l, line]) => {
      let json: unknown;
      try {
        json = JSON.parse(l);
      } catch {
        throw new HistoryFormatError(`history line ${line}: not JSON`);
      }
      const r = HistoryEvent.safeParse(json);
      if (!r.success) throw new HistoryFormatError(`history line ${line}: ${r.error.issues.map((x) => `${x.path.join(".") || "event"}: ${x.message}`).join("; ")}`);
      return r.data;
    });
}
