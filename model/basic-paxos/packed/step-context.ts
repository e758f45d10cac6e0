// What every packed step shares: the state being expanded (read with `get`), the successor
// being written (`cur`, `set`), and the few writes several steps make. Each step file's
// factory receives the context once and keeps what it needs in locals, so the steps stay
// closures over the same few functions, as the checker's hot loop wants: no allocation and
// no object lookup per call.
import type { PaxosLayout } from "./layout.ts";
import { PackOverflow } from "./layout.ts";
import type { RuleTables } from "./rule-tables.ts";
import { branchIndex, type BranchId } from "../steps/branches.ts";

/** Called once per transition with the index of the branch it took (steps/branches.ts). */
export type Emit = (branch: number) => void;

export type StepContext = {
  readonly L: PaxosLayout;
  readonly rules: RuleTables;
  /** A field of the state being expanded. */
  readonly get: (f: number) => number;
  /** A field of the successor being written. */
  readonly cur: (f: number) => number;
  readonly set: (f: number, v: number) => void;
  /** Sets a ghost slot, which holds one content for good. */
  readonly record: (f: number, v: number) => void;
  /** Starts the successor as a copy of the state being expanded. */
  readonly copy: () => void;
  /** A delivery that changes nothing but takes the message off the network (duplication off). */
  readonly consume: (slot: number, branch: number, emit: Emit) => void;
  /** The index of a branch in the model's list. */
  readonly branch: (id: BranchId) => number;
};

export function createStepContext(L: PaxosLayout, rules: RuleTables): StepContext & { bind(src: Int32Array, base: number, out: Int32Array): void } {
  const { config } = L;
  const W = L.words;
  const fw = Int32Array.from(L.fw);
  const fs = Int32Array.from(L.fs);
  const fm = Int32Array.from(L.fm);
  const fmax = Int32Array.from(L.fmax);
  let src: Int32Array = new Int32Array(W);
  let base = 0;
  let out: Int32Array = new Int32Array(W);
  const get = (f: number) => (src[base + fw[f]!]! >>> fs[f]!) & fm[f]!;
  const cur = (f: number) => (out[fw[f]!]! >>> fs[f]!) & fm[f]!;
  const set = (f: number, v: number) => {
    // Compared unsigned, so that a negative value, or a field the layout does not have, is
    // caught by the same test as a value too large, instead of spilling into its neighbours.
    if (!((v >>> 0) <= fmax[f]!)) {
      if (v < 0 || fmax[f] === undefined) throw new Error(`a packed step set field ${f} to ${v}: a defect of the step, not a state too large for the layout`);
      throw new PackOverflow(`the packed layout of ${config.acceptors} acceptors, ${config.proposers} proposers and ${config.retries} retries cannot hold this state (a field exceeds ${fmax[f]})`);
    }
    const i = fw[f]!;
    out[i] = (out[i]! & ~(fm[f]! << fs[f]!)) | (v << fs[f]!);
  };
  const record = (f: number, v: number) => {
    const old = cur(f);
    if (old !== 0 && old !== v) throw new PackOverflow("two different messages of one kind for one acceptor and ballot, where correct Paxos sends one");
    set(f, v);
  };
  const copy = () => {
    for (let i = 0; i < W; i++) out[i] = src[base + i]!;
  };
  const consume = (slot: number, branch: number, emit: Emit) => {
    copy();
    set(slot, 0);
    emit(branch);
  };
  const bind = (s: Int32Array, off: number, o: Int32Array) => {
    src = s;
    base = off;
    out = o;
  };
  return { L, rules, get, cur, set, record, copy, consume, branch: branchIndex, bind };
}
