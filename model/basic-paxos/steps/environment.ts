// The environment: what the network and the machines do to the protocol. "Messages can take
// arbitrarily long to be delivered, can be duplicated, and can be lost, but they are not
// corrupted." "Agents operate at arbitrary speed, may fail by stopping, and may restart.
// Since all agents may fail after a value is chosen and then restart, a solution is
// impossible unless some information can be remembered by an agent that has failed and
// restarted." Delivery and duplication are the network's (next.ts); here a message is lost,
// and nodes crash and restart with their durable state, or, as a negative test, without it.
import type { Message, NodeId } from "../../../protocol/messages.ts";
import type { Rules } from "../../../protocol/rules.ts";
import type { Branch } from "../../../checker/model.ts";
import type { PaxosState, ProposerState } from "../state.ts";
import type { StepSource } from "../packed/step-source.ts";
import type { BranchStep, IdOf } from "./step.ts";
import { acceptorOf, proposerOf, withAcceptor, withProposer } from "../state.ts";
import { remove } from "../network.ts";
import { NO_MESSAGES } from "./step.ts";

export const branches = [
  { id: "lose", description: "the network loses a message (needs losses)" },
  { id: "crash acceptor", description: "an acceptor stops; its promise and vote stay durable (needs acceptor crashes)" },
  { id: "crash proposer", description: "a proposer stops and forgets its phase (needs proposer crashes)" },
  { id: "restart acceptor", description: "an acceptor comes back with its durable state" },
  { id: "restart proposer", description: "a proposer comes back with its durable round" },
  { id: "restart acceptor with state lost", description: "negative-test fault: promise and vote lost (needs acceptorStateLoss)" },
] as const satisfies readonly Branch[];
type EnvironmentStep = BranchStep<PaxosState, IdOf<typeof branches>>;

export function lose(s: PaxosState, to: NodeId, msg: Message): EnvironmentStep {
  return { state: { ...s, network: remove(s.network, to, msg), losses: s.losses + 1 }, send: NO_MESSAGES, branch: "lose" };
}

export function crash(s: PaxosState, node: NodeId): EnvironmentStep {
  if (s.acceptors.some((a) => a.id === node)) {
    const state = { ...withAcceptor(s, { ...acceptorOf(s, node), up: false }), acceptorCrashes: s.acceptorCrashes + 1 };
    return { state, send: NO_MESSAGES, branch: "crash acceptor" };
  }
  // A crash loses everything volatile: the phase, the replies counted, what was learned.
  const p = proposerOf(s, node);
  const down: ProposerState = { ...p, up: false, phase: "idle", promises: [], proposal: null, acks: [], learned: null };
  return { state: { ...withProposer(s, down), proposerCrashes: s.proposerCrashes + 1 }, send: NO_MESSAGES, branch: "crash proposer" };
}

export function restart(s: PaxosState, node: NodeId, rules: Rules): EnvironmentStep {
  if (s.acceptors.some((a) => a.id === node)) {
    const a = acceptorOf(s, node);
    const back = rules.recoverAcceptor({ promised: a.promised, accepted: a.accepted });
    return { state: withAcceptor(s, { id: a.id, promised: back.promised, accepted: back.accepted, up: true }), send: NO_MESSAGES, branch: "restart acceptor" };
  }
  const p = proposerOf(s, node);
  return { state: withProposer(s, { ...p, up: true, round: rules.restartKeepsRound ? p.round : 0 }), send: NO_MESSAGES, branch: "restart proposer" };
}

export function restartWithStateLost(s: PaxosState, node: NodeId): EnvironmentStep {
  return { state: withAcceptor(s, { id: node, promised: null, accepted: null, up: true }), send: NO_MESSAGES, branch: "restart acceptor with state lost" };
}

/** The same on packed words, as source (packed/step-source.ts). Each is compiled only where the action is enabled. */
export function packedEnvironment(src: StepSource) {
  const { L, rules, get, set, copy, emit } = src;
  const A = L.A;
  const R = L.R;
  const n1 = L.NB + 1;
  const LOSE = src.branch("lose");
  const CRASH_ACCEPTOR = src.branch("crash acceptor");
  const CRASH_PROPOSER = src.branch("crash proposer");
  const RESTART_ACCEPTOR = src.branch("restart acceptor");
  const RESTART_PROPOSER = src.branch("restart proposer");
  const STATE_LOST = src.branch("restart acceptor with state lost");
  const lines = (...parts: string[]) => parts.join("\n");
  return {
    lose: (slot: number): string => lines(copy(), set(slot, 0), set(L.losses, `${get(L.losses)} + 1`), emit(LOSE)),
    crashProposer: (p: number): string => {
      const counts: string[] = [];
      for (let a = 0; a < A; a++) {
        counts.push(set(L.promiseCount[p]![a]!, 0));
        for (let r = 0; r < R; r++) counts.push(set(L.ackCount[p]![a]![r]!, 0));
      }
      return lines(copy(), set(L.propUp[p]!, 0), set(L.phase[p]!, 0), set(L.proposal[p]!, 0), set(L.learned[p]!, 0), ...counts, set(L.proposerCrashes, `${get(L.proposerCrashes)} + 1`), emit(CRASH_PROPOSER));
    },
    restartProposer: (p: number): string => lines(copy(), set(L.propUp[p]!, 1), rules.restartKeepsRound ? "" : set(L.round[p]!, 0), emit(RESTART_PROPOSER)),
    crashAcceptor: (a: number): string => lines(copy(), set(L.accUp[a]!, 0), set(L.acceptorCrashes, `${get(L.acceptorCrashes)} + 1`), emit(CRASH_ACCEPTOR)),
    restartAcceptor: (a: number): string =>
      lines(
        copy(),
        `const back = recovered[${get(L.promised[a]!)} * ${n1} + ${get(L.accepted[a]!)}];`,
        set(L.promised[a]!, `Math.floor(back / ${n1})`),
        set(L.accepted[a]!, `back % ${n1}`),
        set(L.accUp[a]!, 1),
        emit(RESTART_ACCEPTOR),
      ),
    restartWithStateLost: (a: number): string => lines(copy(), set(L.promised[a]!, 0), set(L.accepted[a]!, 0), set(L.accUp[a]!, 1), emit(STATE_LOST)),
  };
}
