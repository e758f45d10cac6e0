// The linearizability check of one history (Wing and Gong's search, with Lowe's memoisation,
// as Porcupine does it). Calls and returns are walked in time order; at each step the search
// tries to linearize an operation whose call has been seen (it took effect now), and
// backtracks when it reaches the return of an operation it has not linearized (that operation
// had to take effect before returning). A (set of linearized operations, state) pair seen
// before is not explored again. Exponential in the worst case: it stops at a deadline.
import type { Model } from "./model.ts";
import type { Operation } from "./operations.ts";

export type Verdict = "linearizable" | "not linearizable" | "unknown";

type Entry = { op: number; call: boolean; time: number; prev: number; next: number; match: number };

export function checkOperations<S>(model: Model<S>, ops: readonly Operation[], deadline = Infinity): Verdict {
  if (ops.length === 0) return "linearizable";
  const list = entriesOf(ops);
  const HEAD = list.length - 1;
  const words = Math.ceil(ops.length / 32);
  const linearized = new Uint32Array(words);
  const seen = new Set<string>();
  const stack: { entry: number; state: S }[] = [];
  let state = model.init();
  let entry = list[HEAD]!.next;
  const lift = (i: number) => {
    const call = list[i]!;
    const ret = list[call.match]!;
    list[call.prev]!.next = call.next;
    if (call.next >= 0) list[call.next]!.prev = call.prev;
    list[ret.prev]!.next = ret.next;
    if (ret.next >= 0) list[ret.next]!.prev = ret.prev;
  };
  const unlift = (i: number) => {
    const call = list[i]!;
    const ret = list[call.match]!;
    list[ret.prev]!.next = call.match;
    if (ret.next >= 0) list[ret.next]!.prev = call.match;
    list[call.prev]!.next = i;
    if (call.next >= 0) list[call.next]!.prev = i;
  };
  for (let steps = 0; list[HEAD]!.next >= 0; steps++) {
    if ((steps & 1023) === 0 && Date.now() > deadline) return "unknown";
    const e = list[entry]!;
    if (e.call) {
      const next = model.step(state, ops[e.op]!);
      if (next !== null) {
        linearized[e.op >> 5]! |= 1 << (e.op & 31);
        const key = `${linearized.join(",")}|${model.stateKey(next.state)}`;
        if (!seen.has(key)) {
          seen.add(key);
          stack.push({ entry, state });
          state = next.state;
          lift(entry);
          entry = list[HEAD]!.next;
          continue;
        }
        linearized[e.op >> 5]! &= ~(1 << (e.op & 31));
      }
      entry = e.next;
      continue;
    }
    // The return of an operation not linearized yet: undo the last choice.
    const top = stack.pop();
    if (!top) return "not linearizable";
    const op = list[top.entry]!.op;
    linearized[op >> 5]! &= ~(1 << (op & 31));
    state = top.state;
    unlift(top.entry);
    entry = list[top.entry]!.next;
  }
  return "linearizable";
}

/** Calls and returns in time order (a call before a return at the same instant), then a head. */
function entriesOf(ops: readonly Operation[]): Entry[] {
  const raw = ops.flatMap((o, i) => [
    { op: i, call: true, time: o.call },
    { op: i, call: false, time: o.ret },
  ]);
  raw.sort((a, b) => a.time - b.time || (a.call === b.call ? a.op - b.op : a.call ? -1 : 1));
  const list: Entry[] = raw.map((r, i) => ({ ...r, prev: i - 1, next: i + 1 < raw.length ? i + 1 : -1, match: -1 }));
  const callAt = new Map<number, number>();
  list.forEach((e, i) => {
    if (e.call) callAt.set(e.op, i);
    else {
      const c = callAt.get(e.op)!;
      list[c]!.match = i;
      e.match = c;
    }
  });
  const head = list.length;
  list.push({ op: -1, call: false, time: -Infinity, prev: -1, next: list.length ? 0 : -1, match: -1 });
  if (list.length > 1) list[0]!.prev = head;
  return list;
}
