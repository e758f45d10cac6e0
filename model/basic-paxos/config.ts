// Bounds and faults of the Basic Paxos model, parsed with zod. The defaults are the
// configuration `npm start` verifies: 3 acceptors, 2 proposers with different values, one
// retry with a higher ballot, one message loss and unbounded duplication: 17.5 million
// states, 2.9 million classes up to renaming acceptors, exhausted on the packed engine in
// seconds under symmetry (docs/model.md has the figures).
import { z } from "zod";

export const ModelConfig = z.strictObject({
  /** Acceptors a1..aN; a quorum is a majority of them. */
  acceptors: z.number().int().min(1).max(5).default(3),
  /** Proposers p1..pM; proposer i proposes the i-th value (A, B, C, D). */
  proposers: z.number().int().min(1).max(4).default(2),
  /** Timeouts in one run, over all proposers: each retries with the proposer's next, higher ballot. */
  retries: z.number().int().min(0).max(4).default(1),
  /** The network may lose messages. */
  loss: z.boolean().default(true),
  /** How many messages may be lost in one run. */
  losses: z.number().int().min(0).max(6).default(1),
  /**
   * The network may duplicate messages: a delivered message stays in flight and may be
   * delivered again, any number of times, until it is lost (as in Paxos.tla, where msgs is
   * the set of all messages ever sent). Off: each message is delivered at most once.
   */
  duplication: z.boolean().default(true),
  /** How many proposer crashes may happen in one run (a crashed proposer may restart). */
  proposerCrashes: z.number().int().min(0).max(3).default(0),
  /** How many acceptor crashes may happen in one run (a crashed acceptor may restart). */
  acceptorCrashes: z.number().int().min(0).max(3).default(0),
  /** Negative-test fault: an acceptor restarts with its promise and vote lost. Breaks safety. */
  acceptorStateLoss: z.boolean().default(false),
  /** Acceptors answer a refused Prepare or Accept with a Nack instead of silence. */
  nacks: z.boolean().default(false),
  /** Seed 002's distinguished proposer: only p1 starts ballots; the others only learn (liveness). */
  distinguished: z.boolean().default(false),
  /** A proposer times out only once nothing of its ballot can still be delivered: an accurate timer (liveness). */
  stuckTimeouts: z.boolean().default(false),
});
export type ModelConfig = z.infer<typeof ModelConfig>;
export type ModelConfigInput = z.input<typeof ModelConfig>;

export const DEFAULT_CONFIG: ModelConfig = ModelConfig.parse({});

/** Parses a config; the error names the bad field: `acceptors: must be at most 5`. */
export function parseModelConfig(input: unknown): ModelConfig {
  const parsed = ModelConfig.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join(".") || "(config)";
  throw new ConfigError(`${field}: ${issue.message}`);
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

const VALUE_NAMES = ["A", "B", "C", "D"] as const;

export function acceptorIds(config: ModelConfig): string[] {
  return Array.from({ length: config.acceptors }, (_, i) => `a${i + 1}`);
}
export function proposerIds(config: ModelConfig): string[] {
  return Array.from({ length: config.proposers }, (_, i) => `p${i + 1}`);
}
/** The value proposer i (0-based) was asked to propose. */
export function inputValue(index: number): string {
  return VALUE_NAMES[index]!;
}
