// The check that both encodings of the model choose the same value on every quorum of
// promises: it passes on the model as it is, and fails on a memo that answers two arguments
// alike and on an object proposer that reads its promises in the order they came.
import { describe, expect, it } from "vitest";
import { CHOICE_CONFIG, compareRuleSet, judgeChoices } from "../../cli/verify/choice-agreement.ts";
import { createPackedPaxos } from "../../model/basic-paxos/packed/paxos.ts";
import { catalogue } from "../../model/basic-paxos/catalogue.ts";

describe("the proposer's choice of value, packed against object", () => {
  it("agrees for the correct rules and every rule set of the catalogue the packed encoding holds", () => {
    const judged = judgeChoices();
    expect(judged.passed, judged.detail).toBe(true);
    // Every variant of the catalogue whose rules the packed encoding holds, and the correct rules.
    expect(judged.detail).toMatch(new RegExp(`under ${catalogue.length + 1} rule sets`));
  });

  it("fails on a memo keyed so that two arguments meet (the last acceptor's vote left out)", () => {
    const packed = createPackedPaxos({ config: CHOICE_CONFIG });
    const memo = new Map<string, number>();
    const tables = Object.assign(Object.create(packed.tables), {
      chooseValue: (p: number, counts: Int32Array, codes: Int32Array) => {
        const key = `${p}:${counts.join()}:${codes.slice(0, -1).join()}`;
        if (!memo.has(key)) memo.set(key, packed.tables.chooseValue(p, counts, codes));
        return memo.get(key)!;
      },
    });
    const r = compareRuleSet({ ...packed, tables }, "correct");
    expect(r.disagreements.length).toBeGreaterThan(0);
    expect(r.disagreements[0]).toMatch(/^correct: p\d with .*: packed proposes [AB], object [AB]$/);
  });

  it("fails on an object proposer that takes the first vote in arrival order, where the packed one reads by acceptor", () => {
    const packed = createPackedPaxos({ config: CHOICE_CONFIG, variant: "first-reported-vote" });
    // Arrival order is what the object proposer would see without its sort: deliveries come from the last acceptor first.
    const arrival = { ...packed.rules, chooseValue: (input: string | null, promises: readonly { voted: { value: string } | null }[]) => [...promises].reverse().find((x) => x.voted)?.voted?.value ?? input };
    const r = compareRuleSet({ ...packed, rules: arrival } as never, "first-reported-vote");
    expect(r.disagreements.length).toBeGreaterThan(0);
  });
});
