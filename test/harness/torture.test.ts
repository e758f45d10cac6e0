// A short torture run (fixed seed, a few seconds): three real `synod serve` processes behind
// fault-injecting proxies, clients proposing and reading, the nemesis killing, pausing and
// partitioning; every key's history is linearizable. The 10-minute run is `npm run torture`.
import { describe, expect, it } from "vitest";
import { torture } from "../../harness/torture.ts";

describe("synod torture, briefly", () => {
  it("finds every history linearizable while the nemesis works", async () => {
    const r = await torture({ seconds: 6, seed: 3, clients: 6, faults: ["kill", "pause", "partition"] });
    expect(r.operations.ok).toBeGreaterThan(50);
    expect([...r.faults.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(r.check.keys).toBeGreaterThan(2);
    expect(r.check.anomalies).toEqual([]);
    expect(r.check.unknown).toEqual([]);
  });
});
