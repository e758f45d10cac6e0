// Operations a write-once register's history can lose without changing its verdict, dropped
// before the search (whose cost grows with every open-ended operation):
// - a read whose answer is unknown constrains nothing and changes nothing;
// - a proposal whose answer is unknown and whose value no operation answered: had it taken
//   effect before any completed operation, that one would have answered its value, so it
//   took effect after all of them or never, and either way it can go last.
import type { Operation } from "./operations.ts";

export function simplify(ops: readonly Operation[]): Operation[] {
  const answered = new Set(ops.map((o) => o.output));
  return ops.filter((o) => o.output !== undefined || (o.f === "propose" && answered.has(o.input)));
}
