// A minimal anomaly: the history of one key that is not linearizable, shrunk, one step at a time, by
// steps that can only make it easier to linearize, kept while it stays non-linearizable. So
// the minimal anomaly proves the whole history wrong, and no step can shrink it further. The steps:
// drop a read (one constraint less); forget what a proposal answered and when it ended (it
// becomes open-ended, as if its client had died); drop a proposal whose value no remaining
// operation answers (it cannot have taken effect before any of them).
import { checkOperations } from "./wgl.ts";
import type { Model } from "./model.ts";
import type { Operation } from "./operations.ts";

export function minimalAnomaly<S>(model: Model<S>, ops: readonly Operation[], deadline = Infinity): Operation[] {
  let current = [...ops];
  const wrong = (candidate: Operation[]) => checkOperations(model, candidate, deadline) === "not linearizable";
  for (let shrunk = true; shrunk && Date.now() <= deadline; ) {
    shrunk = false;
    for (const candidate of steps(current)) {
      if (wrong(candidate)) {
        current = candidate;
        shrunk = true;
        break;
      }
    }
  }
  return current.sort((a, b) => a.call - b.call);
}

function* steps(ops: Operation[]): Generator<Operation[]> {
  const without = (i: number) => ops.filter((_, j) => j !== i);
  for (let i = ops.length - 1; i >= 0; i--) {
    const o = ops[i]!;
    if (o.f === "read") yield without(i);
  }
  for (let i = ops.length - 1; i >= 0; i--) {
    const o = ops[i]!;
    if (o.f !== "propose") continue;
    if (!ops.some((x, j) => j !== i && x.output === o.input)) yield without(i);
    if (o.output !== undefined) yield ops.map((x, j) => (j === i ? { ...x, output: undefined, ret: Infinity } : x));
  }
}
