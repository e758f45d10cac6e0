// Every branch a transition of the model can take, in the order reports list them: each step
// file declares its own beside the code that takes them. Both encodings of a step name the
// branch they took (the object step by id, the packed step by index in this list), and
// conformance counts them, so its coverage comes from the model itself.
import * as phase1a from "./phase-1a.ts";
import * as phase1b from "./phase-1b.ts";
import * as phase2a from "./phase-2a.ts";
import * as phase2b from "./phase-2b.ts";
import * as learn from "./learn.ts";
import * as nack from "./nack.ts";
import * as environment from "./environment.ts";

export const basicPaxosBranches = [
  ...phase1a.branches,
  ...phase1b.branches,
  ...phase2b.branches,
  ...phase2a.branches,
  ...learn.branches,
  ...nack.branches,
  ...environment.branches,
] as const;

export type BranchId = (typeof basicPaxosBranches)[number]["id"];

export const branchIds: readonly BranchId[] = basicPaxosBranches.map((b) => b.id);

const indexOf = new Map(branchIds.map((id, i) => [id, i]));

/** The index of a branch in `basicPaxosBranches`. */
export function branchIndex(id: BranchId): number {
  return indexOf.get(id)!;
}
