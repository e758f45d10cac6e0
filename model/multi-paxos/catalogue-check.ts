// How a catalogue entry of Multi-Paxos is checked, once for the tests, the docs and verify: an
// unsafe variant until BFS finds its shortest counterexample, a safe look-alike up to a state
// budget (its space is too large to exhaust, so it passes as "no violation in so many states",
// never as verified), a count rather than seconds so that the result is the same on any machine.
import { check } from "../../checker/check.ts";
import type { CheckResult } from "../../checker/result.ts";
import { definition } from "./definition.ts";
import { variantConfigInput, type MultiPaxosVariant } from "./catalogue.ts";

export const LOOK_ALIKE_STATES = 20_000;

export const lookAlikeStates = (v: MultiPaxosVariant): number => v.states ?? LOOK_ALIKE_STATES;

export function checkVariant(v: MultiPaxosVariant): Promise<CheckResult<unknown, unknown>> {
  const config = definition.parseConfig(variantConfigInput(v));
  return check({ definition, config, variant: v.name }, v.safe ? { maxStates: lookAlikeStates(v) } : {}) as Promise<CheckResult<unknown, unknown>>;
}

/** The stable-leader check of docs/multi-paxos.md and the verify stage. */
export const stableLeaderConfig = { elections: 1, crashes: 0 } as const;

export const checkStableLeader = () => check({ definition, config: definition.parseConfig(stableLeaderConfig) }, { liveness: true }) as Promise<CheckResult<unknown, unknown>>;
