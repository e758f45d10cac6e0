// The lockstep driver on hand-picked schedules: the correct implementation agrees with the
// model step by step, and a broken variant parts from it at the step where it goes wrong.
import { describe, expect, it } from "vitest";
import type { Action } from "../../model/actions.ts";
import { parseModelConfig } from "../../model/config.ts";
import { createLockstep, LockstepError, replayOnImpl } from "../../mbt/lockstep.ts";

// Explicit configs: the model's default may change under us.
const config = parseModelConfig({ acceptors: 3, proposers: 2, retries: 1, loss: true, losses: 1, duplication: true, proposerCrashes: 1, acceptorCrashes: 1, acceptorStateLoss: false, nacks: false });
const ballot1 = { round: 1, proposer: "p1" };
const prepare = (to: string): Action => ({ kind: "deliver", to, msg: { type: "prepare", from: "p1", ballot: ballot1 } });
const promise = (from: string): Action => ({ kind: "deliver", to: "p1", msg: { type: "promise", from, ballot: ballot1, voted: null } });
const accept = (to: string): Action => ({ kind: "deliver", to, msg: { type: "accept", from: "p1", ballot: ballot1, value: "A" } });
const accepted = (from: string): Action => ({ kind: "deliver", to: "p1", msg: { type: "accepted", from, ballot: ballot1, value: "A" } });
const twoRoundTrips: Action[] = [{ kind: "propose", proposer: "p1" }, prepare("a1"), prepare("a2"), promise("a1"), promise("a2"), accept("a1"), accept("a2"), accepted("a1"), accepted("a2")];

describe("lockstep driver", () => {
  it("the correct implementation agrees with the model on a lone proposer's two round trips", async () => {
    const r = await replayOnImpl({ config }, twoRoundTrips);
    expect(r.outcome).toBe("agreed");
    expect(r.steps.at(-1)!.changes).toContain("p1 learned A");
  });

  it("a redelivered Prepare is a stutter the correct implementation also ignores", async () => {
    const r = await replayOnImpl({ config }, [{ kind: "propose", proposer: "p1" }, prepare("a1"), prepare("a1")]);
    expect(r.outcome).toBe("agreed");
    expect(r.steps.map((s) => s.stutter)).toEqual([false, false, true]);
  });

  it("quorum-n-over-2 parts from the model when one promise already makes it send phase 2a", async () => {
    const r = await replayOnImpl({ config, variant: "quorum-n-over-2" }, twoRoundTrips);
    expect(r.outcome).toBe("parted");
    if (r.outcome !== "parted") return;
    expect(r.failed.step).toBe(4);
    expect(r.failed.differences).toContainEqual({ observable: "in flight: Accept(b=1.p1, v=A) p1->a1", model: "not in flight", impl: "in flight" });
  });

  it("reply-before-sync loses a promise through an acceptor crash: a difference and promises-never-decrease on the implementation", async () => {
    const r = await replayOnImpl({ config, variant: "reply-before-sync" }, [{ kind: "propose", proposer: "p1" }, prepare("a1"), { kind: "crash", node: "a1" }]);
    expect(r.outcome).toBe("parted");
    if (r.outcome !== "parted") return;
    expect(r.failed.step).toBe(3);
    expect(r.failed.differences).toContainEqual({ observable: "a1 promise", model: "1.p1", impl: "none" });
    expect(r.failed.broken.map((b) => `${b.side}:${b.property}`)).toEqual(["impl:promises-never-decrease"]);
  });

  it("an action the model does not allow is refused, naming the step", async () => {
    const ls = await createLockstep({ config });
    await expect(ls.step(prepare("a1"))).rejects.toThrow(LockstepError);
    await expect(ls.step(prepare("a1"))).rejects.toThrow(/step 1: deliver Prepare\(b=1.p1\) p1->a1 is not possible/);
    await ls.close();
    const r = await replayOnImpl({ config }, [{ kind: "propose", proposer: "p1" }, { kind: "propose", proposer: "p1" }]);
    expect(r).toMatchObject({ outcome: "not-possible", step: 2 });
  });

  it("after a proposer restart, the model's timeout starts the next ballot on the implementation too", async () => {
    const r = await replayOnImpl({ config }, [{ kind: "propose", proposer: "p1" }, { kind: "crash", node: "p1" }, { kind: "restart", node: "p1" }, { kind: "timeout", proposer: "p1" }]);
    expect(r.outcome).toBe("agreed");
    expect(r.steps.at(-1)!.changes).toContain("sent Prepare(b=2.p1) p1->a1");
  });
});
