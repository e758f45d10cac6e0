// model/progress.ts's "progress is possible" on packed words: the goal (some value chosen:
// a majority voted for it in one ballot) and when progress is expected (a live proposer that
// has not learned, may still start a ballot, and whose next ballot tops the promises of a
// majority of live acceptors). Tests compare both with the object check on every state.
// Both are judged on every new state, so they are compiled once per layout, as the steps are
// (successors.ts): each field read is a shift and a mask of a word loaded once.
import { majority } from "../../../protocol/quorum.ts";
import { fieldSource } from "../../../checker/bit-layout.ts";
import { compileSource } from "../../../checker/packed-model.ts";
import type { PaxosLayout } from "./layout.ts";

type Judge = (st: Int32Array, off: number) => boolean;

/** The bodies of the two judges, functions of (st, off). */
export function progressSource(L: PaxosLayout): { goal: string; expected: string } {
  const { A, P, V, NB, config } = L;
  const quorum = majority(A);
  /** A function body that loads the words its fields lie in, then returns `expr` of them. */
  const judge = (fields: readonly number[], expr: string) => {
    const words = [...new Set(fields.map((f) => L.fw[f]!))].sort((x, y) => x - y);
    return [...words.map((w) => `const w${w} = st[off + ${w}];`), `return ${expr};`].join("\n");
  };
  const get = (f: number) => fieldSource(L, f, (w) => `w${w}`);
  /** How many of `terms` hold, at least the quorum. */
  const atLeastQuorum = (terms: readonly string[]) => `(${terms.map((t) => `(${t} ? 1 : 0)`).join(" + ")}) >= ${quorum}`;

  const chosen: string[] = [];
  for (let b = 0; b < NB; b++) for (let v = 1; v <= V; v++) chosen.push(atLeastQuorum(Array.from({ length: A }, (_, a) => `${get(L.ghostVote[a]![b]!)} === ${v}`)));
  const goal = judge(L.ghostVote.flat(), chosen.join(" ||\n  ") || "false");

  const proposers: string[] = [];
  for (let p = 0; p < P; p++) {
    const round = get(L.round[p]!);
    // The next ballot's number, L.ballot(round + 1, p), which may lie past the layout's last ballot: order is all that matters.
    const next = `(${round} * ${P} + ${p})`;
    const topped = Array.from({ length: A }, (_, a) => `${get(L.accUp[a]!)} !== 0 && (${get(L.promised[a]!)} === 0 || ${next} > ${get(L.promised[a]!)} - 1)`);
    proposers.push(`(${get(L.propUp[p]!)} !== 0 && ${get(L.learned[p]!)} === 0 && !(${round} > 0 && ${get(L.retries)} >= ${config.retries}) && ${atLeastQuorum(topped)})`);
  }
  const read = [...L.round, ...L.propUp, ...L.learned, L.retries, ...L.accUp, ...L.promised];
  return { goal, expected: judge(read, proposers.join(" ||\n  ") || "false") };
}

export function packedProgress(L: PaxosLayout): { goal: Judge; expected: Judge } {
  const source = progressSource(L);
  return {
    goal: compileSource("Basic Paxos's progress check", ["st", "off"], source.goal) as Judge,
    expected: compileSource("Basic Paxos's progress check", ["st", "off"], source.expected) as Judge,
  };
}
