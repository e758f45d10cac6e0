// The packed encoding of Multi-Paxos (model/multi-paxos/packed/) against the object model it
// encodes: state by state (round trip, successors) and run by run (the same counts, depth and
// verdict on both engines); a catalogue variant runs on objects.
import { describe, expect, it } from "vitest";
import { canonicalKey } from "../../checker/canonical-hash.ts";
import { check } from "../../checker/check.ts";
import { reachableViews } from "../../scripts/multi-paxos-views.ts";
import { PackOverflow } from "../../checker/packed-model.ts";
import { definition } from "../../model/multi-paxos/definition.ts";
import { createMultiPaxosModel } from "../../model/multi-paxos/model.ts";
import { createPackedMultiPaxos } from "../../model/multi-paxos/packed/model.ts";
import type { MultiPaxosState } from "../../model/multi-paxos/state.ts";
import { explore, explorePacked } from "../support/explore.ts";
import { runSummary as summary } from "../support/run-summary.ts";

/** Up to `limit` reachable states of the object model, breadth first. */
function reachable(input: object, limit: number): MultiPaxosState[] {
  const model = createMultiPaxosModel(definition.parseConfig(input));
  const seen = new Set<string>();
  const states = [...model.initialStates()];
  for (let i = 0; i < states.length && states.length < limit; i++) {
    for (const { state } of model.transitions!(states[i]!)) {
      const key = canonicalKey(state);
      if (!seen.has(key)) seen.add(key), states.push(state);
    }
  }
  return states.slice(0, limit);
}

describe("the packed encoding of Multi-Paxos, state by state", () => {
  const cases: [string, object][] = [
    ["the default bounds", {}],
    ["two crashes, three elections", { crashes: 2, elections: 3 }],
    ["five nodes, three leaders", { nodes: 5, leaders: 3, elections: 3, commands: 1 }],
    ["three slots and commands", { slots: 3, commands: 3, crashes: 0 }],
    ["no wrong suspicions", { suspicions: false }],
    ["heartbeats at once", { heartbeatsAtOnce: true }],
    ["heartbeats at once, two crashes, three elections", { heartbeatsAtOnce: true, crashes: 2, elections: 3 }],
  ];
  for (const [name, input] of cases) {
    it(`${name}: decode(encode(s)) is s, and the successors are the object model's`, () => {
      const pm = createPackedMultiPaxos(definition.parseConfig(input));
      const words = new Int32Array(pm.words);
      const out = new Int32Array(pm.words);
      const states = reachable(input, 400);
      expect(states.length).toBe(400);
      for (const s of states) {
        const key = canonicalKey(s);
        pm.encode(s, words, 0);
        expect(canonicalKey(pm.decode(words, 0))).toBe(key);
        const packed: string[] = [];
        // A step back to the same state is no transition on either engine.
        pm.successors(words, 0, out, () => void (out.every((w, i) => w === words[i]) || packed.push(canonicalKey(pm.decode(out, 0)))));
        const object = pm.model.transitions!(s).map((t) => canonicalKey(t.state)).filter((k) => k !== key);
        expect(packed.sort()).toEqual(object.sort());
      }
    });
  }
});

describe("the packed engine gives the object engine's results on Multi-Paxos", () => {
  // Small enough for the object engine in a second or two each; the default bounds' figures are
  // pinned in model/multi-paxos/pinned-graphs.json.
  const configs: [string, object][] = [
    ["a crash, one election", { commands: 1, elections: 1 }],
    ["two nodes", { nodes: 2, commands: 1 }],
    ["one leader, three elections", { slots: 1, commands: 1, leaders: 1, elections: 3 }],
    ["a stable leader", { elections: 1, crashes: 0 }],
    ["two leaders in turn, one command", { commands: 1, crashes: 0 }],
    ["heartbeats at once, two leaders in turn", { commands: 1, crashes: 0, heartbeatsAtOnce: true }],
  ];
  for (const [name, input] of configs) {
    it(`${name}: same counts, depth, verdict and witnesses`, async () => {
      const config = definition.parseConfig(input);
      expect(summary(await explorePacked(createPackedMultiPaxos(config)))).toEqual(summary(await explore(createMultiPaxosModel(config))));
    });
  }

  it("a catalogue variant, or reads, are not packed: the checker runs them on objects", async () => {
    const config = definition.parseConfig({ elections: 1, crashes: 0 });
    expect(() => createPackedMultiPaxos(config, "quorum-n-over-2")).toThrow(PackOverflow);
    expect(() => createPackedMultiPaxos(definition.parseConfig({ reads: 1 }))).toThrow(PackOverflow);
    const r = await check({ definition, config: definition.parseConfig({ crashes: 0 }), variant: "quorum-n-over-2" });
    expect(r.engine).toBe("object");
    expect(r.violation?.property).toBe("leader-completeness");
    expect((await check({ definition, config })).engine).toBe("packed");
  });
});

describe("heartbeats at once", () => {
  it("reach the same views, so the same invariants and witnesses hold, in fewer states", () => {
    for (const input of [{ commands: 1, crashes: 0 }, { commands: 1, suspicions: false }]) {
      const full = reachableViews(input);
      const atOnce = reachableViews({ ...input, heartbeatsAtOnce: true });
      expect(atOnce.states).toBeLessThan(full.states);
      expect([...atOnce.views].sort()).toEqual([...full.views].sort());
    }
  });

  it("leave the model without liveness properties: fewer runs are fair", () => {
    expect(definition.create(definition.parseConfig({ heartbeatsAtOnce: true })).liveness).toBeUndefined();
    expect(definition.create(definition.parseConfig({})).liveness?.properties.length).toBeGreaterThan(0);
  });
});
