// Operations from a history: each invocation paired with its completion. An operation has an
// interval [call, ret]; it took effect at one instant inside it, if at all. An operation
// whose completion is info (or missing: the client died) is open-ended (ret = Infinity) and
// its output unknown. Failed operations certainly did not happen and are left out.
import type { History } from "./history.ts";

export type Operation = {
  readonly id: number;
  readonly process: number;
  readonly f: "propose" | "read";
  readonly key: string;
  /** The value proposed (null for a read). */
  readonly input: string | null;
  /** What the client saw: the chosen value, null for none, or undefined if unknown (info). */
  readonly output: string | null | undefined;
  readonly call: number;
  readonly ret: number;
};

export class HistoryOrderError extends Error {
  override readonly name = "HistoryOrderError";
}

export function operations(history: History): Operation[] {
  const open = new Map<number, { f: "propose" | "read"; key: string; input: string | null; call: number }>();
  const ops: Operation[] = [];
  const add = (process: number, o: { f: "propose" | "read"; key: string; input: string | null; call: number }, output: string | null | undefined, ret: number) =>
    ops.push({ id: ops.length, process, ...o, output, ret });
  for (const e of history) {
    if (e.type === "invoke") {
      if (open.has(e.process)) throw new HistoryOrderError(`process ${e.process} invoked ${e.f} ${e.key} while an operation of it was open`);
      open.set(e.process, { f: e.f, key: e.key, input: e.value, call: e.time });
      continue;
    }
    const o = open.get(e.process);
    if (!o) throw new HistoryOrderError(`process ${e.process} completed (${e.type}) an operation it never invoked`);
    open.delete(e.process);
    if (e.type === "ok") add(e.process, o, e.value, e.time);
    else if (e.type === "info") add(e.process, o, undefined, Infinity);
  }
  for (const [process, o] of open) add(process, o, undefined, Infinity);
  return ops;
}
