// The bounds and faults of a target run, parsed with zod (errors name the field). Like the
// model's config (model/basic-paxos/config.ts), each fault is a budget per run; which faults are
// generated at all also depends on what the target declares (an amnesic acceptor never restarts).
import { z } from "zod";
import type { Capabilities, Roles } from "./vocabulary.ts";

export const TargetConfig = z.strictObject({
  acceptors: z.number().int().min(1).max(7).default(3),
  proposers: z.number().int().min(1).max(4).default(2),
  /** Learners of their own, for a target that declares them (otherwise the proposers learn). */
  learners: z.number().int().min(1).max(3).default(1),
  /** Proposer timers that fire in one run, over all proposers. */
  retries: z.number().int().min(0).max(6).default(2),
  /** Messages the network may lose in one run. */
  losses: z.number().int().min(0).max(6).default(1),
  /** Deliveries that keep the message in flight (a duplicate) in one run. */
  duplicates: z.number().int().min(0).max(6).default(2),
  proposerCrashes: z.number().int().min(0).max(3).default(1),
  acceptorCrashes: z.number().int().min(0).max(3).default(1),
});
export type TargetConfig = z.output<typeof TargetConfig>;
export type TargetConfigInput = z.input<typeof TargetConfig>;

export class TargetConfigError extends Error {
  override readonly name = "TargetConfigError";
}

export function parseTargetConfig(input: unknown): TargetConfig {
  const r = TargetConfig.safeParse(input ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new TargetConfigError(`${issue.path.join(".") || "(config)"}: ${issue.message}`);
}

const INPUTS = ["A", "B", "C", "D"] as const;

/** The roles a run gives the target: a1..aN, p1..pM with inputs A.., and l1..lK when it has learners of its own. */
export function rolesFor(config: TargetConfig, capabilities: Capabilities, seed: number): Roles {
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
  const proposers = ids("p", config.proposers);
  return {
    acceptors: ids("a", config.acceptors),
    proposers,
    learners: capabilities.learners === "separate" ? ids("l", config.learners) : [],
    inputs: Object.fromEntries(proposers.map((p, i) => [p, INPUTS[i]!])),
    seed,
  };
}
