// The tour: every transition of a small configuration's state space replayed once on the
// implementation; a broken implementation is caught, a large configuration refused.
import { describe, expect, it } from "vitest";
import { runTour, TourTooLarge } from "../../conformance/tour.ts";
import { parseModelConfig } from "../../model/basic-paxos/config.ts";

const lone = parseModelConfig({ acceptors: 3, proposers: 1, retries: 0, loss: false });

describe("conformance tour", () => {
  it("replays every transition of the state space once on the correct implementation", async () => {
    const r = await runTour({ config: lone });
    expect(r.conforms).toBe(true);
    expect([r.states, r.transitions, r.replayed]).toEqual([75, 148, 148]);
    expect(r.coverage["deliver accepted: learned"]).toBeGreaterThan(0);
    // Stutter deliveries are transitions too when asked for.
    const withStutters = await runTour({ config: lone, stutters: true });
    expect(withStutters.transitions).toBeGreaterThan(r.transitions);
    expect(withStutters.replayed).toBe(withStutters.transitions);
  });

  it("stops at the first transition a broken implementation parts from, with the path to it", async () => {
    const r = await runTour({ config: lone, stutters: true, variant: "promise-off-by-one" });
    expect(r.conforms).toBe(false);
    expect(r.replayed).toBeLessThan(r.transitions);
    expect(r.divergence!.steps.at(-1)!.ok).toBe(false);
  });

  it("refuses a configuration too large for a tour", async () => {
    await expect(runTour({ config: parseModelConfig({ retries: 0 }), maxStates: 1000 })).rejects.toThrow(TourTooLarge);
  });
});
