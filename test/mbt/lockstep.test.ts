// The lockstep driver on hand-picked schedules: the correct implementation agrees with the
// model step by step, and a broken variant parts from it at the step where it goes wrong.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { Action } from "../../model/basic-paxos/actions.ts";
import { parseModelConfig } from "../../model/basic-paxos/config.ts";
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

  it("reply-before-sync loses a promise through an acceptor crash: once it restarts, a difference and promises-never-decrease on the implementation", async () => {
    // The implementation is asked for an acceptor's state only while it is up, as any target is.
    const r = await replayOnImpl({ config, variant: "reply-before-sync" }, [{ kind: "propose", proposer: "p1" }, prepare("a1"), { kind: "crash", node: "a1" }, { kind: "restart", node: "a1" }]);
    expect(r.outcome).toBe("parted");
    if (r.outcome !== "parted") return;
    expect(r.failed.step).toBe(4);
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

  it("a redelivered Accept makes the acceptor send the same Accepted again: the copies merge, as in the model's set", async () => {
    const ls = await createLockstep({ config });
    for (const a of twoRoundTrips.slice(0, 6)) expect((await ls.step(a)).ok).toBe(true);
    const again = await ls.step(accept("a1")); // a1 votes again in 1.p1 and re-sends Accepted(1.p1, A)
    expect(again.ok).toBe(true);
    const copies = ls.run.inFlight.filter((e) => e.msg.type === "accepted" && e.from === "a1");
    expect(copies).toHaveLength(1);
    await ls.close();
  });

  it("a proposer that learned is not offered further Promises, and step() says why", async () => {
    const ls = await createLockstep({ config });
    const steps: Action[] = [{ kind: "propose", proposer: "p1" }, prepare("a1"), prepare("a2"), prepare("a3"), promise("a1"), promise("a2"), accept("a1"), accept("a2"), accepted("a1"), accepted("a2")];
    for (const a of steps) expect((await ls.step(a)).ok).toBe(true);
    // a3's Promise for 1.p1 is still in flight; p1 is in phase 2 and learned A.
    expect(ls.model.proposers[0]!.learned).toBe("A");
    expect(ls.commands().some((c) => c.kind === "deliver" && c.to === "p1" && c.msg.type === "promise")).toBe(false);
    await expect(ls.step(promise("a3"))).rejects.toThrow(/p1 has learned A; the implementation's proposer ends its instance/);
    await ls.close();
  });

  it("reply-before-sync on the file storage: the down acceptor still shows its promise, the restart loses it", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "synod-lockstep-"));
    try {
      const r = await replayOnImpl({ config, variant: "reply-before-sync", storage: { dir } }, [{ kind: "propose", proposer: "p1" }, prepare("a1"), { kind: "crash", node: "a1" }, { kind: "restart", node: "a1" }]);
      expect(r.outcome).toBe("parted");
      if (r.outcome !== "parted") return;
      expect(r.failed.step).toBe(4);
      expect(r.failed.differences).toContainEqual({ observable: "a1 promise", model: "1.p1", impl: "none" });
      const correct = await replayOnImpl({ config, storage: { dir: path.join(dir, "correct") } }, r.steps.map((s) => s.action));
      expect(correct.outcome).toBe("agreed");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
