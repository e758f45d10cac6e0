// Scenario scripts: runs written the way a person tells them ("a2 promises p1"), resolved
// into exact model actions against the state they run in. Used for seed 001's worked runs.
import type { Action } from "../actions.ts";
import type { MessageType } from "../../../protocol/messages.ts";
import type { ModelConfigInput } from "../config.ts";
import type { PaxosState } from "../state.ts";
import type { Model } from "../../../checker/model.ts";
import { parseModelConfig } from "../config.ts";
import { createPaxosModel } from "../paxos-model.ts";

export type ScriptStep =
  | { readonly do: "propose" | "timeout"; readonly proposer: string; readonly note?: string }
  | { readonly do: "deliver" | "lose"; readonly type: MessageType; readonly from: string; readonly to: string; readonly note?: string };

export type Scenario = {
  readonly name: string;
  readonly title: string;
  readonly config: ModelConfigInput;
  readonly steps: readonly ScriptStep[];
};

export type ScenarioRun = { readonly model: Model<PaxosState, Action>; readonly states: PaxosState[]; readonly actions: Action[] };

/** Resolves one step against `state`; throws, naming the step, when it is not possible there. */
export function resolveStep(model: Model<PaxosState, Action>, state: PaxosState, step: ScriptStep, index: number): Action {
  const enabled = model.actions(state);
  const matches = (a: Action): boolean => {
    if (step.do === "propose" || step.do === "timeout") return a.kind === step.do && a.proposer === step.proposer;
    return (a.kind === "deliver" || a.kind === "lose") && a.kind === step.do && a.msg.type === step.type && a.msg.from === step.from && a.to === step.to;
  };
  const found = enabled.find(matches);
  if (!found) {
    const what = "proposer" in step ? `${step.do} ${step.proposer}` : `${step.do} ${step.type} ${step.from}->${step.to}`;
    throw new Error(`step ${index + 1} (${what}) is not possible here; enabled: ${enabled.map((a) => model.describeAction(a)).join("; ")}`);
  }
  return found;
}

export function runScenario(scenario: Scenario): ScenarioRun {
  const model = createPaxosModel(parseModelConfig(scenario.config));
  const states = [model.initialStates()[0]!];
  const actions: Action[] = [];
  scenario.steps.forEach((step, i) => {
    const action = resolveStep(model, states.at(-1)!, step, i);
    actions.push(action);
    states.push(model.next(states.at(-1)!, action));
  });
  return { model, states, actions };
}
