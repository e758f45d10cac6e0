// The driver of target runs: Synod's network, the commands it offers, and a target that breaks
// its contract failing the step with the call and the reason, never a verdict on Paxos.
import { describe, expect, it } from "vitest";
import { implTarget } from "../../harness/impl-target.ts";
import { TargetRun } from "../../target/run.ts";
import { parseTargetConfig } from "../../target/config.ts";
import type { Target, TargetCluster } from "../../target/target.ts";
import { checkTarget } from "../../target/property.ts";
import { exploreTarget } from "../../target/explore.ts";

const config = parseTargetConfig({});

/** A target that behaves per `cluster`, for the contract's failures. */
function fake(cluster: Partial<TargetCluster<unknown>>, meaning: (m: unknown) => unknown = () => ({ type: "prepare", ballot: 1 })): Target<unknown> {
  const nothing = () => ({});
  return { name: "fake", capabilities: {}, create: () => ({ propose: nothing, timeout: nothing, deliver: nothing, crash: nothing, restart: nothing, ...cluster }), meaning: meaning as never };
}

describe("a target run", () => {
  it("offers proposals and crashes first, then holds what the target sends and delivers it", async () => {
    const run = await TargetRun.start(implTarget(), { config, seed: 1 });
    expect(run.commands().map((c) => c.kind)).toEqual(["propose", "propose", "crash", "crash", "crash", "crash", "crash"]);
    const s = await run.step({ kind: "propose", proposer: "p1" });
    expect(s.sent).toEqual(["#1 p1->a1 prepare 1.p1", "#2 p1->a2 prepare 1.p1", "#3 p1->a3 prepare 1.p1"]);
    const d = await run.step({ kind: "deliver", id: 1, message: "p1->a1 prepare 1.p1", keep: false });
    expect(d.ok).toBe(true);
    expect(d.sent).toEqual(["#4 a1->p1 promise 1.p1 reporting no vote"]);
    expect(run.inFlight.map((e) => e.id)).toEqual([2, 3, 4]);
    await run.close();
  });

  it("says a command is possible exactly when commands() offers it, along a run that spends every budget", async () => {
    const run = await TargetRun.start(implTarget(), { config: parseTargetConfig({ retries: 1, losses: 1, duplicates: 1, proposerCrashes: 1, acceptorCrashes: 1 }), seed: 1 });
    const nodes = [...run.roles.acceptors, ...run.roles.proposers];
    const candidates = () => [
      ...run.roles.proposers.flatMap((p) => [{ kind: "propose", proposer: p } as const, { kind: "timeout", proposer: p } as const]),
      ...nodes.flatMap((n) => [{ kind: "crash", node: n } as const, { kind: "restart", node: n } as const]),
      ...run.inFlight.flatMap((e) => [{ kind: "deliver", id: e.id, message: e.what, keep: false } as const, { kind: "deliver", id: e.id, message: e.what, keep: true } as const, { kind: "lose", id: e.id, message: e.what } as const]),
    ];
    const key = (c: object) => JSON.stringify(c);
    for (let i = 0; i < 40; i++) {
      const offered = run.commands();
      if (offered.length === 0) break;
      const listed = new Set(offered.map(key));
      for (const c of candidates()) expect(run.isPossible(c), key(c)).toBe(listed.has(key(c)));
      // Faults first, so every budget is spent along the way.
      const next = offered.find((c) => c.kind === "crash" || c.kind === "restart" || c.kind === "lose" || (c.kind === "deliver" && c.keep)) ?? offered[i % offered.length]!;
      expect((await run.step(next)).fault).toBeNull();
    }
    await run.close();
  });

  it("names a message by what it is when its number has moved (a minimized schedule)", async () => {
    const run = await TargetRun.start(implTarget(), { config, seed: 1 });
    await run.step({ kind: "propose", proposer: "p2" });
    const s = await run.step({ kind: "deliver", id: 7, message: "p2->a3 prepare 1.p2", keep: false });
    expect(s.ok).toBe(true);
    expect(s.description).toBe("deliver #3 p2->a3 prepare 1.p2");
    await run.close();
  });

  it("fails a step that is not possible, naming it", async () => {
    const run = await TargetRun.start(implTarget(), { config, seed: 1 });
    const s = await run.step({ kind: "timeout", proposer: "p1" });
    expect(s.ok).toBe(false);
    expect(s.fault).toBe("p1 times out is not possible here");
    await run.close();
  });

  it("fails the step when the target sends from a node that did not act", async () => {
    const run = await TargetRun.start(fake({ propose: () => ({ sent: [{ from: "a1", to: "p1", msg: {} }] }) }), { config, seed: 1 });
    const s = await run.step({ kind: "propose", proposer: "p1" });
    expect(s.fault).toBe("propose p1 A: sent[0] is from a1, but only p1 acted");
  });

  it("fails the step when a message's meaning is malformed, naming the field", async () => {
    const run = await TargetRun.start(fake({ propose: () => ({ sent: [{ from: "p1", to: "a1", msg: { n: "x" } }] }) }, () => ({ type: "prepare", ballot: { round: "x" } })), { config, seed: 1 });
    const s = await run.step({ kind: "propose", proposer: "p1" });
    expect(s.fault).toMatch(/^propose p1 A: meaning of sent\[0\] \{"n":"x"\}: field ballot(\.round)?: /);
  });

  it("fails the step when the target throws, or does not answer in time", async () => {
    const threw = await TargetRun.start(fake({ propose: () => { throw new Error("boom"); } }), { config, seed: 1 });
    expect((await threw.step({ kind: "propose", proposer: "p1" })).fault).toBe("propose p1 A: the target threw: boom");
    const silent = await TargetRun.start(fake({ propose: () => new Promise(() => {}) }), { config, seed: 1, callTimeoutMs: 50 });
    expect((await silent.step({ kind: "propose", proposer: "p1" })).fault).toBe("propose p1 A: no answer within 50 ms");
  });

  it("restarts only durable acceptors: an amnesic one that crashed stays down", async () => {
    const amnesic: Target<unknown> = { ...fake({}), capabilities: { acceptors: "amnesic" } };
    const run = await TargetRun.start(amnesic, { config, seed: 1 });
    await run.step({ kind: "crash", node: "a1" });
    await run.step({ kind: "crash", node: "p1" });
    expect(run.commands().filter((c) => c.kind === "restart")).toEqual([{ kind: "restart", node: "p1" }]);
  });
});

describe("a target that cannot create its cluster", () => {
  const broken: Target<unknown> = { name: "broken", capabilities: {}, create: () => { throw new Error("no cluster"); }, meaning: () => ({ type: "other" }) };

  it("fails schedules and explorations at step 0, naming why, without throwing", async () => {
    const r = await checkTarget(broken, { config, seed: 1 }, { runs: 5, seed: 1, maxSteps: 5, maxShrinkRuns: 5 });
    expect(r.failure!.run.failed).toMatchObject({ step: 0, description: "create the cluster", fault: "create: the target threw: no cluster" });
    const e = await exploreTarget(broken, { config, seed: 1, depth: 3 });
    expect(e.failure!.failed).toMatchObject({ step: 0, fault: "create: the target threw: no cluster" });
  });
});
