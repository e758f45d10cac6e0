// impl/'s proposer on the replies and timers of a duel it keeps losing (mbt/proposer-replies-check.ts):
// the correct proposer passes; one whose next round ignores the round a Nack reported, one whose
// backoff never doubles, and one whose step throws fail, each with what was wrong. The broken
// proposers are the real one with its rules or timing overridden, so impl/ itself carries no bug.
import { describe, expect, it } from "vitest";
import { checkProposerReplies } from "../../mbt/proposer-replies-check.ts";
import { correctRules } from "../../protocol/rules.ts";
import { defaultTiming } from "../../impl/node.ts";

describe("the check of a proposer's Nacks, backoff and stale replies", () => {
  it("passes the correct proposer", async () => {
    expect(await checkProposerReplies()).toEqual({
      passed: true,
      detail: `9 ballots lost to Nacks, each backed off once by its doubling delay times a draw of its own randomness and retried above the Nack's round; stale Nacks, Promises and timers ignored, and late ones after a read was answered; requests during phases 1 and 2 joined the running ballot, a read that joined after "none"'s ballot started not answered by it; a refused request's key went on from its round`,
    });
  });

  it("fails a proposer that retries without jumping above the round a Nack reported", async () => {
    const r = await checkProposerReplies(1, { rules: { ...correctRules, nextRound: (used) => used + 1 } });
    expect(r).toEqual({ passed: false, detail: "the retry after ballot 1.p1 runs 2.p1, not above round 4, the highest a Nack reported" });
  });

  it("fails a proposer whose backoff never doubles", async () => {
    const r = await checkProposerReplies(1, { timing: { ...defaultTiming, roundMs: 60_000, backoffMaxMs: 5 } });
    expect(r.passed).toBe(false);
    expect(r.detail).toMatch(/^the backoff after ballot 2 lost in a row: [\d.]+ ms, expected in \[5, 15\) \(a doubling delay, capped at 400 ms\)$/);
  });

  it("fails a proposer whose step throws: the node stops on its own", async () => {
    const rules = {
      ...correctRules,
      chooseValue: () => {
        throw new Error("chooseValue exploded");
      },
    };
    expect(await checkProposerReplies(1, { rules })).toEqual({ passed: false, detail: "the node stopped on its own: internal error: chooseValue exploded" });
  });
});
