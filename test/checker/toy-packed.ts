// The toy grid as a PackedModel: one word, x + 1 in the low half and y + 1 in the high half
// (0 is the trap's -1). Successors go through the object model: only the engine is on trial.
import type { Model } from "../../checker/model.ts";
import type { PackedModel } from "../../checker/packed-model.ts";
import { toyModel, type Cell, type ToyAction, type ToyOptions } from "./toy-model.ts";

const GOAL = (n: number) => (s: Cell) => s.x === n && s.y === n;

/** `model`: the grid with its checks changed, for a test that needs other ones (same cells, same actions). */
export function toyPacked(o: ToyOptions, model: Model<Cell, ToyAction> = toyModel(o)): PackedModel<Cell, ToyAction> {
  const encode = (s: Cell, out: Int32Array, off: number) => {
    out[off] = (s.x + 1) | ((s.y + 1) << 16);
  };
  const decode = (w: Int32Array, off: number): Cell => ({ x: (w[off]! & 0xffff) - 1, y: (w[off]! >>> 16) - 1 });
  return {
    model,
    words: 1,
    encode,
    decode,
    successors(w, off, out, emit) {
      const s = decode(w, off);
      for (const a of model.actions(s)) {
        encode(model.next(s, a), out, 0);
        emit();
      }
    },
    firstBrokenInvariant: (w, off) => model.invariants.findIndex((inv) => inv.check(decode(w, off)) !== null),
    witnessBits: (w, off) => model.witnesses.reduce((bits, wt, i) => (wt.reached(decode(w, off)) ? bits | (1 << i) : bits), 0),
    progressGoal: (w, off) => GOAL(o.size)(decode(w, off)),
    progressExpected: () => true,
    ...(o.mirror ? { canonicalize: (w: Int32Array, off: number) => {
      const s = decode(w, off);
      if (s.x > s.y) encode({ x: s.y, y: s.x }, w, off);
    } } : {}),
  };
}
