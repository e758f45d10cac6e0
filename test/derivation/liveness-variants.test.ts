// A liveness-only broken variant of Basic Paxos: no safety invariant catches it, the liveness
// check does, with its shortest run; correct Paxos under the same config is not violated.
// The larger two variants are in liveness-variants.deep.test.ts.
import { describe, expect, it } from "vitest";
import { livenessVariant, verdictsOf } from "./liveness-variants.ts";

describe("liveness variant no-retry-in-phase-2", () => {
  const v = livenessVariant("no-retry-in-phase-2");

  it("breaks no invariant or step property (only the vote-again witness goes unreached: it never retries)", async () => {
    const r = await v.safety();
    expect([r.stats.distinctStates, r.violation?.kind, r.violation?.property]).toEqual([696, "witness-unreached", "sometimes-acceptor-votes-in-higher-ballot"]);
  });

  it("is caught by the liveness check: a lost Accept leaves p1 waiting for ever, 9 steps", async () => {
    expect(verdictsOf(await v.liveness())).toEqual([
      ["eventually-chosen", "violated", 9, 9],
      ["eventually-learned", "violated", 9, 9],
    ]);
  });

  it("while correct Paxos under the same config decides on every fair run", async () => {
    const r = await v.correct();
    expect([r.verdict, r.stats.distinctStates, ...verdictsOf(r)]).toEqual(["verified", 918, ["eventually-chosen", "holds", undefined, undefined], ["eventually-learned", "holds", undefined, undefined]]);
  });
});
