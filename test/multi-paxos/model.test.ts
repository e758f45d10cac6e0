// Seed 002's Multi-Paxos (model/multi-paxos/): registered, its messages parsed by zod, its steps
// pure, with one stable leader every request decided and applied on every fair run, and reads
// through the log fresh.
import { describe, expect, it } from "vitest";
import { checkStableLeader, stableLeaderConfig } from "../../model/multi-paxos/catalogue-check.ts";
import { registry } from "../../model/registry.ts";
import { check } from "../../checker/check.ts";
import { definition } from "../../model/multi-paxos/definition.ts";
import { MultiPaxosMessage } from "../../model/multi-paxos/messages.ts";
import { initialState } from "../../model/multi-paxos/model.ts";
import { settled } from "../../model/multi-paxos/steps/settled.ts";
import { correctMultiPaxosRules } from "../../model/multi-paxos/rules.ts";
import type { MultiPaxosState } from "../../model/multi-paxos/state.ts";

const stableLeader = definition.parseConfig(stableLeaderConfig);

describe("multi-paxos", () => {
  it("is registered, with its catalogue as variants", () => {
    expect(registry.get("multi-paxos")).toBe(definition);
    expect(definition.variants.filter((v) => !v.safe).length).toBeGreaterThanOrEqual(8);
    expect(definition.variants.filter((v) => v.safe).length).toBeGreaterThanOrEqual(2);
  });

  it("refuses a bad config naming the field, and a message that is not one", () => {
    expect(() => definition.parseConfig({ slots: 9 })).toThrow(/^slots: /);
    expect(() => definition.parseConfig({ leaders: 3, nodes: 2 })).toThrow(/^leaders: /);
    expect(MultiPaxosMessage.safeParse({ type: "accept", from: "n1", ballot: { round: 1, proposer: "n1" }, slot: 1, command: "rm -rf" }).success).toBe(false);
  });

  it("steps are pure: exploring does not change the states it starts from", () => {
    const model = definition.create(stableLeader);
    const s0 = initialState(stableLeader);
    const before = JSON.stringify(s0);
    for (const t of model.transitions!(s0)) for (const u of model.transitions!(t.state)) model.transitions!(u.state);
    expect(JSON.stringify(s0)).toBe(before);
  });

  it("with one stable leader and no crash, every request is decided and applied on every fair run (1,152 states)", async () => {
    const r = await checkStableLeader();
    expect([r.stats.distinctStates, r.stats.depth]).toEqual([1152, 16]);
    // No invariant breaks; only the witnesses that need a second leader stay out of reach.
    expect(r.violation?.kind).toBe("witness-unreached");
    expect(r.witnesses.filter((w) => !w.reached).map((w) => w.id)).toEqual(["sometimes-two-leaders-in-turn", "sometimes-noop-fills-gap", "sometimes-decided-after-leader-crash"]);
    expect(r.liveness!.map((l) => [l.id, l.verdict])).toEqual([["eventually-every-request-applied", "holds"]]);
  }, 120_000);

  it("the network never holds a message nobody can act on, after a crash either (the first 3,000 states with a leader's crash)", () => {
    const config = definition.parseConfig({ commands: 1, suspicions: false });
    const model = definition.create(config);
    const ctx = { config, rules: correctMultiPaxosRules, quorum: correctMultiPaxosRules.quorum(config.nodes) };
    const seen = new Set<string>();
    let frontier: MultiPaxosState[] = [initialState(config)];
    let crashes = 0;
    while (frontier.length > 0 && seen.size < 3_000) {
      const next: MultiPaxosState[] = [];
      for (const s of frontier) {
        expect(s.msgs.filter((m) => settled(m, s.nodes, ctx))).toEqual([]);
        for (const t of model.transitions!(s)) {
          if (t.action.kind === "crash") crashes++;
          const key = JSON.stringify(t.state);
          if (!seen.has(key)) seen.add(key), next.push(t.state);
        }
      }
      frontier = next;
    }
    expect(crashes).toBeGreaterThan(0);
  });

  it("reads are off by default, and a read id is a command the log may hold", () => {
    expect(definition.parseConfig({}).reads).toBe(0);
    expect(MultiPaxosMessage.safeParse({ type: "accept", from: "n1", ballot: { round: 1, proposer: "n1" }, slot: 2, command: "r1" }).success).toBe(true);
  });

  it("reads through the log: nothing breaks in 12,000 states, and a read requested after a write was applied is answered", async () => {
    // A read sent through the log is answered when a replica applies its slot; 12,000 states
    // reach the runs where a command is applied, a read requested, then decided and applied.
    const r = await check({ definition, config: definition.parseConfig({ crashes: 0, reads: 1, commands: 1 }) }, { maxStates: 12_000 });
    expect([r.verdict, r.violation?.message]).toEqual(["incomplete", undefined]);
    expect(r.witnesses.find((w) => w.id === "sometimes-read-sees-write")?.reached).toBe(true);
  }, 120_000);
});
