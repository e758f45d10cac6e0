// The packed steps' one write: a value the layout cannot hold is a state too large for the
// encoding (PackOverflow, and the checker falls back to objects); a negative value or a field
// the layout does not have is a defect of the step, never mistaken for the former.
import { describe, expect, it } from "vitest";
import { parseModelConfig } from "../../model/basic-paxos/config.ts";
import { PaxosLayout, PackOverflow } from "../../model/basic-paxos/packed/layout.ts";
import { createStepContext } from "../../model/basic-paxos/packed/step-context.ts";
import { majority } from "../../protocol/quorum.ts";

const L = new PaxosLayout(parseModelConfig({}), majority(3), true);
const ctx = createStepContext(L, undefined as never);
ctx.bind(new Int32Array(L.words), 0, new Int32Array(L.words));
const field = L.losses;

describe("a packed step's write", () => {
  it("holds what the field may hold, and nothing else changes", () => {
    ctx.copy();
    ctx.set(field, L.fmax[field]!);
    expect(ctx.cur(field)).toBe(L.fmax[field]);
    for (const other of [L.promised[0]!, L.round[0]!, L.acceptorCrashes]) expect(ctx.cur(other)).toBe(0);
  });

  it("refuses a value above the field's largest as a state too large for the layout", () => {
    expect(() => ctx.set(field, L.fmax[field]! + 1)).toThrow(PackOverflow);
  });

  it("refuses a negative value, or a field the layout lacks, as a defect of the step", () => {
    for (const write of [() => ctx.set(field, -1), () => ctx.set(L.fmax.length, 0)]) {
      expect(write).toThrow(/a defect of the step/);
      expect(write).not.toThrow(PackOverflow);
    }
  });
});
