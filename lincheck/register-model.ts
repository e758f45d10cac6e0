// The write-once register of the store, per key: unset, or holding the chosen value.
// propose(v) sets an unset register to v, and answers the value it holds then; read answers
// the value it holds, or none.
import type { Model } from "./model.ts";

export const writeOnceRegister: Model<string | null> = {
  name: "write-once register",
  init: () => null,
  step(s, op) {
    if (op.f === "read") return op.output === undefined || op.output === s ? { state: s } : null;
    const after = s ?? op.input;
    return op.output === undefined || op.output === after ? { state: after } : null;
  },
  stateKey: (s) => (s === null ? "\u0000" : s),
};
