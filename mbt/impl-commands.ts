// How one model action is played on the implementation: as commands of a target run
// (target/run.ts) of impl/ through the target interface (harness/impl-target.ts), the same
// interface an outside implementation is checked through. Where model and implementation differ
// in semantics, the alignment is decided here (docs/mbt.md lists each):
// - Network: the model's network is a set and, with duplication on, a delivered message stays
//   in flight. The run keeps its network as a set too (RunOptions.network "set"), so `deliver m`
//   keeps the message in flight when duplication is on, and `lose m` removes it.
// - Timeout: the model's `timeout` starts round+1 from any phase, also right after a restart
//   (phase idle). The implementation's timeout only restarts a live ballot (a restarted node
//   has no instance), and what starts a ballot there is the client's request. So a model
//   timeout of a proposer in phase idle is a `propose` of its input on the implementation,
//   which picks the same ballot: max(durable round, rounds seen in Nacks) + 1.
// - Propose: the model's input value of the proposer (A, B, ...) is what its client asks for;
//   the run's roles give proposer i the same one.
import type { Action } from "../model/basic-paxos/actions.ts";
import type { PaxosState } from "../model/basic-paxos/state.ts";
import type { Message } from "../protocol/messages.ts";
import type { TargetRun, TargetStep } from "../target/run.ts";
import type { TargetCommand } from "../target/command.ts";
import { inFlightKey } from "../model/basic-paxos/keys.ts";

export class LockstepError extends Error {
  override readonly name = "LockstepError";
}

/**
 * Plays `action` on the run; `before` is the model state the action was taken in. A delivery or
 * loss of a message the implementation does not have throws, or with `skipMissing` (lockstep
 * judged by invariants only) is left out on the implementation side: then null.
 */
export async function applyToImpl(run: TargetRun<Message>, action: Action, before: PaxosState, duplication: boolean, skipMissing = false): Promise<TargetStep | null> {
  const command = commandFor(run, action, before, duplication);
  if (command === null) {
    if (skipMissing) return null;
    throw new LockstepError(`the implementation has no such message in flight to ${(action as { to: string }).to}`);
  }
  const step = await run.step(command);
  // The driver offers only what the model can do; a step the run refuses is a fault of the harness.
  if (step.fault !== null) throw new Error(`impl/ through the target interface: ${step.fault}`);
  return step;
}

function commandFor(run: TargetRun<Message>, action: Action, before: PaxosState, duplication: boolean): TargetCommand | null {
  switch (action.kind) {
    case "propose":
      return { kind: "propose", proposer: action.proposer };
    case "timeout":
      return proposer(before, action.proposer).phase === "idle" ? { kind: "propose", proposer: action.proposer } : { kind: "timeout", proposer: action.proposer };
    case "deliver":
    case "lose": {
      const wanted = inFlightKey(action);
      const e = run.inFlight.find((x) => inFlightKey({ to: x.to, msg: x.msg }) === wanted);
      if (!e) return null;
      return action.kind === "deliver" ? { kind: "deliver", id: e.id, message: e.what, keep: duplication } : { kind: "lose", id: e.id, message: e.what };
    }
    case "crash":
    case "restart":
      return { kind: action.kind, node: action.node };
    case "restart-amnesia":
      throw new LockstepError("restart-amnesia has no counterpart in the implementation (its storage is durable by design)");
  }
}

function proposer(s: PaxosState, id: string) {
  const p = s.proposers.find((x) => x.id === id);
  if (!p) throw new LockstepError(`no proposer '${id}' in the model`);
  return p;
}
