// How one model action is played on the implementation (SimCluster, one key). Where the two
// differ in semantics, the alignment is decided here (docs/mbt.md lists each):
// - Network: the model's network is a set and, with duplication on, a delivered message stays
//   in flight. The implementation's network is a multiset that consumes what it delivers. So
//   `deliver m` duplicates the envelope first when duplication is on, then delivers it; `lose m`
//   removes every copy; and after every step identical copies are merged (`mergeCopies`), as
//   the model's set merges a message sent while an equal one is in flight.
// - Timeout: the model's `timeout` starts round+1 from any phase, also right after a restart
//   (phase idle). The implementation's timeout only restarts a live ballot (a restarted node
//   has no instance), and what starts a ballot there is the client's request. So a model
//   timeout of a proposer in phase idle is a `propose` of its input on the implementation,
//   which picks the same ballot: max(durable round, rounds seen in Nacks) + 1.
// - Propose: the model's input value of the proposer (A, B, ...) is what its client asks for.
import type { Action } from "../model/basic-paxos/actions.ts";
import type { PaxosState } from "../model/basic-paxos/state.ts";
import type { SimCluster } from "../harness/sim-cluster.ts";
import { inFlightKey } from "../model/basic-paxos/keys.ts";

export class LockstepError extends Error {
  override readonly name = "LockstepError";
}

function envelopeKey(e: SimCluster["network"]["inFlight"][number]): string {
  return inFlightKey({ to: e.to, msg: e.frame.msg });
}

function indicesOf(c: SimCluster, key: string, to: string, msg: Extract<Action, { kind: "deliver" }>["msg"]): number[] {
  const wanted = inFlightKey({ to, msg });
  const out: number[] = [];
  c.network.inFlight.forEach((e, i) => {
    if (e.frame.key === key && envelopeKey(e) === wanted) out.push(i);
  });
  return out;
}

/**
 * Plays `action` on the cluster; `before` is the model state the action was taken in. A delivery
 * or loss of a message the implementation does not have throws, or with `skipMissing` (lockstep
 * judged by invariants only) is left out on the implementation side; returns whether it ran there.
 */
export async function applyToImpl(c: SimCluster, key: string, action: Action, before: PaxosState, duplication: boolean, skipMissing = false): Promise<boolean> {
  if ((action.kind === "deliver" || action.kind === "lose") && skipMissing && indicesOf(c, key, action.to, action.msg).length === 0) return false;
  await play(c, key, action, before, duplication);
  return true;
}

async function play(c: SimCluster, key: string, action: Action, before: PaxosState, duplication: boolean): Promise<void> {
  switch (action.kind) {
    case "propose":
      return c.propose(action.proposer, key, proposer(before, action.proposer).input);
    case "timeout": {
      const p = proposer(before, action.proposer);
      return p.phase === "idle" ? c.propose(p.id, key, p.input) : c.timeout(p.id, key);
    }
    case "deliver": {
      const [at] = indicesOf(c, key, action.to, action.msg);
      if (at === undefined) throw new LockstepError(`the implementation has no such message in flight to ${action.to}`);
      if (duplication) await c.duplicate(at);
      await c.deliver(at);
      return;
    }
    case "lose": {
      const all = indicesOf(c, key, action.to, action.msg);
      if (all.length === 0) throw new LockstepError(`the implementation has no such message in flight to ${action.to}`);
      for (const at of all.reverse()) await c.lose(at);
      return;
    }
    case "crash":
      return c.crash(action.node);
    case "restart":
      return c.restart(action.node);
    case "restart-amnesia":
      throw new LockstepError("restart-amnesia has no counterpart in the implementation (its storage is durable by design)");
  }
}

/** Drops later copies of an envelope equal to an earlier one: the network becomes a set. */
export function mergeCopies(c: SimCluster): void {
  const seen = new Set<string>();
  const inFlight = c.network.inFlight;
  for (let i = 0; i < inFlight.length; ) {
    const k = `${inFlight[i]!.frame.key}#${envelopeKey(inFlight[i]!)}`;
    if (seen.has(k)) c.network.lose(i);
    else seen.add(k), i++;
  }
}

function proposer(s: PaxosState, id: string) {
  const p = s.proposers.find((x) => x.id === id);
  if (!p) throw new LockstepError(`no proposer '${id}' in the model`);
  return p;
}
