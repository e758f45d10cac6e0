// The successors of a packed Basic Paxos state, action by action in the order of
// model/next.ts enabledActions (proposers, then the network in canonical order, each message
// delivered then lost, then crashes and restarts), so that breadth-first search visits states
// in the same order on both engines. The steps themselves are in ../steps/, each beside its
// object form; this file decides which are enabled. As in next.ts, a delivery that returns the
// very same state (a stale or repeated message) is not an action; one that changes nothing
// visible (a Nack sent again) is, and the engine counts it as a transition that stutters.
import type { PaxosLayout } from "./layout.ts";
import type { RuleTables } from "./rule-tables.ts";
import type { Emit } from "./step-context.ts";
import { createStepContext } from "./step-context.ts";
import { packedStartBallot } from "../steps/phase-1a.ts";
import { packedDeliverPrepare } from "../steps/phase-1b.ts";
import { packedDeliverPromise } from "../steps/phase-2a.ts";
import { packedDeliverAccept } from "../steps/phase-2b.ts";
import { packedDeliverAccepted } from "../steps/learn.ts";
import { packedDeliverNack } from "../steps/nack.ts";
import { packedEnvironment } from "../steps/environment.ts";

export type Successors = (st: Int32Array, off: number, out: Int32Array, emit: Emit) => void;

export function createSuccessors(L: PaxosLayout, rules: RuleTables): Successors {
  const { A, P, NB, config } = L;
  const ctx = createStepContext(L, rules);
  const { get } = ctx;
  const { propose, timeout } = packedStartBallot(ctx);
  const deliverPrepare = packedDeliverPrepare(ctx);
  const deliverPromise = packedDeliverPromise(ctx);
  const deliverAccept = packedDeliverAccept(ctx);
  const deliverAccepted = packedDeliverAccepted(ctx);
  const deliverNack = packedDeliverNack(ctx);
  const { lose, crashProposer, restartProposer, crashAcceptor, restartAcceptor, restartWithStateLost } = packedEnvironment(ctx);

  // Slots of the four message kinds, by [ballot][acceptor], in the order they are explored.
  const prepareSlots = L.prepare;
  const acceptSlots = L.accept;
  const promiseSlots = Array.from({ length: NB }, (_, b) => Array.from({ length: A }, (_, a) => L.promise[a]![b]!));
  const acceptedSlots = Array.from({ length: NB }, (_, b) => Array.from({ length: A }, (_, a) => L.acceptedMsg[a]![b]!));
  let canLose = false;
  /** Each message of one kind in flight: delivered if its recipient is up, then lost. */
  const inFlight = (slots: number[][], toAcceptor: boolean, deliver: (b: number, a: number, emit: Emit) => void, emit: Emit) => {
    for (let b = 0; b < NB; b++) {
      const ownerUp = get(L.propUp[L.proposerOf(b)]!);
      for (let a = 0; a < A; a++) {
        const slot = slots[b]![a]!;
        if (!get(slot)) continue;
        if (toAcceptor ? get(L.accUp[a]!) : ownerUp) deliver(b, a, emit);
        if (canLose) lose(slot, emit);
      }
    }
  };

  return (st, off, o, emit) => {
    ctx.bind(st, off, o);
    canLose = config.loss && get(L.losses) < config.losses;
    for (let p = 0; p < P; p++) {
      if (!get(L.propUp[p]!) || get(L.learned[p]!) !== 0) continue;
      const round = get(L.round[p]!);
      if (round === 0) propose(p, emit);
      else if (get(L.retries) < config.retries) timeout(p, round, emit);
    }
    // The network, in inFlightKey order: Prepare (1a), Promise (1b), Accept (2a), Accepted (2b), Nack.
    inFlight(prepareSlots, true, deliverPrepare, emit);
    inFlight(promiseSlots, false, deliverPromise, emit);
    inFlight(acceptSlots, true, deliverAccept, emit);
    inFlight(acceptedSlots, false, deliverAccepted, emit);
    if (config.nacks) {
      for (let b = 0; b < NB; b++) {
        const ownerUp = get(L.propUp[L.proposerOf(b)]!);
        for (let a = 0; a < A; a++) {
          for (let c = 0; c < NB; c++) {
            const slot = L.nack[a]![b]![c]!;
            if (!get(slot)) continue;
            if (ownerUp) deliverNack(slot, emit);
            if (canLose) lose(slot, emit);
          }
        }
      }
    }
    for (let p = 0; p < P; p++) {
      const up = get(L.propUp[p]!);
      if (up && get(L.proposerCrashes) < config.proposerCrashes) crashProposer(p, emit);
      if (!up) restartProposer(p, emit);
    }
    for (let a = 0; a < A; a++) {
      const up = get(L.accUp[a]!);
      if (up && get(L.acceptorCrashes) < config.acceptorCrashes) crashAcceptor(a, emit);
      if (!up) restartAcceptor(a, emit);
      if (!up && config.acceptorStateLoss) restartWithStateLost(a, emit);
    }
  };
}
