// A variant of the model: correct Paxos with rules replaced (protocol/rules.ts), for the bug
// catalogue, derived from the bug table of protocol/catalogue.ts. `safe` says whether the
// variant should pass; an unsafe one names the property that catches it and the small
// configuration under which it is caught.
import type { ModelConfigInput } from "./config.ts";
import type { Rules } from "../../protocol/rules.ts";

export type Variant = {
  readonly name: string;
  readonly summary: string;
  readonly safe: boolean;
  /** The property whose violation catches it (unsafe variants). */
  readonly breaks?: string;
  /** Its shortest counterexample's length under its config (unsafe variants of the catalogue). */
  readonly shortest?: number;
  /** Bounds and faults under which it is checked (merged over the defaults). */
  readonly config?: ModelConfigInput;
  readonly rules: Partial<Rules>;
};
