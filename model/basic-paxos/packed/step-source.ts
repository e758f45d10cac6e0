// What every packed step shares, as JavaScript source: the steps are compiled once per layout
// and rules (successors.ts), so each step writes the statements of its transition with every
// field's word, shift and mask as numbers. The state being expanded is held in locals w0, w1, ...;
// the successor is written into `out`; `emit` hands it to the engine. Read through the layout's
// tables instead, each field costs several loads and bounds checks, and the steps took over a
// third of a Basic Paxos check (docs/ci.md has the measurements).
// The source holds only numbers from the layout and the rules' tables, never a string from input.
import type { PaxosLayout } from "./layout.ts";
import type { RuleTables } from "./rule-tables.ts";
import { branchIndex, type BranchId } from "../steps/branches.ts";
import { fieldSource } from "../../../checker/bit-layout.ts";

/** Called once per transition with the index of the branch it took (steps/branches.ts). */
export type Emit = (branch: number) => void;

/** A JavaScript expression (a field read, a number, a local's name) or a number. */
export type Expr = string | number;

export type StepSource = {
  readonly L: PaxosLayout;
  readonly rules: RuleTables;
  /** A field of the state being expanded. */
  get(f: number): string;
  /** A field of the successor being written. */
  cur(f: number): string;
  /** Sets a field of the successor; at run time, a value the field cannot hold calls overflow (successors.ts's Runtime). */
  set(f: number, v: Expr): string;
  /** Sets a ghost slot, which holds one content for good: a second, different one calls conflict. */
  record(f: number, v: Expr): string;
  /** One of `fields` by a run-time index: `fields[index]` read from the state being expanded. */
  getAt(fields: readonly number[], index: string): string;
  /** Sets one of `fields` by a run-time index, to v. */
  setAt(fields: readonly number[], index: string, v: Expr): string;
  /** Starts the successor as a copy of the state being expanded. */
  copy(): string;
  /** Hands the successor to the engine, naming the branch taken (a branch index, or an expression of one). */
  emit(branch: Expr): string;
  /** A delivery that changes nothing but takes the message off the network (duplication off). */
  consume(slot: number, branch: Expr): string;
  /** The index of a branch in the model's list. */
  branch(id: BranchId): number;
};

export function createStepSource(L: PaxosLayout, rules: RuleTables): StepSource {
  let temps = 0;
  const temp = () => `t${temps++}`;
  /** f, once it is known to be one of the layout's fields. */
  const known = (f: number) => {
    if (L.fw[f] === undefined) throw new Error(`a packed step names field ${f}, which the layout does not have: a defect of the step`);
    return f;
  };
  const read = (from: (w: number) => string) => (f: number) => fieldSource(L, known(f), from);
  const get = read((w) => `w${w}`);
  const cur = read((w) => `out[${w}]`);
  const set = (f: number, v: Expr): string => {
    const w = L.fw[known(f)]!;
    const keep = ~(L.fm[f]! << L.fs[f]!);
    if (typeof v === "number") {
      // A constant is checked now; one the field cannot hold fails at run time, as a computed one would.
      if (!Number.isInteger(v) || v < 0 || v > L.fmax[f]!) return `overflow(${f}, ${v});`;
      return `out[${w}] = (out[${w}] & ${keep}) | ${(v << L.fs[f]!) | 0};`;
    }
    const t = temp();
    // Compared unsigned, so that a negative value is caught by the same test as one too large.
    return `{ const ${t} = ${v}; if (${t} >>> 0 > ${L.fmax[f]}) overflow(${f}, ${t}); out[${w}] = (out[${w}] & ${keep}) | (${t} << ${L.fs[f]}); }`;
  };
  const record = (f: number, v: Expr): string => {
    const t = temp();
    const old = temp();
    return `{ const ${t} = ${v}; const ${old} = ${cur(f)}; if (${old} !== 0 && ${old} !== ${t}) conflict(); ${set(f, t)} }`;
  };
  const getAt = (fields: readonly number[], index: string): string => {
    // A chain of conditionals on the index: each arm is a constant-position read.
    let expr = "outOfRange()";
    for (let i = fields.length - 1; i >= 0; i--) expr = `(${index} === ${i} ? ${get(fields[i]!)} : ${expr})`;
    return expr;
  };
  const setAt = (fields: readonly number[], index: string, v: Expr): string =>
    `switch (${index}) { ${fields.map((f, i) => `case ${i}: ${set(f, v)} break;`).join(" ")} default: outOfRange(); }`;
  const copy = () => Array.from({ length: L.words }, (_, i) => `out[${i}] = w${i};`).join(" ");
  const emit = (branch: Expr) => `emit(${branch});`;
  const consume = (slot: number, branch: Expr) => `${copy()} ${set(slot, 0)} ${emit(branch)}`;
  return { L, rules, get, cur, set, record, getAt, setAt, copy, emit, consume, branch: branchIndex };
}
