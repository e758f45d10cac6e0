// Replays the events of one key (one single-decree instance) on the model's handlers, node by
// node, in an order where every receive follows its send, checking every invariant of the
// registry after every event. docs/validate-trace.md explains why the order chosen does not
// change the verdict.
import type { LoggedEvent, TraceEvent } from "../impl/trace-log.ts";
import type { SystemView } from "../invariants/view.ts";
import { stateInvariants, stepProperties } from "../invariants/registry.ts";
import { majority } from "../protocol/quorum.ts";
import { snapshotView } from "../harness/snapshot.ts";
import { Network, networkOf, sentBy } from "./network.ts";
import { acceptorStep } from "./check-acceptor.ts";
import { proposerStep } from "./check-proposer.ts";
import { lifecycleStep } from "./check-restart.ts";
import { bad, newNodeCheck, type NodeCheck, type CheckStep, type Roles } from "./check-step.ts";

export type Rejection = { readonly at: LoggedEvent; readonly reason: string };
export type KeyVerdict = { readonly key: string; readonly events: number; readonly rejection: Rejection | null; readonly view: SystemView };

export function checkKey(key: string, events: readonly LoggedEvent[], roles: Roles): KeyVerdict {
  const { acceptors } = roles;
  const nodes = [...new Set(events.map((e) => e.event.node))];
  const logs = new Map(nodes.map((id) => [id, events.filter((e) => e.event.node === id)]));
  const states = new Map(nodes.map((id) => [id, newNodeCheck(id, acceptors.includes(id))]));
  for (const id of acceptors) if (!states.has(id)) states.set(id, newNodeCheck(id, true));
  const heads = new Map(nodes.map((id) => [id, 0]));
  const net = new Network();
  const done: TraceEvent[] = [];
  const viewOf = () =>
    snapshotView(key, acceptors.map((id) => ({ id, slot: states.get(id)!.acceptor!, up: true })), majority(acceptors.length), done);
  let view = viewOf();
  const verdict = (rejection: Rejection | null): KeyVerdict => ({ key, events: events.length, rejection, view });

  for (;;) {
    let progressed = false;
    for (const id of nodes) {
      const log = logs.get(id)!;
      for (let i = heads.get(id)!; i < log.length; i = heads.get(id)!) {
        const at = log[i]!;
        const r = step(states.get(id)!, at.event, net, roles);
        if (r.kind === "bad") return verdict({ at, reason: r.reason });
        if (r.kind === "wait") break;
        states.set(id, r.node);
        heads.set(id, i + 1);
        net.add(sentBy(at.event));
        done.push(at.event);
        const before = view;
        view = viewOf();
        const broken = violated(before, view);
        if (broken) return verdict({ at, reason: broken });
        progressed = true;
      }
    }
    const blocked = nodes.filter((id) => heads.get(id)! < logs.get(id)!.length);
    if (blocked.length === 0) return verdict(null);
    if (!progressed) return verdict(stuck(blocked.map((id) => ({ node: states.get(id)!, at: logs.get(id)![heads.get(id)!]! })), events, net, roles));
  }
}

function step(n: NodeCheck, e: TraceEvent, net: Network, roles: Roles): CheckStep {
  if (e.event === "crash" || e.event === "restart") return lifecycleStep(n, e);
  if (n.down) return bad(`${n.id} logged ${e.event} after it crashed and before it restarted: a crashed node does nothing`);
  if (n.mustLearn && e.event !== "value-learned" && !roles.learningOptional)
    return bad(`${n.id} had Accepted for ${n.mustLearn.value} from a quorum but did not learn it: a learner learns once a quorum accepted`);
  if (e.event === "promise-sent" || e.event === "vote-cast" || e.event === "nack-sent") return acceptorStep(n, e, net, roles);
  return proposerStep(n, e, net, roles);
}

/** The first invariant of the registry that the new view breaks, in the protocol's words. */
function violated(before: SystemView, after: SystemView): string | null {
  for (const inv of stateInvariants) {
    const why = inv.check(after);
    if (why) return `${why} (invariant ${inv.id})`;
  }
  for (const prop of stepProperties) {
    const why = prop.check(before, after);
    if (why) return `${why} (step property ${prop.id})`;
  }
  return null;
}

/**
 * Every node left waits for a message. If one waits for a message no event of the whole log
 * sends, that is the bad event. Otherwise each waits for a message sent only after some other
 * waiting event in its sender's log: no order puts every receive after its send.
 */
function stuck(heads: readonly { node: NodeCheck; at: LoggedEvent }[], events: readonly LoggedEvent[], net: Network, roles: Roles): Rejection {
  const everything = networkOf(events.map((e) => e.event));
  for (const h of heads) {
    const r = step(h.node, h.at.event, everything, roles);
    if (r.kind !== "ok") return { at: h.at, reason: r.reason };
  }
  const first = heads[0]!;
  const r = step(first.node, first.at.event, net, roles);
  const needs = r.kind === "wait" ? r.needs : "a message";
  return { at: first.at, reason: `${first.node.id} acts on ${needs}, which is sent only after events that come after this one: every receive follows its send` };
}
