// Multi-Paxos as a checkable Model (checker/model.ts): the steps of steps/, the transitions of
// next.ts, judged by the log invariants of invariants/log/ through a view, with reachability
// witnesses and liveness under weak fairness: receipts by live nodes, a leader's phase 1 end,
// proposals, decisions and heartbeats, a leader's steps for a read, and the timeout that fires
// when no live node leads are weakly fair; wrong suspicions, crashes, restarts and clients'
// reads need not happen. Weak fairness of receipts means no message is lost for ever once faults
// stop.
import type { Model } from "../../checker/model.ts";
import { logInvariants, logLiveness, logWitnesses, readWitnesses } from "../../invariants/log/registry.ts";
import type { LogView } from "../../invariants/log/view.ts";
import { messageKey } from "./msgs.ts";
import { commandIds, isLeaderCandidate, nodeIds, type MultiPaxosConfig } from "./config.ts";
import { MultiPaxosAction } from "./actions.ts";
import { correctMultiPaxosRules, type MultiPaxosRules } from "./rules.ts";
import type { MultiPaxosState, NodeState } from "./state.ts";
import { nextState, transitions } from "./next.ts";
import { logView } from "./view.ts";
import { describeAction, describeChange } from "./describe.ts";
import type { StepContext } from "./steps/step.ts";

export const MULTI_PAXOS_MODEL_NAME = "multi-paxos";

export type MultiPaxosModel = Model<MultiPaxosState, MultiPaxosAction>;

export function initialState(config: MultiPaxosConfig): MultiPaxosState {
  const node = (id: string): NodeState => ({ id, up: true, promised: null, votes: [], decided: Array.from({ length: config.slots }, () => null), next: 0, applied: [], answers: [], round: 0, leadership: null });
  return { nodes: nodeIds(config).map(node), msgs: [], requested: commandIds(config), reads: [], votes: [], elections: [], leaderCrashed: false, crashes: 0, electionsStarted: 0 };
}

export function createMultiPaxosModel(config: MultiPaxosConfig, rules: Partial<MultiPaxosRules> = {}): MultiPaxosModel {
  const nodes = nodeIds(config);
  const full = { ...correctMultiPaxosRules, ...rules };
  const ctx: StepContext = { config, rules: full, quorum: full.quorum(nodes.length) };
  const views = new WeakMap<MultiPaxosState, LogView>();
  const viewOf = (s: MultiPaxosState) => {
    let v = views.get(s);
    if (!v) views.set(s, (v = logView(s, ctx.quorum)));
    return v;
  };
  const cutOff = (s: MultiPaxosState): string | null =>
    s.electionsStarted >= config.elections && s.nodes.every((n) => !n.up || n.leadership === null) && s.nodes.some((n) => n.up && isLeaderCandidate(config, n.id))
      ? `no live node leads and the ${config.elections} elections of the bound are used`
      : null;
  return {
    name: MULTI_PAXOS_MODEL_NAME,
    config,
    initialStates: () => [initialState(config)],
    actions: (s) => transitions(s, ctx).map((t) => t.action),
    next: (s, a) => nextState(s, a, ctx),
    transitions: (s) => transitions(s, ctx),
    describeAction,
    describeChange,
    actionSchema: MultiPaxosAction,
    invariants: logInvariants.map((inv) => ({ id: inv.id, check: (s: MultiPaxosState) => inv.check(viewOf(s)) })),
    stepChecks: [],
    witnesses: [...logWitnesses, ...(config.reads > 0 ? readWitnesses : [])].map((w) => ({ id: w.id, reached: (s: MultiPaxosState) => w.reached(viewOf(s)) })),
    // Heartbeats at once leave fewer runs fair (a leader cannot crash before its beat): no liveness then.
    liveness: config.heartbeatsAtOnce ? undefined : {
      properties: logLiveness.map((p) => ({ id: p.id, goal: (s: MultiPaxosState) => p.goal(viewOf(s)) })),
      fairClass: (a) => {
        switch (a.kind) {
          case "receive":
            return `receive ${a.node} ${messageKey(a.msg)}`;
          case "adopt":
          case "propose":
          case "heartbeat":
          case "timeout":
            return `${a.kind} ${a.node}`;
          case "decide":
            return `decide ${a.node} ${a.slot}`;
          case "confirm":
          case "serve":
            return `${a.kind} ${a.node} ${a.read}`;
          default:
            return null;
        }
      },
      cutOff,
    },
  };
}
