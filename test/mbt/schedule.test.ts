// Swarm testing over time: a schedule holds its faults back for as many steps as its first
// choice says, and a first choice of 0 (where shrinking goes) holds nothing back.
import { describe, expect, it } from "vitest";
import { faultDelay, runSchedule } from "../../mbt/schedule.ts";
import { LOCKSTEP_CONFIG } from "../../mbt/catalogue.ts";

const isFault = (kind: string) => kind === "crash" || kind === "lose";

describe("fault delay", () => {
  it("is the first choice modulo the schedule's length plus one", () => {
    expect(faultDelay([])).toBe(0);
    expect(faultDelay([0, 5, 5])).toBe(0);
    expect(faultDelay([2, 1, 1, 1])).toBe(2);
    expect(faultDelay([7, 1, 1])).toBe(3);
  });

  it("keeps crashes and losses out of the held steps, and lets them in afterwards", async () => {
    const tail = Array.from({ length: 30 }, () => 3);
    const eager = await runSchedule({ config: LOCKSTEP_CONFIG }, [0, ...tail]);
    expect(eager.actions.slice(0, 10).some((a) => isFault(a.kind))).toBe(true);
    const held = await runSchedule({ config: LOCKSTEP_CONFIG }, [10, ...tail]);
    expect(held.actions.slice(0, 10).some((a) => isFault(a.kind))).toBe(false);
    expect(held.actions.slice(10).some((a) => isFault(a.kind))).toBe(true);
  });
});
