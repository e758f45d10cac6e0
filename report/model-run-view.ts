// A counterexample of the model (a checker violation, a simulated walk, a replayed trace) as a
// view to step through: every state of the run inspected with the model's own inspector
// (model/*/inspect.ts), every action as a chart event.
import type { Model } from "../checker/model.ts";
import type { Counterexample } from "../checker/result.ts";
import type { ChartEvent, Inspection } from "../model/inspection.ts";
import { BASIC_MODEL_NAME } from "../model/basic-paxos/paxos-model.ts";
import { inspectPaxos, paxosChartEvent } from "../model/basic-paxos/inspect.ts";
import type { PaxosState } from "../model/basic-paxos/state.ts";
import type { Action } from "../model/basic-paxos/actions.ts";
import { inspectLamport, lamportChartEvent } from "../model/lamport/inspect.ts";
import type { LamportState } from "../model/lamport/state.ts";
import type { LamportAction } from "../model/lamport/actions.ts";
import { LamportConfig } from "../model/lamport/config.ts";
import type { CounterexampleView } from "./html/document.ts";

export type Inspector<S, A> = { inspect(s: S): Inspection; chart(a: A): ChartEvent };

/** The inspector of a model this build knows, by the model's name. */
export function inspectorFor(model: Model<unknown, unknown>): Inspector<unknown, unknown> {
  if (model.name === BASIC_MODEL_NAME) return { inspect: (s) => inspectPaxos(s as PaxosState), chart: (a) => paxosChartEvent(a as Action) };
  if (model.name === "lamport-paxos") {
    const config = LamportConfig.parse(model.config);
    return { inspect: (s) => inspectLamport(s as LamportState, config), chart: (a) => lamportChartEvent(a as LamportAction) };
  }
  throw new Error(`no inspector for model ${model.name}`);
}

/** Chart columns: endpoints the nodes do not name (Lamport's "leaders") first, then the nodes, proposers before acceptors. */
export function participantsOf(initial: Inspection, events: readonly ChartEvent[]): string[] {
  const nodes = [...initial.nodes.filter((n) => n.role !== "acceptor"), ...initial.nodes.filter((n) => n.role === "acceptor")].map((n) => n.id);
  const extra = new Set<string>();
  for (const e of events) for (const id of e.kind === "message" ? [e.from, e.to] : e.over) if (!nodes.includes(id)) extra.add(id);
  return [...extra, ...nodes];
}

export type ViewMeta = { readonly title: string; readonly source: string; readonly expected: boolean; readonly replay?: string };

export function modelRunView<S, A>(model: Model<S, A>, cx: Counterexample<S, A>, meta: ViewMeta): CounterexampleView {
  const inspector = inspectorFor(model as Model<unknown, unknown>) as Inspector<S, A>;
  const initial = inspector.inspect(cx.initial);
  let before = cx.initial;
  const steps = cx.steps.map(({ action, state }) => {
    const step = { description: model.describeAction(action), changes: [...model.describeChange(before, state)], chart: inspector.chart(action), model: inspector.inspect(state) };
    before = state;
    return step;
  });
  return {
    ...meta,
    ...(meta.replay === undefined ? {} : { replay: meta.replay }),
    violation: { kind: cx.kind, property: cx.property, message: cx.message },
    participants: participantsOf(initial, steps.map((s) => s.chart)),
    initial: { model: initial },
    steps,
    failedStep: steps.length,
  };
}
