// The liveness of the Basic Paxos model (liveness.ts) on packed words: its two "eventually"
// properties, and which transitions are weakly fair (all but losses, crashes and restarts,
// which are the only steps that change a fault counter or a node's up flag). What the packed
// successors do not model (a distinguished proposer, stuck timeouts, the liveness variants'
// proposers) is named, so that such runs go to the object engine.
import type { ModelConfig } from "../config.ts";
import type { Rules } from "../../../protocol/rules.ts";
import { correctRules } from "../../../protocol/rules.ts";
import type { PaxosLayout } from "./layout.ts";
import { packedProgress } from "./progress.ts";

export function packedLiveness(L: PaxosLayout) {
  const chosen = packedProgress(L).goal;
  const { P } = L;
  const watched = [L.losses, L.proposerCrashes, L.acceptorCrashes, ...L.propUp, ...L.accUp];
  return {
    /** 0: eventually-chosen; 1: eventually-learned (every live proposer that started a ballot has learned). */
    goal(property: number, st: Int32Array, off: number): boolean {
      if (!chosen(st, off)) return false;
      if (property === 0) return true;
      for (let p = 0; p < P; p++) if (L.get(st, off, L.propUp[p]!) && L.get(st, off, L.round[p]!) > 0 && L.get(st, off, L.learned[p]!) === 0) return false;
      return true;
    },
    fairStep(before: Int32Array, bo: number, after: Int32Array, ao: number): boolean {
      for (const f of watched) if (L.get(before, bo, f) !== L.get(after, ao, f)) return false;
      return true;
    },
  };
}

/** What of the config or the rules the packed encoding does not model, or undefined. */
export function packedUnsupported(config: ModelConfig, rules: Rules): string | undefined {
  if (config.distinguished) return "a distinguished proposer";
  if (config.stuckTimeouts) return "timeouts only when stuck";
  if (!rules.retryAfterNack || rules.retryOnTimeout !== correctRules.retryOnTimeout) return "a variant's retry rule";
  return undefined;
}
