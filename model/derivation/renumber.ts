// Epochs without a bound. The acceptors and proposers of seed 004 only compare epochs (>, ==),
// start at epoch 1 and step to an epoch + 1, so two states that differ only by a renumbering of
// their epochs that keeps their order, keeps which epoch is the next of which, and keeps 1 behave
// alike, step for step. Every state is therefore kept with its epochs renumbered densely: 1 stays
// 1, and each epoch is the one below it plus its distance to it, capped at 2. The number of
// epochs a state holds is bounded (each acceptor, proposer and message holds a few), so the
// renumbered model is finite while its proposers retry for ever: a livelock is a cycle, and a run
// that never decides a lasso, with no bound to cut it. With duplication on, every message ever
// sent stays in flight, their epochs pile up, and maxEpoch bounds them instead.
import { inFlightKey, type InFlight } from "./network.ts";

/** The fields that hold an epoch, wherever they are in a state. */
const EPOCH_FIELDS = new Set(["epoch", "lastPrepare", "acceptedEpoch"]);

function collect(value: unknown, out: Set<number>): void {
  if (Array.isArray(value)) for (const v of value) collect(v, out);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (EPOCH_FIELDS.has(k) && typeof v === "number" && v >= 1) out.add(v);
      else if (typeof v === "object") collect(v, out);
    }
  }
}

function rename<T>(value: T, to: ReadonlyMap<number, number>): T {
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const r = rename(v, to);
      if (r !== v) changed = true;
      return r;
    });
    return (changed ? out : value) as T;
  }
  if (value === null || typeof value !== "object") return value;
  let copy: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(value)) {
    const r = EPOCH_FIELDS.has(k) && typeof v === "number" && v >= 1 ? to.get(v)! : typeof v === "object" ? rename(v, to) : v;
    if (r !== v) (copy ??= { ...(value as Record<string, unknown>) })[k] = r;
  }
  return (copy ?? value) as T;
}

/** The state with its epochs renumbered densely; the same object when they already are. */
export function renumberEpochs<S extends { readonly network: readonly InFlight<unknown>[] }>(s: S): S {
  const epochs = new Set<number>([1]);
  collect(s, epochs);
  const sorted = [...epochs].sort((a, b) => a - b);
  const to = new Map<number, number>();
  let at = 1;
  sorted.forEach((e, i) => {
    if (i > 0) at += Math.min(e - sorted[i - 1]!, 2);
    to.set(e, at);
  });
  if (sorted.every((e) => to.get(e) === e)) return s;
  const renamed = rename(s, to);
  // Renamed messages sort differently.
  return { ...renamed, network: [...renamed.network].sort((x, y) => (inFlightKey(x) < inFlightKey(y) ? -1 : 1)) };
}
