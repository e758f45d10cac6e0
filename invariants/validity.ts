import type { StateInvariant } from "./property.ts";
import { chosenValues } from "../protocol/chosen.ts";

export const validity: StateInvariant = {
  kind: "always",
  id: "validity",
  title: "Validity",
  statement: "A chosen value was proposed by a client.",
  rationale: "Consensus is trivial if the protocol may invent a value; a chosen value must be one some client asked a proposer to propose.",
  maintainedBy: "Phase 2a: a proposer proposes its client's value or a value reported in a promise, which was proposed earlier.",
  check(view) {
    const invented = chosenValues(view).filter((v) => !view.inputs.includes(v));
    return invented.length === 0 ? null : `chosen value ${invented.join(", ")} was never proposed by a client (inputs: ${view.inputs.join(", ")})`;
  },
};
