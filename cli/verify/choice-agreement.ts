// The value a proposer proposes on its quorum of promises, decided by the packed encoding
// (rule-tables.ts: the rule evaluated once per argument and remembered) and by the object model
// (phase-2a.ts: the Promises delivered one by one, kept in acceptor order), compared on every
// quorum a packed state can hold (one value per ballot), for the correct rules and every rule
// set of the catalogue.
// The explorations compared by the encoding pairs reach only the arguments their runs reach,
// and only the correct rules run on both encodings: a memo that answers one argument with
// another's value, or an object proposer that reads its promises in arrival order, agrees
// there and differs here.
import { catalogue } from "../../model/basic-paxos/catalogue.ts";
import { packedPaxosParts, type PackedPaxosParts } from "../../model/basic-paxos/packed/paxos.ts";
import { PackOverflow } from "../../model/basic-paxos/packed/layout.ts";
import { onPromise } from "../../model/basic-paxos/steps/phase-2a.ts";
import type { ProposerState } from "../../model/basic-paxos/state.ts";
import { ballotEquals } from "../../protocol/ballot.ts";
import type { ModelConfigInput } from "../../model/basic-paxos/config.ts";

/** Two proposers with a retry each: votes of two values in four ballots, above and below each other. */
export const CHOICE_CONFIG: ModelConfigInput = { acceptors: 3, proposers: 2, retries: 1, losses: 0 };
/**
 * The layouts compared: CHOICE_CONFIG, and two whose memo keys span other ranges (two acceptors
 * and four proposers' values; four acceptors, where a duplicate may count three times).
 */
export const CHOICE_CONFIGS: readonly ModelConfigInput[] = [CHOICE_CONFIG, { acceptors: 2, proposers: 4, retries: 0, losses: 0 }, { acceptors: 4, proposers: 2, retries: 0, losses: 0 }];

export type ChoiceComparison = {
  /** The rule sets compared: "correct" and the catalogue's variants the packed encoding holds. */
  readonly ruleSets: readonly string[];
  /** Quorums of promises compared, over all rule sets. */
  readonly quorums: number;
  /** The first few quorums where the encodings chose differently, described. */
  readonly disagreements: readonly string[];
};

/** The comparison as a check of verify: passed when every quorum of every rule set agrees. */
export function judgeChoices(): { readonly passed: boolean; readonly detail: string; readonly seconds: number } {
  const started = performance.now();
  const { ruleSets, quorums, disagreements } = compareChoices();
  const seconds = (performance.now() - started) / 1000;
  const passed = disagreements.length === 0 && quorums > 0;
  const what = `${quorums.toLocaleString("en-US")} quorums of promises under ${ruleSets.length} rule sets`;
  return { passed, detail: passed ? `agree: ${what}` : `DIFFER on ${what}: ${disagreements.join("; ")}`, seconds };
}

/** Every rule set the packed encoding holds, each on one packed model of each of CHOICE_CONFIGS. */
export function compareChoices(): ChoiceComparison {
  const ruleSets: string[] = [];
  let quorums = 0;
  const disagreements: string[] = [];
  for (const variant of [undefined, ...catalogue.map((v) => v.name)]) {
    for (const config of CHOICE_CONFIGS) {
      let packed: PackedPaxosParts;
      try {
        packed = packedPaxosParts({ config, ...(variant ? { variant } : {}) });
      } catch (e) {
        // A variant the packed encoding does not hold: the object engine checks it alone. Anything else is a fault.
        if (!(e instanceof PackOverflow)) throw e;
        continue;
      }
      if (!ruleSets.includes(variant ?? "correct")) ruleSets.push(variant ?? "correct");
      const r = compareRuleSet(packed, `${variant ?? "correct"} on ${JSON.stringify(config)}`);
      quorums += r.quorums;
      disagreements.push(...r.disagreements.slice(0, 5 - disagreements.length));
    }
  }
  return { ruleSets, quorums, disagreements };
}

/**
 * The quorums of one packed model's rule set: count vectors summing to the quorum, each counted
 * acceptor reporting any vote the layout codes (one value per ballot), the others any code.
 */
export function compareRuleSet({ layout: L, codec, rules, tables }: PackedPaxosParts, name: string): { quorums: number; disagreements: string[] } {
  const out: string[] = [];
  const acceptors = Array.from({ length: L.A }, (_, a) => `a${a + 1}`);
  const q = rules.quorum(L.A);
  const codes = 2 + L.NB * L.V;
  const counts = new Int32Array(L.A);
  const voteCodes = new Int32Array(L.A);
  let compared = 0;

  // One value per ballot: two votes of one ballot with different values are no state of any run (the layout holds one).
  const oneValuePerBallot = () => {
    const votes = Array.from(counts, (c, a) => (c > 0 ? codec.voteOf(voteCodes[a]!) : null)).filter((v) => v !== null);
    return votes.every((v) => votes.every((w) => !ballotEquals(v.ballot, w.ballot) || v.value === w.value));
  };

  const judge = (p: number) => {
    if (!oneValuePerBallot()) return;
    compared++;
    const packedValue = codec.value(tables.chooseValue(p, counts, voteCodes));
    const objectValue = objectChoice(p);
    if (packedValue !== objectValue && out.length < 5) {
      const held = Array.from(counts, (c, a) => `${acceptors[a]}: ${c} x ${JSON.stringify(codec.voteOf(voteCodes[a]! || 1))}`).join(", ");
      out.push(`${name}: p${p + 1} with ${held}: packed proposes ${packedValue}, object ${objectValue}`);
    }
  };

  // The object proposer in phase 1 of its first ballot, the Promises delivered from the last acceptor to the first.
  const objectChoice = (p: number): string | null => {
    const id = `p${p + 1}`;
    let state: ProposerState = { id, input: codec.value(p), up: true, round: 1, phase: "prepare", promises: [], proposal: null, acks: [], learned: null };
    for (let a = L.A - 1; a >= 0; a--) {
      for (let n = 0; n < counts[a]!; n++) state = onPromise(state, { type: "promise", from: acceptors[a]!, ballot: { round: 1, proposer: id }, voted: codec.voteOf(voteCodes[a]!) }, acceptors, rules).state;
    }
    return state.proposal;
  };

  const codesOf = (a: number) => (counts[a]! > 0 ? codes - 1 : codes);
  const eachCode = (a: number, p: number): void => {
    if (a === L.A) return judge(p);
    for (let c = 0; c < codesOf(a); c++) {
      voteCodes[a] = counts[a]! > 0 ? c + 1 : c;
      eachCode(a + 1, p);
    }
  };
  const eachCount = (a: number, left: number, p: number): void => {
    if (a === L.A) return left === 0 ? eachCode(0, p) : undefined;
    for (let c = 0; c <= Math.min(L.maxCount, left); c++) {
      counts[a] = c;
      eachCount(a + 1, left - c, p);
    }
  };
  for (let p = 0; p < L.P; p++) eachCount(0, q, p);
  return { quorums: compared, disagreements: out };
}
