// The library API over the in-memory network: propose/read answers, typed errors.
import { describe, expect, it } from "vitest";
import { MemoryNetwork } from "../../impl/adapters/memory-transport.ts";
import { MemoryStorage } from "../../impl/adapters/memory-storage.ts";
import { seededRng } from "../../impl/adapters/prng.ts";
import { frozenClock, systemClock } from "../../impl/adapters/system-clock.ts";
import { InvalidInputError, NoQuorumError } from "../../impl/errors.ts";
import { PaxosNode } from "../../impl/node.ts";
import type { Clock } from "../../impl/ports/clock.ts";
import { RegisterStore } from "../../impl/store.ts";

const acceptors = ["a1", "a2", "a3"];

/** A clock whose timers fire only when the test says so. */
function manualClock() {
  const timers: { ms: number; fn: () => void; live: boolean }[] = [];
  const clock: Clock = {
    now: () => 0,
    setTimer(ms, fn) {
      const t = { ms, fn, live: true };
      timers.push(t);
      return () => void (t.live = false);
    },
  };
  return { clock, fire: (ms: number) => timers.filter((t) => t.live && t.ms === ms).forEach((t) => t.fn()) };
}

async function setup(clock: Clock, withAcceptors = true) {
  const net = new MemoryNetwork();
  if (withAcceptors) for (const id of acceptors) await PaxosNode.start({ id, acceptors, transport: net.endpoint(id), storage: new MemoryStorage(), clock: frozenClock });
  const timing = { roundMs: 50, backoffBaseMs: 1, backoffMaxMs: 10 };
  const open = (id: string) => RegisterStore.open({ id, acceptors, transport: net.endpoint(id), storage: new MemoryStorage(), clock, rng: seededRng(7), timing });
  return { net, open };
}

/** Deliver frames until `p` settles (bounded). */
async function drive<T>(net: MemoryNetwork, p: Promise<T>): Promise<T> {
  let settled = false;
  void p.finally(() => void (settled = true)).catch(() => {});
  for (let i = 0; i < 2000 && !settled; i++) {
    // Nothing in flight: wait a millisecond for a retry timer.
    if (net.pump(1) === 0) await new Promise((r) => setTimeout(r, 1));
    await new Promise((r) => setImmediate(r));
  }
  return p;
}

describe("RegisterStore", () => {
  it("propose answers the caller's value, then the earlier value to everyone; read answers it", async () => {
    const { net, open } = await setup(systemClock);
    const s1 = await open("p1");
    const s2 = await open("p2");
    expect(await drive(net, s2.read("k"))).toBeNull();
    expect(await drive(net, s1.propose("k", "A"))).toBe("A");
    expect(await drive(net, s2.propose("k", "B"))).toBe("A");
    expect(await drive(net, s2.read("k"))).toBe("A");
    for (const s of [s1, s2]) await s.close();
  });

  it("rejects bad keys and values with InvalidInputError naming the field", async () => {
    const { open } = await setup(frozenClock);
    const s = await open("p1");
    await expect(s.propose("", "A")).rejects.toThrow(InvalidInputError);
    await expect(s.propose("k", "x".repeat(5000))).rejects.toThrow(/invalid value: .*4096/);
    await expect(s.read("k".repeat(300))).rejects.toThrow(/invalid key/);
  });

  it("fails with NoQuorumError at the deadline when no acceptor answers", async () => {
    const m = manualClock();
    const { open } = await setup(m.clock, false);
    const s = await open("p1");
    const p = s.propose("k", "A", { deadlineMs: 1234 });
    m.fire(500); // round timeouts retry with higher ballots
    m.fire(1234);
    await expect(p).rejects.toThrow(NoQuorumError);
  });
});
