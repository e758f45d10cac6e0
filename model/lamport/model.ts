// Lamport's Paxos.tla as a Model the checker explores: the reference whose state counts
// and depths must equal TLC's on the same constants (3 acceptors, {v1, v2}: ballots 0..1
// give 3,921 states and depth 17, 0..2 give 185,369 and 25, 0..3 give 8,220,065 and 33).
import type { Model } from "../../checker/model.ts";
import { LamportAction, phase1a, phase1b, phase2a, phase2aValues, phase2b } from "./actions.ts";
import { LamportConfig } from "./config.ts";
import { describeLamportAction, describeLamportChange } from "./describe.ts";
import { lamportInvariants, lamportWitnesses } from "./invariants.ts";
import { initialState, type LamportState } from "./state.ts";
import { encodeLamport } from "./packed-codec.ts";
import { LamportLayout } from "./packed-layout.ts";
import { canonicalizeLamport } from "./packed-symmetry.ts";

export type LamportModel = Model<LamportState, LamportAction> & { readonly config: LamportConfig };

export function createLamportModel(config: LamportConfig): LamportModel {
  const c = LamportConfig.parse(config);
  return {
    name: "lamport-paxos",
    config: c,
    initialStates: () => [initialState(c.acceptors)],
    actions: (s) => enabledActions(s, c),
    next(s, x) {
      const after = apply(s, x, c);
      if (after === null) throw new Error(`action not enabled: ${describeLamportAction(x)}`);
      return after;
    },
    representative: canonicalWords(c),
    describeAction: describeLamportAction,
    describeChange: describeLamportChange,
    actionSchema: LamportAction,
    invariants: lamportInvariants(c),
    stepChecks: [],
    witnesses: lamportWitnesses(c),
  };
}

/** Symmetry over acceptors and values: the packed canonical form (packed-symmetry.ts) represents the class. */
function canonicalWords(c: LamportConfig): (s: LamportState) => Int32Array {
  let layout: LamportLayout | undefined;
  return (s) => {
    layout ??= new LamportLayout(c);
    const words = new Int32Array(layout.words);
    encodeLamport(layout, s, words, 0);
    canonicalizeLamport(layout, words, 0);
    return words;
  };
}

function apply(s: LamportState, x: LamportAction, c: LamportConfig): LamportState | null {
  switch (x.phase) {
    case "Phase1a": return x.bal <= c.ballots ? phase1a(s, x.bal) : null;
    case "Phase1b": return x.acc < c.acceptors ? phase1b(s, x.acc, x.bal) : null;
    case "Phase2a": return x.bal <= c.ballots && x.val < c.values ? phase2a(s, c.acceptors, c.values, x.bal, x.val) : null;
    case "Phase2b": return x.acc < c.acceptors ? phase2b(s, x.acc, x.bal, x.val) : null;
  }
}

/** Next == \E b: Phase1a(b) \/ \E b, v: Phase2a(b, v) \/ \E a: Phase1b(a) \/ Phase2b(a), in that order. */
function enabledActions(s: LamportState, c: LamportConfig): LamportAction[] {
  const out: LamportAction[] = [];
  for (let bal = 0; bal <= c.ballots; bal++) out.push({ phase: "Phase1a", bal });
  for (let bal = 0; bal <= c.ballots; bal++) {
    const allowed = phase2aValues(s, c.acceptors, c.values, bal);
    for (let val = 0; val < c.values; val++) if (allowed.has(val)) out.push({ phase: "Phase2a", bal, val });
  }
  for (let acc = 0; acc < c.acceptors; acc++) {
    for (const m of s.msgs) {
      if (m.type === "1a" && m.bal > s.maxBal[acc]!) out.push({ phase: "Phase1b", acc, bal: m.bal });
      if (m.type === "2a" && m.bal >= s.maxBal[acc]!) out.push({ phase: "Phase2b", acc, bal: m.bal, val: m.val });
    }
  }
  return out;
}
