// What every packed step shares: the state being expanded (read with `get`), the successor
// being written (`cur`, `set`), and the few writes several steps make. Each step file's
// factory receives the context once and keeps what it needs in locals, so the steps stay
// closures over the same few functions, as the checker's hot loop wants: no allocation and
// no object lookup per call.
import type { PaxosLayout } from "./layout.ts";
import { PackOverflow } from "./layout.ts";
import { fieldCursor } from "../../packed-fields.ts";
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
  const { get, cur, set, copy, bind } = fieldCursor(L, (max) => `the packed layout of ${config.acceptors} acceptors, ${config.proposers} proposers and ${config.retries} retries cannot hold this state (a field exceeds ${max})`);
  const record = (f: number, v: number) => {
    const old = cur(f);
    if (old !== 0 && old !== v) throw new PackOverflow("two different messages of one kind for one acceptor and ballot, where correct Paxos sends one");
    set(f, v);
  };
  const consume = (slot: number, branch: number, emit: Emit) => {
    copy();
    set(slot, 0);
    emit(branch);
  };
  return { L, rules, get, cur, set, record, copy, consume, branch: branchIndex, bind };
}
