// A lockstep failure (synod mbt, the model-based stage, a conformance divergence) as a view to
// step through: the actions re-run in lockstep, and after every step the model inspected
// (model/basic-paxos/inspect.ts) beside the implementation's nodes as the SimCluster holds
// them, with what differs and what broke, up to the step where the two sides part.
import type { Action } from "../model/basic-paxos/actions.ts";
import type { Inspection, InspectedNode } from "../model/inspection.ts";
import { formatPromises, formatVote, inspectPaxos, paxosChartEvent, phaseName } from "../model/basic-paxos/inspect.ts";
import { describeMessage } from "../model/basic-paxos/describe.ts";
import { formatBallot } from "../protocol/ballot.ts";
import type { SimCluster } from "../harness/sim-cluster.ts";
import { createLockstep, LOCKSTEP_KEY, LockstepError, type StepOutcome } from "../mbt/lockstep.ts";
import { withStorage, type ScheduleOptions } from "../mbt/schedule.ts";
import type { CounterexampleView, ViewStep } from "./html/document.ts";
import { participantsOf, type ViewMeta } from "./model-run-view.ts";

/** The implementation's nodes for the one lockstep key, with the model's field names where they mean the same. */
export function inspectCluster(c: SimCluster): Inspection {
  const acceptors: InspectedNode[] = c.acceptorIds.map((id) => {
    const slot = c.slot(id, LOCKSTEP_KEY);
    return { id, role: "acceptor", up: c.isUp(id), fields: [{ name: "promised", value: formatBallot(slot.promised) }, { name: "voted", value: formatVote(slot.accepted) }] };
  });
  const proposers: InspectedNode[] = c.proposerIds.map((id) => {
    const n = c.node(id);
    const p = n?.instances.get(LOCKSTEP_KEY);
    const learned = n?.learners.get(LOCKSTEP_KEY)?.learned ?? null;
    const fields = p
      ? [
          { name: "phase", value: phaseName(p.phase) },
          { name: "ballot", value: p.round === 0 ? "none" : `${p.round}.${id}` },
          { name: "promises from", value: formatPromises(p.promises) },
          { name: "proposal", value: p.proposal ?? "none" },
        ]
      : [{ name: "phase", value: n ? "idle" : "down (volatile state gone)" }];
    return { id, role: "proposer", up: n !== null, fields: [...fields, { name: "learned", value: learned ?? "nothing" }] };
  });
  return {
    nodes: [...acceptors, ...proposers],
    inFlight: c.network.inFlight.filter((e) => e.frame.key === LOCKSTEP_KEY).map((e) => ({ from: e.frame.msg.from, to: e.to, label: describeMessage(e.frame.msg) })),
    facts: [],
  };
}

function viewStep(s: StepOutcome, model: Inspection, impl: Inspection): ViewStep {
  return {
    description: `${s.description}${s.stutter ? " (changes nothing in the model)" : ""}`,
    changes: [...s.changes],
    chart: paxosChartEvent(s.action),
    model,
    impl,
    ...(s.differences.length > 0 ? { differences: s.differences.map((d) => ({ ...d })) } : {}),
    ...(s.broken.length > 0 ? { broken: s.broken.map((b) => `${b.property} (${b.kind}) on the ${b.side === "impl" ? "implementation" : "model"}: ${b.message}`) } : {}),
  };
}

/** Re-runs `actions` in lockstep under `options` and records both sides after every step, up to the first that parts. */
export function lockstepView(options: ScheduleOptions, actions: readonly Action[], meta: ViewMeta & { readonly violation: CounterexampleView["violation"] }): Promise<CounterexampleView> {
  return withStorage(options.storage, async (storage) => {
    const ls = await createLockstep({ ...options, storage });
    try {
      const initial = { model: inspectPaxos(ls.model), impl: inspectCluster(ls.sim) };
      const steps: ViewStep[] = [];
      let failedStep: number | null = null;
      for (const action of actions) {
        let out: StepOutcome;
        try {
          out = await ls.step(action);
        } catch (err) {
          if (err instanceof LockstepError) break;
          throw err;
        }
        steps.push(viewStep(out, inspectPaxos(ls.model), inspectCluster(ls.sim)));
        if (!out.ok) {
          failedStep = out.step;
          break;
        }
      }
      const { violation, ...rest } = meta;
      return { ...rest, violation, participants: participantsOf(initial.model, steps.map((s) => s.chart)), initial, steps, failedStep: failedStep ?? steps.length };
    } finally {
      await ls.close();
    }
  });
}
