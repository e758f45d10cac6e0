// Transition coverage: how many transitions of each branch the implementation was driven
// through, and which branches never. The branches are the model's own (each step of
// model/basic-paxos/steps/ names the one it took); every one is listed, so a gap shows as a zero.
import { branchIds, type BranchId } from "../model/basic-paxos/steps/branches.ts";

export type Coverage = Record<BranchId, number>;

export function emptyCoverage(): Coverage {
  return Object.fromEntries(branchIds.map((b) => [b, 0])) as Coverage;
}

export function neverDriven(c: Coverage): BranchId[] {
  return branchIds.filter((b) => c[b] === 0);
}

/** `deliver promise: counted  1,234` lines, in the order of the branch list. */
export function coverageLines(c: Coverage): string[] {
  const width = Math.max(...branchIds.map((b) => b.length));
  return branchIds.filter((b) => c[b] > 0).map((b) => `${b.padEnd(width)}  ${c[b].toLocaleString("en-US")}`);
}
