// An anomaly in words, one operation per line, times relative to the first call, so that a
// reader sees at once which answers cannot be put in any order.
import type { Anomaly } from "./check.ts";
import type { Operation } from "./operations.ts";

export function describeOperation(op: Operation, t0: number): string {
  const what = op.f === "propose" ? `propose(${op.key}, ${op.input})` : `read(${op.key})`;
  const out = op.output === undefined ? "unknown (timed out)" : op.output === null ? "none" : op.output;
  const end = op.ret === Infinity ? "never answered" : `${(op.ret - t0).toFixed(1)} ms`;
  return `client ${op.process}: ${what} -> ${out}   [${(op.call - t0).toFixed(1)} ms .. ${end}]`;
}

export function describeAnomaly(a: Anomaly): string[] {
  const t0 = Math.min(...a.minimal.map((o) => o.call));
  return [`key '${a.key}' is not linearizable (${a.operations} operations); its minimal anomaly, ${a.minimal.length} operations:`, ...a.minimal.map((o) => `  ${describeOperation(o, t0)}`)];
}
