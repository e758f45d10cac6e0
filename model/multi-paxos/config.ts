// The bounds and faults of the Multi-Paxos model, parsed with zod. Nodes n1..nN are each an
// acceptor and a replica; the first `leaders` of them may also lead. Loss, duplication and
// reordering need no bound: the network is the set of messages ever sent (msgs.ts), so any
// message may be received never, once or many times, in any order. Crashes are bounded; a node
// restarts with its durable state. Reads are off by default, so that the bounds without them
// explore what they did before reads existed.
import { z } from "zod";
import type { ConfigField } from "../../checker/definition.ts";

export const MultiPaxosConfig = z.strictObject({
  nodes: z.number().int().min(1).max(5).default(3),
  leaders: z.number().int().min(1).max(3).default(2),
  slots: z.number().int().min(1).max(3).default(2),
  commands: z.number().int().min(1).max(3).default(2),
  /** Phase 1 starts in a run (the first election and the leader changes after it). */
  elections: z.number().int().min(1).max(4).default(2),
  crashes: z.number().int().min(0).max(2).default(1),
  /** A live leader may be wrongly suspected (off: a timeout fires only when no live node leads). */
  suspicions: z.boolean().default(true),
  /** Client reads r1..rR, each requested when the model chooses (0: no reads, and the state space of a model without them). */
  reads: z.number().int().min(0).max(2).default(0),
  /** Negative test: a restarted node has lost its acceptor state (promise and votes). */
  acceptorStateLoss: z.boolean().default(false),
  /**
   * Safety checks only: a leader's heartbeat goes out in the step that makes it new, not in a
   * step of its own. The same node states are reached (docs/multi-paxos.md says why) in fewer
   * states, but fewer runs are fair, so the model then declares no liveness property.
   */
  heartbeatsAtOnce: z.boolean().default(false),
});
export type MultiPaxosConfig = z.infer<typeof MultiPaxosConfig>;

/** Parses a config, filling defaults; the error names the bad field. */
export function parseMultiPaxosConfig(input: unknown): MultiPaxosConfig {
  const parsed = MultiPaxosConfig.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join(".") || "(config)"}: ${issue.message}`);
  }
  if (parsed.data.leaders > parsed.data.nodes) throw new Error(`leaders: at most nodes (${parsed.data.nodes})`);
  return parsed.data;
}

export const configFields: readonly ConfigField[] = [
  { field: "nodes", flag: "nodes", kind: "int", help: "nodes n1..nN, each an acceptor and a replica (1-5, default 3)" },
  { field: "leaders", flag: "leaders", kind: "int", help: "how many of n1, n2, ... may lead (1-3, default 2)" },
  { field: "slots", flag: "slots", kind: "int", help: "slots of the log (1-3, default 2)" },
  { field: "commands", flag: "commands", kind: "int", help: "client commands c1..cK, requested in that order (1-3, default 2)" },
  { field: "elections", flag: "elections", kind: "int", help: "phase 1 starts in a run: timeouts and wrong suspicions (1-4, default 2)" },
  { field: "crashes", flag: "crashes", kind: "int", help: "node crashes in a run; a node keeps its acceptor and replica state (0-2, default 1)" },
  { field: "suspicions", flag: "no-suspicions", kind: "off", help: "a timeout fires only when no live node leads (default: a live leader may be wrongly suspected)" },
  { field: "reads", flag: "reads", kind: "int", help: "client reads r1..rR, each requested at any point of a run (0-2, default 0)" },
  { field: "acceptorStateLoss", flag: "acceptor-state-loss", kind: "on", help: "negative test: a restarted node has lost its promise and votes" },
  { field: "heartbeatsAtOnce", flag: "heartbeats-at-once", kind: "on", help: "safety only: a leader's heartbeat goes out in the step that makes it new (the same node states in fewer states; no liveness)" },
];

export const nodeIds = (c: MultiPaxosConfig): string[] => Array.from({ length: c.nodes }, (_, i) => `n${i + 1}`);
export const commandIds = (c: MultiPaxosConfig): string[] => Array.from({ length: c.commands }, (_, i) => `c${i + 1}`);
export const readId = (n: number): string => `r${n}`;
export const isLeaderCandidate = (c: MultiPaxosConfig, id: string): boolean => Number(id.slice(1)) <= c.leaders;
