// impl/ on its own timers (mbt/own-timers.ts): the correct implementation answers every writer
// with one proposed value and its reader with it or none, with and without Nacks, and with the
// shortcuts the TCP store turns on (a value learned from promises, Accept to all); a proposer
// that arms no timer is stuck as soon as a message it waits for is lost, and one whose timers
// outlive the answer is left holding them; the check says so.
import { describe, expect, it } from "vitest";
import { checkOwnTimers } from "../../mbt/own-timers.ts";
import { VirtualClock } from "../../harness/virtual-clock.ts";

/** A node whose timers are never armed, made without touching impl/: its clock drops them. */
class ClockThatDropsTimers extends VirtualClock {
  override setTimer(): () => void {
    return () => {};
  }
}

/** Timers that are never cancelled, as if the node forgot to cancel a finished key's: they stay armed. */
class ClockThatCancelsNothing extends VirtualClock {
  override setTimer(ms: number, fn: () => void): () => void {
    super.setTimer(ms, fn);
    return () => {};
  }
}

const options = { seed: 1, runs: 100, losses: 2, maxSteps: 3000 };

describe("impl/ on its own timers", () => {
  it("answers the writers with one proposed value and the reader with it or none, with and without Nacks, and with the TCP store's shortcuts", async () => {
    for (const [nack, shortcuts] of [[false, false], [true, false], [true, true]] as const) {
      const r = await checkOwnTimers({ ...options, nack, shortcuts });
      expect([r.passed, r.runs, r.failure]).toEqual([true, 100, undefined]);
      expect(r.steps).toBeGreaterThan(100 * 10);
    }
  });

  it("fails a proposer that arms no timer: a lost message leaves it waiting for ever", async () => {
    const r = await checkOwnTimers({ ...options, nack: false, clock: () => new ClockThatDropsTimers() });
    expect(r.passed).toBe(false);
    expect(r.failure!.reason).toMatch(/^stuck: nothing in flight and no timer armed/);
  });

  it("fails a key that leaves a timer armed once every client was answered", async () => {
    const r = await checkOwnTimers({ ...options, nack: false, clock: () => new ClockThatCancelsNothing() });
    expect(r.passed).toBe(false);
    expect(r.failure!.reason).toMatch(/^\d+ timers still armed after every client was answered$/);
  });
});
