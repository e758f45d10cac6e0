// The bounds and faults of the seed-004 models, parsed with zod. Each scheme has its own
// defaults (the situation the seed's argument is about) and its own fields: one acceptor in
// schemes 1 and 2, epochs from scheme 2 on. Faults are those of Basic Paxos: messages lost
// (up to a budget), duplicated (a delivered message may arrive again), proposers and acceptors
// crashing (acceptors keep their state) and restarting.
import { z } from "zod";
import type { ConfigField } from "../../checker/definition.ts";

export type DerivationConfig = {
  readonly acceptors: number;
  readonly proposers: number;
  /**
   * With duplication, the highest epoch a proposer may use (schemes 2 and 3); a retry past it is
   * cut off. Without, epochs are unbounded (renumber.ts) and this is not read.
   */
  readonly maxEpoch: number;
  readonly losses: number;
  readonly duplication: boolean;
  readonly proposerCrashes: number;
  readonly acceptorCrashes: number;
  /** Scheme 2: retry in the epoch after the refused one (scheme 3's epoch + 1) instead of the seed's accepted_epoch + 1. */
  readonly retryNextEpoch: boolean;
};

/** Which fields a scheme has, and its defaults. */
export type SchemeConfig = { readonly acceptors: boolean; readonly epochs: boolean; readonly retryChoice?: boolean; readonly defaults: Partial<DerivationConfig> };

export function configSchema(shape: SchemeConfig) {
  const d = { acceptors: 1, proposers: 2, maxEpoch: 3, losses: 0, duplication: false, proposerCrashes: 0, acceptorCrashes: 0, ...shape.defaults };
  return z.strictObject({
    ...(shape.acceptors ? { acceptors: z.number().int().min(1).max(5).default(d.acceptors) } : {}),
    proposers: z.number().int().min(1).max(3).default(d.proposers),
    ...(shape.epochs ? { maxEpoch: z.number().int().min(1).max(6).default(d.maxEpoch) } : {}),
    losses: z.number().int().min(0).max(4).default(d.losses),
    duplication: z.boolean().default(d.duplication),
    proposerCrashes: z.number().int().min(0).max(3).default(d.proposerCrashes),
    acceptorCrashes: z.number().int().min(0).max(3).default(d.acceptorCrashes),
    ...(shape.retryChoice ? { retryNextEpoch: z.boolean().default(false) } : {}),
  });
}

/** Parses a scheme's config, filling defaults; the error names the bad field. */
export function parseDerivationConfig(shape: SchemeConfig, input: unknown): DerivationConfig {
  const parsed = configSchema(shape).safeParse(withoutFixed(shape, input ?? {}));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join(".") || "(config)"}: ${issue.message}`);
  }
  return { ...FIXED, ...parsed.data } as DerivationConfig;
}

/** The fields a scheme does not have, at the values it fixes them to (a parsed config, as traces record it). */
const FIXED = { acceptors: 1, maxEpoch: 0, retryNextEpoch: false } as const;

/** The input without the fields the scheme fixes, where they hold the fixed value: a parsed config parses again. */
function withoutFixed(shape: SchemeConfig, input: unknown): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  const has = { acceptors: shape.acceptors, maxEpoch: shape.epochs, retryNextEpoch: shape.retryChoice === true };
  const out: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const field of Object.keys(FIXED) as (keyof typeof FIXED)[]) if (!has[field] && out[field] === FIXED[field]) delete out[field];
  return out;
}

export function configFields(shape: SchemeConfig): ConfigField[] {
  const d = { proposers: 2, maxEpoch: 3, acceptors: 1, ...shape.defaults };
  return [
    ...(shape.acceptors ? [{ field: "acceptors", flag: "acceptors", kind: "int" as const, help: `number of acceptors a1..aN (1-5, default ${d.acceptors})` }] : []),
    { field: "proposers", flag: "proposers", kind: "int", help: `number of proposers p1..pM, proposing A, B, C (1-3, default ${d.proposers})` },
    ...(shape.epochs ? [{ field: "maxEpoch", flag: "max-epoch", kind: "int" as const, help: `with --duplication, the highest epoch a proposer may use (1-6, default ${d.maxEpoch}); without, epochs are unbounded` }] : []),
    { field: "losses", flag: "losses", kind: "int", help: `messages the network may lose in a run (0-4, default ${shape.defaults.losses ?? 0})` },
    { field: "duplication", flag: "duplication", kind: "on", help: "a delivered message may be delivered again" },
    { field: "proposerCrashes", flag: "proposer-crashes", kind: "int", help: `proposer crashes in a run (0-3, default ${shape.defaults.proposerCrashes ?? 0})` },
    { field: "acceptorCrashes", flag: "acceptor-crashes", kind: "int", help: `acceptor crashes in a run; an acceptor keeps its state (0-3, default ${shape.defaults.acceptorCrashes ?? 0})` },
    ...(shape.retryChoice ? [{ field: "retryNextEpoch", flag: "retry-next-epoch", kind: "on" as const, help: "retry in the epoch after the refused one, not the seed's accepted_epoch + 1" }] : []),
  ];
}

const VALUES = ["A", "B", "C"] as const;

export function acceptorIds(config: DerivationConfig): string[] {
  return Array.from({ length: config.acceptors }, (_, i) => `a${i + 1}`);
}

/** Proposer i (p1, p2, ...) and the value its client asks it to propose. */
export function proposerInputs(config: DerivationConfig): { id: string; input: string }[] {
  return Array.from({ length: config.proposers }, (_, i) => ({ id: `p${i + 1}`, input: VALUES[i]! }));
}
