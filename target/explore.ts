// Bounded exhaustive exploration of a target: every schedule of Synod's commands up to a depth,
// each step judged by the invariants. A target cannot be copied or rolled back, so the walk keeps
// one live run and extends it while it goes down the tree; to move to a sibling it starts a fresh
// run and replays the shared prefix (already judged). Commands that do the same thing (two copies
// of one message in flight) are taken once. Nothing is pruned by state: a black-box target may
// differ inside where its observable state does not, so only the tree itself is bounded.
//
// What is pruned instead is order alone (sleep sets, Godefroid's partial-order reduction): every
// call of a target is about one node, so two commands about different nodes that take different
// messages and spend no common budget lead to the same state in either order. After the subtree of
// one command is explored, its later siblings' subtrees skip it for as long as they only take
// commands independent of it: every schedule is still covered up to such reordering.
import type { Target } from "./target.ts";
import { TargetFault, TargetRun, type RunOptions, type TargetStep } from "./run.ts";
import type { TargetCommand } from "./command.ts";
import { playCommands, type TargetScheduleRun } from "./schedule.ts";
import { minimizeTargetRun } from "./minimize.ts";
import { recipientOf } from "./describe.ts";

export type ExploreOptions = RunOptions & {
  readonly depth: number;
  /** Sleep sets (default on); off walks every order, for measuring what they save and checking they lose no state. */
  readonly reduce?: boolean;
  /** Called every `progressEvery` judged transitions. */
  readonly onProgress?: (p: { transitions: number; paths: number; seconds: number }) => void;
  readonly progressEvery?: number;
};

export type ExploreResult = {
  readonly passed: boolean;
  /** Complete schedules (leaves) judged. */
  readonly paths: number;
  /** Transitions of the tree judged, each once. */
  readonly transitions: number;
  /** Steps played on the target, replayed prefixes included. */
  readonly stepsPlayed: number;
  /** Leaves at which a value was chosen. */
  readonly pathsChoosing: number;
  readonly distinctStates: number;
  readonly seconds: number;
  /** The first failing schedule found, minimized. */
  readonly failure?: TargetScheduleRun;
};

/** What a command does, whichever copy of an identical message it takes. */
function keyOf(c: TargetCommand): string {
  return c.kind === "deliver" ? `deliver ${c.keep} ${c.message}` : c.kind === "lose" ? `lose ${c.message}` : JSON.stringify(c);
}

/** Commands that differ only in which copy of an identical message they take: one of each. */
function distinct(commands: readonly TargetCommand[]): TargetCommand[] {
  const seen = new Set<string>();
  return commands.filter((c) => {
    const k = keyOf(c);
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

/** The node a command is about (a loss is about no node), and the budget it spends. */
function footprint(c: TargetCommand): { node: string | null; message: string | null; budget: string | null } {
  switch (c.kind) {
    case "propose":
      return { node: c.proposer, message: null, budget: null };
    case "timeout":
      return { node: c.proposer, message: null, budget: "retries" };
    case "deliver":
      return { node: recipientOf(c.message), message: c.message, budget: c.keep ? "duplicates" : null };
    case "lose":
      return { node: null, message: c.message, budget: "losses" };
    case "crash":
      return { node: c.node, message: null, budget: `crash ${c.node.replace(/\d+$/, "")}` };
    case "restart":
      return { node: c.node, message: null, budget: null };
  }
}

/**
 * Two commands commute, and neither disables the other, when they are about different nodes, take
 * different messages and spend different budgets. Conservative: a crash budget is per role prefix.
 */
export function independent(a: TargetCommand, b: TargetCommand): boolean {
  const x = footprint(a);
  const y = footprint(b);
  if (x.node !== null && x.node === y.node) return false;
  if (x.message !== null && x.message === y.message) return false;
  return x.budget === null || x.budget !== y.budget;
}

export async function exploreTarget<M>(target: Target<M>, o: ExploreOptions): Promise<ExploreResult> {
  const t0 = performance.now();
  let [paths, transitions, stepsPlayed, pathsChoosing] = [0, 0, 0, 0];
  const states = new Set<string>();
  const every = o.progressEvery ?? 10_000;
  let live: TargetRun<M> | null = null;
  let at: TargetCommand[] = []; // the commands the live run has taken
  let failing: TargetCommand[] | null = null;

  const runTo = async (prefix: readonly TargetCommand[]): Promise<TargetRun<M>> => {
    if (live && at.length === prefix.length && at.every((c, i) => c === prefix[i])) return live;
    await live?.close();
    live = await TargetRun.start(target, o);
    for (const c of prefix) await live.step(c);
    stepsPlayed += prefix.length;
    at = [...prefix];
    return live;
  };

  // Depth first, each node's commands computed once when it is first reached; `sleep` holds the
  // commands whose schedules from here were already covered in another order.
  const visit = async (prefix: TargetCommand[], commands: readonly TargetCommand[], sleep: readonly TargetCommand[]): Promise<boolean> => {
    const done: TargetCommand[] = [];
    const asleep = new Set(sleep.map(keyOf));
    for (const c of commands) {
      if (asleep.has(keyOf(c))) continue;
      const run = await runTo(prefix);
      const s: TargetStep = await run.step(c);
      stepsPlayed++;
      transitions++;
      at = [...prefix, c];
      states.add(run.stateKey());
      if (o.onProgress && transitions % every === 0) o.onProgress({ transitions, paths, seconds: (performance.now() - t0) / 1000 });
      if (!s.ok) {
        failing = at;
        return false;
      }
      const childSleep = o.reduce === false ? [] : [...sleep, ...done].filter((x) => independent(x, c));
      done.push(c);
      const next = prefix.length + 1 < o.depth ? distinct(run.commands()) : [];
      if (next.length === 0) {
        const rejected = o.judgeRun?.(run.events, run.roles);
        if (rejected) {
          failing = at.slice(0, rejected.step);
          return false;
        }
        paths++;
        if (run.chosen) pathsChoosing++;
        continue;
      }
      if (!(await visit([...prefix, c], next, childSleep))) return false;
    }
    return true;
  };

  try {
    const root = await runTo([]);
    states.add(root.stateKey());
    await visit([], o.depth > 0 ? distinct(root.commands()) : [], []);
  } catch (err) {
    // A cluster that could not be created: the failure is that, at step 0 (schedule.ts).
    if (!(err instanceof TargetFault)) throw err;
    failing = [];
  } finally {
    await (live as TargetRun<M> | null)?.close();
  }
  const base = { paths, transitions, stepsPlayed, pathsChoosing, distinctStates: states.size };
  if (failing === null) return { passed: true, ...base, seconds: (performance.now() - t0) / 1000 };
  const failure = await minimizeTargetRun(target, o, await playCommands(target, o, failing));
  return { passed: false, ...base, seconds: (performance.now() - t0) / 1000, failure };
}
