// Helpers of the examples' tests: one budget for every model-based search, a one-line summary of
// a result to assert on, a wrapper that counts how often a safe look-alike's difference happens
// (so its pass is not a pass of code that never ran), and a driver for hand-written schedules.
import { fileURLToPath } from "node:url";
import type { Envelope, Target, TargetCluster } from "../../target/target.ts";
import { Meaning } from "../../target/vocabulary.ts";
import type { TargetMbtResult } from "../../target/property.ts";
import type { ExploreResult } from "../../target/explore.ts";
import type { TargetStep } from "../../target/run.ts";
import type { TargetCommand } from "../../target/command.ts";
import { TargetRun } from "../../target/run.ts";
import { parseTargetConfig, type TargetConfigInput } from "../../target/config.ts";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The default configuration (3 acceptors, 2 proposers, 2 retries, a loss, 2 duplicates, a crash of each role). */
export const CONFIG = parseTargetConfig({});
/** No faults, no retries: where bounded exploration reaches a useful depth. */
export const QUIET: TargetConfigInput = { retries: 0, losses: 0, duplicates: 0, proposerCrashes: 0, acceptorCrashes: 0 };

/** The model-based budget of every test here: 1,000 schedules of up to 60 steps. */
/** The default suite's budget; the deep test (examples.deep.test.ts) runs the 1,000 schedules of `synod mbt --target`. */
export const BUDGET = { runs: 150, seed: 1, maxSteps: 60, maxShrinkRuns: 300 } as const;

export type Caught = { readonly properties: readonly string[]; readonly steps: number; readonly fault: string | null };

/** What a failing search or exploration found: the properties broken at the last step, the length, or the fault. */
export function caught(r: TargetMbtResult | ExploreResult): Caught | null {
  const run = "failure" in r && r.failure ? ("run" in r.failure ? r.failure.run : r.failure) : undefined;
  const failed = run?.failed;
  if (!run || !failed) return null;
  return { properties: [...new Set(failed.broken.map((b) => b.property))], steps: run.steps.length, fault: failed.fault };
}

/** The failing run, one line a step, for a failure message. */
export function trace(r: TargetMbtResult | ExploreResult): string {
  const run = "failure" in r && r.failure ? ("run" in r.failure ? r.failure.run : r.failure) : undefined;
  return (run?.steps ?? []).map((s) => `${s.step} ${s.description} => ${s.sent.join(" | ")}${s.broken.length ? `  BROKEN ${s.broken.map((b) => b.message).join("; ")}` : ""}`).join("\n");
}

/**
 * Counts, over every run of `target`, the deliveries and sends `notice` marks: `notice` sees each
 * delivered envelope's meaning and each sent one's, with a per-run memory, and says whether this
 * is the look-alike's difference at work.
 */
export function counting<M>(
  target: Target<M>,
  notice: (event: { readonly kind: "deliver" | "sent"; readonly from: string; readonly to: string; readonly meaning: Meaning }, memory: Map<string, unknown>) => boolean,
): { readonly target: Target<M>; readonly count: () => number } {
  let n = 0;
  const meaningOf = (msg: M) => Meaning.parse(target.meaning(msg));
  const wrapped: Target<M> = {
    ...target,
    async create(roles) {
      const c: TargetCluster<M> = await target.create(roles);
      const memory = new Map<string, unknown>();
      const seen = async <E,>(effects: E | Promise<E>): Promise<E> => {
        const e = await effects;
        for (const s of (e as { sent?: readonly Envelope<M>[] } | undefined)?.sent ?? []) if (notice({ kind: "sent", from: s.from, to: s.to, meaning: meaningOf(s.msg) }, memory)) n++;
        return e;
      };
      const out: TargetCluster<M> = {
        propose: (p, v) => seen(c.propose(p, v)),
        timeout: (p) => seen(c.timeout(p)),
        deliver: (e) => {
          if (notice({ kind: "deliver", from: e.from, to: e.to, meaning: meaningOf(e.msg) }, memory)) n++;
          return seen(c.deliver(e));
        },
        crash: (node) => seen(c.crash(node)),
        restart: (node) => seen(c.restart(node)),
        ...(c.close ? { close: () => c.close!() } : {}),
      };
      if (c.acceptorState) out.acceptorState = (a) => c.acceptorState!(a);
      return out;
    },
  };
  return { target: wrapped, count: () => n };
}

/**
 * Plays a hand-written schedule: each entry is a command's description or a part of it (the
 * first command of the run whose description contains it is taken). Stops at the first step
 * that is not ok.
 */
export async function drive<M>(target: Target<M>, config: TargetConfigInput, schedule: readonly string[]): Promise<TargetStep[]> {
  const run = await TargetRun.start(target, { config: parseTargetConfig(config), seed: 1 });
  const steps: TargetStep[] = [];
  try {
    for (const want of schedule) {
      const commands = run.commands();
      const step = await (async () => {
        for (const c of commands) {
          const s = label(c);
          if (s.includes(want)) return run.step(c);
        }
        throw new Error(`step ${steps.length + 1}: no command matches '${want}'; possible:\n  ${commands.map(label).join("\n  ")}`);
      })();
      steps.push(step);
      if (!step.ok) break;
    }
    return steps;
  } finally {
    await run.close();
  }
}

function label(c: TargetCommand): string {
  switch (c.kind) {
    case "propose":
      return `${c.proposer} proposes`;
    case "timeout":
      return `${c.proposer} times out`;
    case "deliver":
      return `deliver${c.keep ? " a copy of" : ""} ${c.message}`;
    case "lose":
      return `lose ${c.message}`;
    case "crash":
      return `${c.node} crashes`;
    case "restart":
      return `${c.node} restarts`;
  }
}
