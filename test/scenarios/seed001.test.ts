// Seed 001's two worked runs, replayed step by step on the model: every step must be
// possible where the seed takes it, and the outcomes must be the ones the seed tells.
import { describe, expect, it } from "vitest";
import { interleaved, oneAfterTheOther } from "../../model/basic-paxos/scenarios/seed001.ts";
import { runScenario } from "../../model/basic-paxos/scenarios/script.ts";
import { chosenIn, chosenValues } from "../../protocol/chosen.ts";
import { toView } from "../../model/basic-paxos/view.ts";

describe("seed 001: two advisors one after the other", () => {
  const run = runScenario(oneAfterTheOther);
  const last = run.states.at(-1)!;

  it("chooses advisor 1's time A, and advisor 1 learns it", () => {
    expect(chosenValues(toView(last))).toEqual(["A"]);
    expect(last.proposers[0]!.learned).toBe("A");
  });

  it("advisor 2 hears of A in the promises and proposes A, not its own B", () => {
    const p2 = last.proposers[1]!;
    expect(p2.promises.map((p) => p.voted?.value)).toEqual(["A", "A"]);
    expect(p2.proposal).toBe("A");
  });

  it("holds every invariant at every step", () => {
    for (const s of run.states) for (const inv of run.model.invariants) expect(inv.check(s), inv.id).toBeNull();
  });
});

describe("seed 001: two advisors interleaved, messengers captured", () => {
  const run = runScenario(interleaved);
  const at = (step: number) => run.states[step]!;

  it("general 2 rejects advisor 1's (ballot 1, time A) with (Rejected, ballot 2)", () => {
    const after = at(12);
    expect(after.acceptors[1]!.accepted).toBeNull();
    expect(after.network.some((e) => e.msg.type === "nack" && e.msg.from === "a2" && e.to === "p1" && e.msg.promised.proposer === "p2")).toBe(true);
  });

  it("advisor 2's time B is chosen in its ballot", () => {
    const chosen = chosenIn(toView(at(18)));
    expect(chosen.map((c) => `${c.value}@${c.ballot.round}.${c.ballot.proposer}`)).toEqual(["B@1.p2"]);
    expect(at(18).proposers[1]!.learned).toBe("B");
  });

  it("advisor 1 retries, takes the highest reported vote B, and B stays the only chosen value", () => {
    const last = run.states.at(-1)!;
    expect(last.proposers[0]!.round).toBe(2);
    expect(last.proposers[0]!.proposal).toBe("B");
    expect(last.proposers[0]!.learned).toBe("B");
    expect(chosenValues(toView(last))).toEqual(["B"]);
    for (const s of run.states) for (const inv of run.model.invariants) expect(inv.check(s), inv.id).toBeNull();
  });
});
