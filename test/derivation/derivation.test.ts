// Seed 004's derivation as checked models (model/derivation/): each scheme's safety verdict,
// distinct states at its default bounds, and its liveness verdict with the shortest lasso, as
// docs/derivation.md reports them; and Basic Paxos's distinguished proposer against duelling ones,
// whose livelock is a lasso up to a renaming of rounds.
import { describe, expect, it } from "vitest";
import { check } from "../../checker/check.ts";
import type { ModelDefinition } from "../../checker/definition.ts";
import { registry } from "../../model/registry.ts";
import { definition as basic } from "../../model/basic-paxos/definition.ts";
import { distinguishedProposer, duellingProposers } from "../../model/basic-paxos/liveness.ts";
import { replayLasso, traceFromCounterexample } from "../../checker/trace.ts";

const named = (name: string) => registry.definitions.find((d) => d.name === name) as ModelDefinition<unknown, unknown, unknown>;
const run = (name: string, config: object, liveness: boolean) => {
  const d = named(name);
  return check({ definition: d, config: d.parseConfig(config) }, { liveness });
};
/** Each liveness property's verdict, with its run's length and where its cycle starts. */
const verdicts = (r: Awaited<ReturnType<typeof run>>) => r.liveness!.map((l) => [l.id, l.verdict, l.run?.steps.length, l.run?.cycleStart]);

describe("seed 004's derivation", () => {
  it("registers the three schemes beside Basic Paxos", () => {
    expect(registry.names).toEqual(expect.arrayContaining(["derivation-lock", "derivation-epochs", "derivation-majority"]));
  });

  it("scheme 1 (a lock) is safe, and deadlocks when the proposer holding the lock crashes: a 7-step lasso", async () => {
    const safe = await run("derivation-lock", {}, false);
    expect([safe.verdict, safe.stats.distinctStates, safe.stats.depth]).toEqual(["verified", 734, 15]);
    expect(safe.witnesses).toEqual([{ id: "sometimes-value-chosen", reached: true }]);
    const live = await run("derivation-lock", {}, true);
    expect(verdicts(live)).toEqual([
      ["eventually-chosen", "violated", 7, 4],
      ["eventually-learned", "violated", 7, 4],
    ]);
    const cx = live.violation!;
    const model = named("derivation-lock").create(named("derivation-lock").parseConfig({}));
    // p1 takes the lock and crashes; p2's prepare is refused, it sleeps and calls again, for ever.
    expect(cx.steps.map((s) => model.describeAction(s.action))).toEqual([
      "propose p1 (A)",
      "propose p2 (B)",
      "deliver prepare() p1->a1",
      "crash p1",
      "deliver prepare() p2->a1",
      "deliver prepare -> (false, null) a1->p2",
      "retry p2",
    ]);
    // Without the crash every fair run decides.
    const noCrash = await run("derivation-lock", { proposerCrashes: 0 }, true);
    expect(noCrash.verdict).toBe("verified");
    expect(noCrash.liveness!.every((l) => l.verdict === "holds")).toBe(true);
  });

  it("scheme 2 (epochs) is safe under every interleaving, and never decides when its one acceptor crashes: a 5-step lasso", async () => {
    const safe = await run("derivation-epochs", {}, false);
    expect([safe.verdict, safe.stats.distinctStates, safe.stats.depth]).toEqual(["verified", 132, 11]);
    expect(verdicts(await run("derivation-epochs", {}, true))).toEqual([
      ["eventually-chosen", "violated", 5, 3],
      ["eventually-learned", "violated", 5, 3],
    ]);
    expect((await run("derivation-epochs", { acceptorCrashes: 0 }, true)).verdict).toBe("verified");
    // The seed's retry, prepare(accepted_epoch + 1), is epoch 1 again while nothing is accepted:
    // once p1 took epoch 1 and crashed, p2 is refused in epoch 1 for ever.
    const proposerCrash = await run("derivation-epochs", { acceptorCrashes: 0, proposerCrashes: 1 }, true);
    expect([proposerCrash.stats.distinctStates, ...verdicts(proposerCrash)]).toEqual([536, ["eventually-chosen", "violated", 7, 4], ["eventually-learned", "violated", 7, 4]]);
  });

  it("scheme 3 (majorities, as the seed writes it) keeps every invariant but can reach a state from which nothing can be chosen, with no fault at all", async () => {
    // Progress is judged after every state is explored: a progress verdict means every invariant held on all of them.
    const safe = await run("derivation-majority", {}, false);
    expect([safe.verdict, safe.violation?.kind, safe.violation?.steps.length, safe.stats.distinctStates, safe.stats.depth]).toEqual(["violation", "progress", 21, 7779, 73]);
    expect(verdicts(await run("derivation-majority", {}, true))).toEqual([
      ["eventually-chosen", "violated", 54, 40],
      ["eventually-learned", "violated", 54, 40],
    ]);
  });
});

describe("Basic Paxos: duelling proposers against a distinguished one", () => {
  it("two proposers with accurate timeouts preempt each other for ever: a 12-step lasso up to a renaming of rounds, and every invariant holds", async () => {
    const r = await check({ definition: basic, config: basic.parseConfig(duellingProposers) }, { liveness: true });
    // Liveness is judged once every invariant held on every state: a liveness violation says so.
    expect([r.violation?.kind, r.stats.distinctStates]).toEqual(["liveness", 10156]);
    expect(r.liveness!.map((l) => [l.id, l.verdict, l.run?.steps.length, l.run?.cycleStart, l.run?.cycleRenamed])).toEqual([
      ["eventually-chosen", "violated", 12, 4, "round 1→2"],
      ["eventually-learned", "violated", 12, 4, "round 1→2"],
    ]);
    const cx = r.violation!;
    const model = basic.create(basic.parseConfig(duellingProposers));
    // Each turn, each proposer's new ballot takes an acceptor from the other, who times out in turn.
    expect(cx.steps.slice(cx.cycleStart).map((s) => model.describeAction(s.action))).toEqual([
      "deliver Prepare(b=1.p1) p1->a2",
      "deliver Promise(b=1.p1, voted=none) a1->p1",
      "timeout p1 -> next ballot",
      "deliver Prepare(b=2.p1) p1->a1",
      "deliver Prepare(b=1.p2) p2->a1",
      "deliver Promise(b=1.p2, voted=none) a2->p2",
      "timeout p2 -> next ballot",
      "deliver Prepare(b=2.p2) p2->a2",
    ]);
    expect(replayLasso(model, traceFromCounterexample(model, cx))).toEqual({ closes: true, goalNeverHolds: true });
    // Without the renaming the run does not close: its last state is not its cycle's first.
    const { cycleRenamed: _renamed, ...concrete } = traceFromCounterexample(model, cx);
    expect(replayLasso(model, concrete)).toEqual({ closes: false, goalNeverHolds: true });
  });

  it("a distinguished proposer with an accurate timeout decides on every fair run at the default bounds", async () => {
    const r = await check({ definition: basic, config: basic.parseConfig(distinguishedProposer) }, { liveness: true });
    expect([r.verdict, r.stats.distinctStates, r.engine]).toEqual(["verified", 918, "object"]);
    expect(r.liveness!.map((l) => l.verdict)).toEqual(["holds", "holds"]);
  });

  it("proposers that may time out at any moment are only ever 'bounded': the retries run out before a decision", async () => {
    const r = await check({ definition: basic, config: basic.parseConfig({ acceptors: 1, losses: 0 }) }, { liveness: true });
    expect([r.verdict, r.stats.distinctStates]).toEqual(["bounded", 324]);
    expect(r.liveness!.map((l) => [l.verdict, l.run!.steps.length])).toEqual([
      ["bounded", 2],
      ["bounded", 2],
    ]);
    expect(r.liveness![0]!.run!.message).toMatch(/used its 1 retry.*no run back to its own state with its ballots renamed was found either/);
  });
});
