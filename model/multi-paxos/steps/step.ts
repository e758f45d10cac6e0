// What every step of a node returns, and what it needs to know: pure functions from a node's
// state (and the messages it reads) to its new state, the messages it sends, and the ghost
// facts the invariants read (votes cast, a ballot's phase 1 completed).
import type { Ballot } from "../../../protocol/messages.ts";
import type { SlotVote } from "../../../invariants/log/view.ts";
import type { MultiPaxosConfig } from "../config.ts";
import type { MultiPaxosMessage } from "../messages.ts";
import type { MultiPaxosRules } from "../rules.ts";
import type { NodeState } from "../state.ts";

export type Step = {
  readonly node: NodeState;
  readonly send: readonly MultiPaxosMessage[];
  readonly voted?: readonly SlotVote[];
  readonly elected?: Ballot;
};

export type StepContext = {
  readonly config: MultiPaxosConfig;
  readonly rules: MultiPaxosRules;
  readonly quorum: number;
};

export const unchanged = (node: NodeState): Step => ({ node, send: [] });
