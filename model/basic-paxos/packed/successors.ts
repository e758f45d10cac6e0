// The successors of a packed Basic Paxos state, action by action in the order of
// model/next.ts enabledActions (proposers, then the network in canonical order, each message
// delivered then lost, then crashes and restarts), so that breadth-first search visits states
// in the same order on both engines. The steps themselves are in ../steps/, each beside its
// object form, and write their transitions as source (step-source.ts); this file decides which
// are enabled and compiles the whole once per layout and rules: one function per action with
// its ballot and acceptor as constants, and a dispatch that tests each message's slot in place.
// As in next.ts, a delivery that returns the very same state (a stale or repeated message) is
// not an action; one that changes nothing visible (a Nack sent again) is, and the engine counts
// it as a transition that stutters.
import type { PaxosLayout } from "./layout.ts";
import type { RuleTables } from "./rule-tables.ts";
import type { Emit } from "./step-source.ts";
import { createStepSource } from "./step-source.ts";
import { compileSource, PackOverflow } from "../../../checker/packed-model.ts";
import { packedStartBallot } from "../steps/phase-1a.ts";
import { packedDeliverPrepare } from "../steps/phase-1b.ts";
import { packedDeliverPromise } from "../steps/phase-2a.ts";
import { packedDeliverAccept } from "../steps/phase-2b.ts";
import { packedDeliverAccepted } from "../steps/learn.ts";
import { packedDeliverNack } from "../steps/nack.ts";
import { packedEnvironment } from "../steps/environment.ts";

export type Successors = (st: Int32Array, off: number, out: Int32Array, emit: Emit) => void;

/** What the compiled steps call at run time: the rules' tables and the errors a step can raise. */
type Runtime = {
  readonly promiseAllowed: Uint8Array;
  readonly acceptAllowed: Uint8Array;
  readonly recovered: Int32Array;
  readonly chooseValue: (p: number, counts: Int32Array, voteCodes: Int32Array) => number;
  /** A value field f cannot hold: PackOverflow, or an Error if negative (a defect of the step). */
  readonly overflow: (f: number, v: number) => never;
  /** A ghost slot given a second, different content. */
  readonly conflict: () => never;
  /** A field chosen by a run-time index past the fields named: a defect of the step. */
  readonly outOfRange: () => never;
};

/** The body of a function of a Runtime's members that returns the successors function of layout L. */
export function successorsSource(L: PaxosLayout, rules: RuleTables): string {
  const { A, P, NB, config } = L;
  const src = createStepSource(L, rules);
  const { get } = src;
  const start = packedStartBallot(src);
  const deliverPrepare = packedDeliverPrepare(src);
  const deliverPromise = packedDeliverPromise(src);
  const deliverAccept = packedDeliverAccept(src);
  const deliverAccepted = packedDeliverAccepted(src);
  const deliverNack = packedDeliverNack(src);
  const env = packedEnvironment(src);

  const functions: string[] = [];
  /** A call of a new function with this body, or an empty statement for an action that never changes the state. */
  const call = (name: string, body: string, param = ""): string => {
    if (body.trim() === "") return ";";
    functions.push(`function ${name}(${param}) {\n${body}\n}`);
    return `${name}(${param});`;
  };
  const dispatch: string[] = [`const canLose = ${config.loss ? `${get(L.losses)} < ${config.losses}` : "false"};`];
  for (let p = 0; p < P; p++) {
    dispatch.push(
      `if (${get(L.propUp[p]!)} !== 0 && ${get(L.learned[p]!)} === 0) {`,
      `  const round = ${get(L.round[p]!)};`,
      `  if (round === 0) ${call(`propose${p}`, start.propose(p))}`,
      `  else if (${get(L.retries)} < ${config.retries}) ${call(`timeout${p}`, start.timeout(p, "round"), "round")}`,
      "}",
    );
  }
  /**
   * `each`, the actions of the messages in `slots` in their order, behind one test of all their
   * bits: messages in flight are few, so most groups are skipped whole.
   */
  const anyInFlight = (slots: readonly number[], each: readonly string[]): string => {
    const masks = new Map<number, number>();
    for (const f of slots) masks.set(L.fw[f]!, (masks.get(L.fw[f]!) ?? 0) | (L.fm[f]! << L.fs[f]!));
    const any = [...masks].map(([w, m]) => `(w${w} & ${m})`).join(" | ");
    return `if ((${any}) !== 0) {\n${each.join("\n")}\n}`;
  };
  /** The loss of the message in `slot`, when the run may lose one more. */
  const lose = (slot: number) => (config.loss ? `  if (canLose) ${call(`lose${slot}`, env.lose(slot))}` : "");
  // The network, in inFlightKey order: Prepare (1a), Promise (1b), Accept (2a), Accepted (2b), Nack.
  /** Each message of one kind in flight: delivered if its recipient is up, then lost. */
  const inFlight = (kind: string, slotOf: (b: number, a: number) => number, toAcceptor: boolean, deliver: (b: number, a: number) => string) => {
    for (let b = 0; b < NB; b++) {
      const slots = Array.from({ length: A }, (_, a) => slotOf(b, a));
      const each = slots.map((slot, a) => {
        const up = get(toAcceptor ? L.accUp[a]! : L.propUp[L.proposerOf(b)]!);
        return [`if (${get(slot)} !== 0) {`, `  if (${up} !== 0) ${call(`${kind}${b}_${a}`, deliver(b, a))}`, lose(slot), "}"].join("\n");
      });
      dispatch.push(anyInFlight(slots, each));
    }
  };
  inFlight("prepare", (b, a) => L.prepare[b]![a]!, true, deliverPrepare);
  inFlight("promise", (b, a) => L.promise[a]![b]!, false, deliverPromise);
  inFlight("accept", (b, a) => L.accept[b]![a]!, true, deliverAccept);
  inFlight("accepted", (b, a) => L.acceptedMsg[a]![b]!, false, deliverAccepted);
  if (config.nacks) {
    for (let b = 0; b < NB; b++) {
      for (let a = 0; a < A; a++) {
        const slots = L.nack[a]![b]!;
        const each = slots.map((slot) => {
          const deliver = call(`nack${slot}`, deliverNack(slot));
          return [`if (${get(slot)} !== 0) {`, `  if (${get(L.propUp[L.proposerOf(b)]!)} !== 0) ${deliver}`, lose(slot), "}"].join("\n");
        });
        dispatch.push(anyInFlight(slots, each));
      }
    }
  }
  for (let p = 0; p < P; p++) {
    const up = get(L.propUp[p]!);
    if (config.proposerCrashes > 0) dispatch.push(`if (${up} !== 0 && ${get(L.proposerCrashes)} < ${config.proposerCrashes}) ${call(`crashProposer${p}`, env.crashProposer(p))}`);
    dispatch.push(`if (${up} === 0) ${call(`restartProposer${p}`, env.restartProposer(p))}`);
  }
  for (let a = 0; a < A; a++) {
    const up = get(L.accUp[a]!);
    if (config.acceptorCrashes > 0) dispatch.push(`if (${up} !== 0 && ${get(L.acceptorCrashes)} < ${config.acceptorCrashes}) ${call(`crashAcceptor${a}`, env.crashAcceptor(a))}`);
    dispatch.push(`if (${up} === 0) ${call(`restartAcceptor${a}`, env.restartAcceptor(a))}`);
    if (config.acceptorStateLoss) dispatch.push(`if (${up} === 0) ${call(`restartWithStateLost${a}`, env.restartWithStateLost(a))}`);
  }
  const words = Array.from({ length: L.words }, (_, i) => `w${i}`);
  return [
    `const counts = new Int32Array(${A});`,
    `const voteCodes = new Int32Array(${A});`,
    `let ${words.map((w) => `${w} = 0`).join(", ")};`,
    "let out = new Int32Array(0);",
    "let emit = null;",
    ...functions,
    "return (st, off, o, e) => {",
    ...words.map((w, i) => `  ${w} = st[off + ${i}];`),
    "  out = o;",
    "  emit = e;",
    ...dispatch.map((line) => `  ${line}`),
    "};",
  ].join("\n");
}

export function createSuccessors(L: PaxosLayout, rules: RuleTables): Successors {
  return compileSteps(L, rules, successorsSource(L, rules)) as Successors;
}

/**
 * Runs `body`, a function body over the Runtime's members (successorsSource's, or a test's
 * piece of step source), and returns what it returns.
 */
export function compileSteps(L: PaxosLayout, rules: RuleTables, body: string): unknown {
  const { config } = L;
  const runtime: Runtime = {
    promiseAllowed: rules.promiseAllowed,
    acceptAllowed: rules.acceptAllowed,
    recovered: rules.recovered,
    chooseValue: (p, counts, voteCodes) => rules.chooseValue(p, counts, voteCodes),
    overflow: (f, v) => {
      if (v < 0 || L.fmax[f] === undefined) throw new Error(`a packed step set field ${f} to ${v}: a defect of the step, not a state too large for the layout`);
      throw new PackOverflow(`the packed layout of ${config.acceptors} acceptors, ${config.proposers} proposers and ${config.retries} retries cannot hold this state (a field exceeds ${L.fmax[f]})`);
    },
    conflict: () => {
      throw new PackOverflow("two different messages of one kind for one acceptor and ballot, where correct Paxos sends one");
    },
    outOfRange: () => {
      throw new Error("a packed step chose a field past the layout's: a defect of the step");
    },
  };
  const names = Object.keys(runtime) as (keyof Runtime)[];
  const make = compileSource("Basic Paxos's steps", names, body) as (...args: Runtime[keyof Runtime][]) => unknown;
  return make(...names.map((n) => runtime[n]));
}
