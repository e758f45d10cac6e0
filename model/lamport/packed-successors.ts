// The successors of a packed Paxos.tla state, compiled once per layout into a function whose
// field positions are constants: every read of a field is then a shift and a mask of a word held
// in a local, and every successor is written as whole words. Read through the layout's tables
// instead (LamportLayout.get), each field costs several loads and bounds checks, and the steps
// took about half of a check's time outside the visited set (docs/ci.md has the measurements).
// The actions are those of actions.ts, offered in the same order as before compiling: Phase1a
// by ballot, Phase2a by ballot and value, then per acceptor Phase1b and Phase2b by ballot. A
// step that would change nothing (a 1a message sent again, a vote cast again) is not offered.
// The source holds only numbers from the layout, never a string from input.
import { compileSource } from "../../checker/packed-model.ts";
import { fieldSource } from "../../checker/bit-layout.ts";
import type { LamportLayout } from "./packed-layout.ts";

export type PackedSuccessors = (st: Int32Array, off: number, out: Int32Array, emit: () => void) => void;
/** Phase2a's values allowed in ballot `b` of the state at `off`, as a bitmask of values. */
export type AllowedValues = (st: Int32Array, off: number, b: number) => number;

/** The body of the successors function of layout L: JavaScript over st, off, out, emit and allowedValues. */
export function successorsSource(L: LamportLayout): string {
  const { A, B, V, words: W } = L;
  const field = (f: number): string => fieldSource(L, f, (w) => `w${w}`);
  /** Writes the successor, the state with `writes` (field, expression) applied, and emits it. */
  const emitWith = (writes: readonly (readonly [number, string])[]): string => {
    const cleared = L.maskOf(writes.map(([f]) => f));
    const added: string[][] = Array.from({ length: W }, () => []);
    for (const [f, value] of writes) added[L.fw[f]!]!.push(`((${value}) << ${L.fs[f]})`);
    const words = Array.from(cleared, (c, i) => (c === 0 ? `out[${i}] = w${i};` : `out[${i}] = (w${i} & ${~c}) | ${added[i]!.join(" | ")};`));
    return `${words.join(" ")} emit();`;
  };
  const lines: string[] = [];
  for (let i = 0; i < W; i++) lines.push(`const w${i} = st[off + ${i}];`);
  for (let b = 0; b < B; b++) lines.push(`if (${field(L.sent1a(b))} === 0) { ${emitWith([[L.sent1a(b), "1"]])} }`);
  for (let b = 0; b < B; b++) {
    lines.push(`if (${field(L.twoA(b))} === 0) {`, `  const allowed = allowedValues(st, off, ${b});`);
    for (let v = 0; v < V; v++) lines.push(`  if ((allowed & ${1 << v}) !== 0) { ${emitWith([[L.twoA(b), `${1 + v}`]])} }`);
    lines.push("}");
  }
  for (let a = 0; a < A; a++) {
    lines.push("{", `  const maxBal = ${field(L.maxBal(a))} - 1;`, `  const mvb = ${field(L.maxVBal(a))};`, `  const maxVal = ${field(L.maxVal(a))};`);
    // The 1b message reports the acceptor's last vote: 1 for none, else 2 + mbal * V + mval.
    lines.push(`  const reply = mvb === 0 ? 1 : 2 + (mvb - 1) * ${V} + (maxVal - 1);`);
    for (let b = 0; b < B; b++) lines.push(`  if (maxBal < ${b} && ${field(L.sent1a(b))} !== 0) { ${emitWith([[L.maxBal(a), `${b + 1}`], [L.oneB(a, b), "reply"]])} }`);
    for (let b = 0; b < B; b++) {
      lines.push(`  if (maxBal <= ${b}) {`, `    const t = ${field(L.twoA(b))};`);
      // A vote already cast for this very 2a message, with maxBal at its ballot, is not offered again.
      const again = `maxBal === ${b} && mvb === ${b + 1} && maxVal === t && ${field(L.twoB(a, b))} === t`;
      lines.push(`    if (t !== 0 && !(${again})) { ${emitWith([[L.maxBal(a), `${b + 1}`], [L.maxVBal(a), `${b + 1}`], [L.maxVal(a), "t"], [L.twoB(a, b), "t"]])} }`, "  }");
    }
    lines.push("}");
  }
  return lines.join("\n");
}

export function compileSuccessors(L: LamportLayout, allowedValues: AllowedValues): PackedSuccessors {
  const make = compileSource("Paxos.tla's steps", ["allowedValues"], `return (st, off, out, emit) => {\n${successorsSource(L)}\n};`) as (allowed: AllowedValues) => PackedSuccessors;
  return make(allowedValues);
}
