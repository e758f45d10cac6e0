// Seeded random walks over any object Model, for configurations too large to exhaust. Each
// walk has its own seed (checker/prng.ts), so a failing walk is replayed exactly by that one
// seed. Every state of a walk is checked against every invariant, every step against every
// step check, as exhaustive exploration does; nothing is claimed about states not visited.
import type { Model } from "./model.ts";
import { Prng, walkSeed } from "./prng.ts";
import type { Counterexample } from "./result.ts";

export type SimulateOptions = {
  readonly seed: number;
  readonly walks: number;
  /** Steps per walk at most; a walk also ends where no action is enabled. */
  readonly maxSteps: number;
  readonly maxSeconds?: number;
  /** Run only walks k with k mod count = index. */
  readonly shard?: { readonly index: number; readonly count: number };
  readonly onProgress?: (done: { walks: number; steps: number; seconds: number }) => void;
};

export type SimulateResult<S, A> = {
  readonly verdict: "ok" | "violation" | "incomplete";
  readonly walks: number;
  readonly steps: number;
  readonly seconds: number;
  readonly walksPerSecond: number;
  /** The failing walk: its own seed replays it with `walks: 1`. */
  readonly failure?: { readonly walk: number; readonly seed: number; readonly violation: Counterexample<S, A> };
  readonly incompleteReason?: string;
  readonly witnesses: readonly { readonly id: string; readonly reached: boolean }[];
};

export function simulate<S, A>(model: Model<S, A>, options: SimulateOptions): SimulateResult<S, A> {
  const start = performance.now();
  const seconds = () => (performance.now() - start) / 1000;
  const reached = model.witnesses.map(() => false);
  const shard = options.shard ?? { index: 0, count: 1 };
  let walks = 0;
  let steps = 0;
  let lastReport = start;
  const result = (verdict: SimulateResult<S, A>["verdict"], extra: Partial<SimulateResult<S, A>> = {}): SimulateResult<S, A> => {
    const s = seconds();
    return { verdict, walks, steps, seconds: s, walksPerSecond: s > 0 ? walks / s : 0, witnesses: model.witnesses.map((w, i) => ({ id: w.id, reached: reached[i]! })), ...extra };
  };
  for (let k = shard.index; k < options.walks; k += shard.count) {
    if (options.maxSeconds !== undefined && seconds() > options.maxSeconds) {
      return result("incomplete", { incompleteReason: `time budget reached after ${walks} walks: more than ${options.maxSeconds} s` });
    }
    const seed = walkSeed(options.seed, k);
    const walk = randomWalk(model, seed, options.maxSteps, reached);
    walks++;
    steps += walk.steps;
    if (walk.violation) return result("violation", { failure: { walk: k, seed, violation: walk.violation } });
    if (options.onProgress && performance.now() - lastReport > 500) {
      lastReport = performance.now();
      options.onProgress({ walks, steps, seconds: seconds() });
    }
  }
  return result("ok");
}

/** One walk from a seed: the choices depend on nothing else, so the seed replays it. */
export function randomWalk<S, A>(model: Model<S, A>, seed: number, maxSteps: number, reached: boolean[] = []): { steps: number; violation?: Counterexample<S, A> } {
  const rng = new Prng(seed);
  const initials = model.initialStates();
  const initial: S = initials[rng.below(initials.length)] as S;
  const path: { action: A; state: S }[] = [];
  const fail = (kind: "invariant" | "step", property: string, message: string) => ({ steps: path.length, violation: { kind, property, message, initial, steps: path } });
  // Invariants before step checks, in the order exploration and replay report them.
  const broken = (s: S) => {
    model.witnesses.forEach((w, j) => {
      if (!reached[j] && w.reached(s)) reached[j] = true;
    });
    for (const inv of model.invariants) {
      const message = inv.check(s);
      if (message !== null) return { id: inv.id, message };
    }
    return undefined;
  };
  const atStart = broken(initial);
  if (atStart) return fail("invariant", atStart.id, atStart.message);
  let state = initial;
  for (let i = 0; i < maxSteps; i++) {
    const actions = model.actions(state);
    if (actions.length === 0) break;
    const action = actions[rng.below(actions.length)]!;
    const after = model.next(state, action);
    path.push({ action, state: after });
    const inv = broken(after);
    if (inv) return fail("invariant", inv.id, inv.message);
    for (const step of model.stepChecks) {
      const message = step.check(state, after);
      if (message !== null) return fail("step", step.id, message);
    }
    state = after;
  }
  return { steps: path.length };
}
