// The packed steps' one write, compiled as the steps are: a value the layout cannot hold is a
// state too large for the encoding (PackOverflow, and the checker falls back to objects); a
// negative value or a field the layout does not have is a defect of the step, never mistaken for
// the former.
import { describe, expect, it } from "vitest";
import { parseModelConfig } from "../../model/basic-paxos/config.ts";
import { PaxosLayout, PackOverflow } from "../../model/basic-paxos/packed/layout.ts";
import { PaxosCodec } from "../../model/basic-paxos/packed/codec.ts";
import { RuleTables } from "../../model/basic-paxos/packed/rule-tables.ts";
import { createStepSource } from "../../model/basic-paxos/packed/step-source.ts";
import { compileSteps } from "../../model/basic-paxos/packed/successors.ts";
import { correctRules } from "../../protocol/rules.ts";
import { majority } from "../../protocol/quorum.ts";

const L = new PaxosLayout(parseModelConfig({}), majority(3), true);
const rules = new RuleTables(L, new PaxosCodec(L), correctRules);
const src = createStepSource(L, rules);
const field = L.losses;
const words = Array.from({ length: L.words }, (_, i) => `w${i}`);
/** The successor of the all-zero state after one write of `field` to v, as compiled (v a constant, or a value passed at run time). */
function write(f: number, v: number, constant: boolean): Int32Array {
  const body = `return (v) => { const out = new Int32Array(${L.words}); const ${words.map((w) => `${w} = 0`).join(", ")}; ${src.copy()} ${src.set(f, constant ? v : "v")} return out; };`;
  return (compileSteps(L, rules, body) as (v: number) => Int32Array)(v);
}
const read = (out: Int32Array, f: number) => L.get(out, 0, f);

describe("a packed step's write", () => {
  for (const constant of [true, false]) {
    describe(constant ? "of a constant" : "of a value computed at run time", () => {
      it("holds what the field may hold, and nothing else changes", () => {
        const out = write(field, L.fmax[field]!, constant);
        expect(read(out, field)).toBe(L.fmax[field]);
        for (const other of [L.promised[0]!, L.round[0]!, L.acceptorCrashes]) expect(read(out, other)).toBe(0);
      });

      it("refuses a value above the field's largest as a state too large for the layout", () => {
        expect(() => write(field, L.fmax[field]! + 1, constant)).toThrow(PackOverflow);
      });

      it("refuses a negative value as a defect of the step", () => {
        const negative = () => write(field, -1, constant);
        expect(negative).toThrow(/a defect of the step/);
        expect(negative).not.toThrow(PackOverflow);
      });
    });
  }

  it("refuses a field the layout lacks as a defect of the step, when the step is compiled", () => {
    expect(() => src.set(L.fmax.length, 0)).toThrow(/a defect of the step/);
    expect(() => src.get(L.fmax.length)).toThrow(/a defect of the step/);
  });

  it("of a ghost slot keeps its one content: a second, different one is a state the layout cannot hold", () => {
    const slot = L.ghostProposal[0]!;
    const body = `return (v) => { const out = new Int32Array(${L.words}); ${src.record(slot, 1)} ${src.record(slot, "v")} return out; };`;
    const twice = compileSteps(L, rules, body) as (v: number) => Int32Array;
    expect(read(twice(1), slot)).toBe(1);
    expect(() => twice(2)).toThrow(PackOverflow);
  });
});
