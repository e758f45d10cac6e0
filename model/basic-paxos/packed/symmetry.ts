// Symmetry over acceptors on packed words, as model/symmetry.ts on objects: acceptors are
// interchangeable (same code, same initial state, checks that never name one), so a state
// and its renamings behave alike. Every field about acceptor a lies in a's two blocks of
// words (layout.ts), so a renaming permutes whole blocks, and the least word vector of a
// class (signed words, first word first) puts the acceptors in the order of their
// (view block, other block) words: sorting the blocks is the exact canonical form.
// The sort is compiled once per layout, as the steps are (successors.ts): the blocks' words are
// loaded into locals and put in order by a fixed sequence of compare-and-swaps of whole blocks.
import type { PaxosLayout } from "./layout.ts";
import { compileSource } from "../../../checker/packed-model.ts";

/** The body of a function of (w, o) that sorts the acceptor blocks of the state at o in w. */
export function canonicalizerSource(L: PaxosLayout): string {
  const { A, blockView: BV, blockRest: BR, blockViewStart: VS, blockRestStart: RS } = L;
  const K = BV + BR;
  /** Word i of acceptor a's blocks (view block first), relative to the state. */
  const at = (a: number, i: number) => (i < BV ? VS + a * BV + i : RS + a * BR + i - BV);
  const local = (slot: number, i: number) => `b${slot}_${i}`;
  const lines: string[] = [];
  for (let a = 0; a < A; a++) for (let i = 0; i < K; i++) lines.push(`let ${local(a, i)} = w[o + ${at(a, i)}];`);
  lines.push("let moved = false;", "let t = 0;");
  /** Whether the blocks in slots x and y are out of order: x's words above y's, first word first. */
  const above = (x: number, y: number, i = 0): string => (i === K - 1 ? `${local(x, i)} > ${local(y, i)}` : `(${local(x, i)} > ${local(y, i)} || (${local(x, i)} === ${local(y, i)} && ${above(x, y, i + 1)}))`);
  // A bubble sort's network: A is at most a handful, and most states are sorted already.
  for (let pass = 0; pass < A - 1; pass++) {
    for (let x = 0; x < A - 1 - pass; x++) {
      const swap = Array.from({ length: K }, (_, i) => `t = ${local(x, i)}; ${local(x, i)} = ${local(x + 1, i)}; ${local(x + 1, i)} = t;`).join(" ");
      lines.push(`if (${above(x, x + 1)}) { moved = true; ${swap} }`);
    }
  }
  lines.push("if (!moved) return;");
  for (let a = 0; a < A; a++) for (let i = 0; i < K; i++) lines.push(`w[o + ${at(a, i)}] = ${local(a, i)};`);
  return lines.join("\n");
}

export function acceptorCanonicalizer(L: PaxosLayout): (words: Int32Array, off: number) => void {
  return compileSource("Basic Paxos's symmetry", ["w", "o"], canonicalizerSource(L)) as (words: Int32Array, off: number) => void;
}
