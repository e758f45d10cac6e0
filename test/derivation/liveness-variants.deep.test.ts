// The larger liveness-only variants (tens of thousands of states each): no invariant or step
// property catches them, the liveness check does; correct Paxos under the same config is bounded
// at worst, never violated.
import { describe, expect, it } from "vitest";
import { livenessVariant, verdictsOf } from "./liveness-variants.ts";

describe("liveness variant gives-up-after-nack", () => {
  const v = livenessVariant("gives-up-after-nack");

  it("breaks no invariant (the progress check sees that nothing can be chosen any more)", async () => {
    const r = await v.safety();
    expect([r.stats.distinctStates, r.violation?.kind]).toEqual([33116, "progress"]);
  });

  it("is caught by the liveness check: both proposers give up, 7 steps into a state nothing fair leaves", async () => {
    expect(verdictsOf(await v.liveness())).toEqual([
      ["eventually-chosen", "violated", 7, 7],
      ["eventually-learned", "violated", 7, 7],
    ]);
  });

  it("while correct Paxos under the same config is only bounded", async () => {
    expect((await v.correct()).liveness!.map((l) => l.verdict)).toEqual(["bounded", "bounded"]);
  });
});

describe("liveness variant no-retry-in-phase-1", () => {
  const v = livenessVariant("no-retry-in-phase-1");

  it("passes every safety check", async () => {
    const r = await v.safety();
    expect([r.verdict, r.stats.distinctStates]).toEqual(["verified", 29241]);
  });

  it("is caught by the liveness check: an acceptor down and a Promise lost, p1 waits for ever, 5 steps", async () => {
    expect(verdictsOf(await v.liveness())).toEqual([
      ["eventually-chosen", "violated", 5, 5],
      ["eventually-learned", "violated", 5, 5],
    ]);
  });

  it("while correct Paxos under the same config is only bounded", async () => {
    expect((await v.correct()).liveness!.map((l) => l.verdict)).toEqual(["bounded", "bounded"]);
  });
});
