// Check a whole history of the register store: keys are independent registers, so each key's
// operations are checked on their own (linearizability is compositional), each within a time
// budget; a key that is not linearizable comes with its minimal anomaly.
import { writeOnceRegister } from "./register-model.ts";
import { operations, type Operation } from "./operations.ts";
import { checkOperations } from "./wgl.ts";
import { minimalAnomaly } from "./minimal-anomaly.ts";
import { simplify } from "./simplify.ts";
import type { History } from "./history.ts";

export type Anomaly = { readonly key: string; readonly operations: number; readonly minimal: readonly Operation[] };

export type LinearizabilityReport = {
  readonly operations: number;
  readonly keys: number;
  readonly linearizable: number;
  readonly anomalies: readonly Anomaly[];
  /** Keys whose check ran out of time: neither verdict. */
  readonly unknown: readonly string[];
  readonly ms: number;
};

export function checkHistory(history: History, o: { msPerKey?: number } = {}): LinearizabilityReport {
  const started = Date.now();
  const ops = operations(history);
  const byKey = new Map<string, Operation[]>();
  for (const op of ops) byKey.set(op.key, [...(byKey.get(op.key) ?? []), op]);
  const anomalies: Anomaly[] = [];
  const unknown: string[] = [];
  let linearizable = 0;
  for (const [key, keyOps] of byKey) {
    const local = simplify(keyOps).map((op, id) => ({ ...op, id }));
    const deadline = Date.now() + (o.msPerKey ?? 10_000);
    const verdict = checkOperations(writeOnceRegister, local, deadline);
    if (verdict === "linearizable") linearizable++;
    else if (verdict === "unknown") unknown.push(key);
    else anomalies.push({ key, operations: keyOps.length, minimal: minimalAnomaly(writeOnceRegister, local, deadline) });
  }
  return { operations: ops.length, keys: byKey.size, linearizable, anomalies, unknown, ms: Date.now() - started };
}
