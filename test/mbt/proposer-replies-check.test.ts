// impl/'s proposer on the replies and timers of a duel it keeps losing (mbt/proposer-replies-check.ts):
// the correct proposer passes; one that forgets the round a Nack reported, and one that backs off
// on every Nack, fail, each with what was wrong. The broken proposers are the real one with one
// function replaced, so impl/ itself carries no bug.
import { afterEach, describe, expect, it, vi } from "vitest";
import type * as proposer from "../../impl/core/proposer.ts";
import { checkProposerReplies } from "../../mbt/proposer-replies-check.ts";

type OnNack = typeof proposer.onNack;
const broken = vi.hoisted(() => ({ onNack: null as OnNack | null }));

vi.mock("../../impl/core/proposer.ts", async (importOriginal) => {
  const real = await importOriginal<typeof proposer>();
  return { ...real, onNack: ((p, m) => (broken.onNack ?? real.onNack)(p, m)) satisfies OnNack };
});

afterEach(() => {
  broken.onNack = null;
});

describe("the check of a proposer's Nacks, backoff and stale replies", () => {
  it("passes the correct proposer", async () => {
    expect(await checkProposerReplies()).toEqual({
      passed: true,
      detail: "9 ballots lost to Nacks, each backed off once within its doubling range and retried above the Nack's round; stale Nacks, Promises and timers ignored, and late ones after a read was answered",
    });
  });

  it("fails a proposer that retries without jumping above the round a Nack reported", async () => {
    const real = await vi.importActual<typeof proposer>("../../impl/core/proposer.ts");
    broken.onNack = (p, m) => {
      const step = real.onNack(p, m);
      return { ...step, state: { ...step.state, seenRound: p.seenRound } };
    };
    const r = await checkProposerReplies();
    expect(r.passed).toBe(false);
    expect(r.detail).toBe("the retry after ballot 1.p1 runs 2.p1, not above round 4, the highest a Nack reported");
  });

  it("fails a proposer that backs off on every Nack of one ballot", async () => {
    const real = await vi.importActual<typeof proposer>("../../impl/core/proposer.ts");
    broken.onNack = (p, m) => real.onNack({ ...p, preempted: false }, m);
    const r = await checkProposerReplies();
    expect(r.passed).toBe(false);
    expect(r.detail).toMatch(/^a second Nack for ballot 1\.p1: expected nothing \(one backoff per ballot\), got 1 timers/);
  });
});
