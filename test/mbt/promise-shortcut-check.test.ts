// The TCP store's shortcut of learning a value from promises (mbt/promise-shortcut-check.ts): the
// correct proposer learns from a quorum reporting one ballot's vote and takes every near miss
// to phase 2, and a node routing Accepts to every acceptor by rule alone learns nothing from
// promises; the check fails, naming the case, when a case's expectation is turned around
// (as a proposer that learned from a near miss, or never learned, would be judged).
import { describe, expect, it } from "vitest";
import { checkPromiseShortcut, shortcutCases } from "../../mbt/promise-shortcut-check.ts";

describe("the check of learning from promises", () => {
  it("passes the correct proposer", async () => {
    expect(await checkPromiseShortcut()).toEqual({ passed: true, detail: "1 quorum reporting one ballot's vote answered from the promises, 5 near misses taken to phase 2 with the highest-ballot vote; none answered from promises by a node routing Accepts to every acceptor without the shortcuts" });
  });

  it("fails when a near miss must be learned, or a quorum's one vote must go to phase 2", async () => {
    const sameRound = shortcutCases.find((c) => c.name === "one value in two proposers' ballots of one round")!;
    expect(await checkPromiseShortcut([{ ...sameRound, learned: true }])).toEqual({
      passed: false,
      detail: "one value in two proposers' ballots of one round: expected A learned from the promises and answered without phase 2, got no answer and 3 Accepts",
    });
    const learned = shortcutCases[0]!;
    expect(await checkPromiseShortcut([{ ...learned, learned: false }])).toEqual({
      passed: false,
      detail: "one vote, reported by the whole quorum: expected phase 2 with A to every acceptor and no answer yet, got the answer A and Accepts of nothing",
    });
  });
});
