// Snapshots of the implementation judged by the invariants of invariants/: seeded random
// schedules on SimCluster keep every state invariant for correct Paxos, and the same check
// catches a broken variant (so the snapshot carries what the invariants need).
import { describe, expect, it } from "vitest";
import { seededRng } from "../../impl/adapters/prng.ts";
import { SimCluster } from "../../harness/sim-cluster.ts";
import type { VariantName } from "../../harness/impl-variants.ts";

const registry = await import("../../invariants/registry.ts").catch(() => null);

async function randomRun(seed: number, variant: VariantName): Promise<string | null> {
  const rng = seededRng(seed);
  const pick = (n: number) => Math.floor(rng.next() * n);
  const c = await SimCluster.create({ variant });
  const nodes = [...c.acceptorIds, ...c.proposerIds];
  for (let step = 0; step < 40; step++) {
    const r = rng.next();
    const n = c.network.inFlight.length;
    if (r < 0.1) await c.propose(c.proposerIds[pick(2)]!, "k", ["A", "B"][pick(2)]!);
    else if (r < 0.15) await c.timeout(c.proposerIds[pick(2)]!, "k");
    else if (r < 0.18) await c.crash(nodes[pick(nodes.length)]!);
    else if (r < 0.24) await c.restart(nodes[pick(nodes.length)]!);
    else if (n > 0 && r < 0.3) await c.lose(pick(n));
    else if (n > 0 && r < 0.36) await c.duplicate(pick(n));
    else if (n > 0) await c.deliver(pick(n));
    for (const inv of registry!.stateInvariants) {
      const verdict = inv.check(c.view("k"));
      if (verdict) return `${inv.id}: ${verdict}`;
    }
  }
  return null;
}

describe.skipIf(registry === null)("implementation snapshots under the invariants", () => {
  it("correct Paxos keeps every state invariant over 150 seeded random schedules", async () => {
    for (let seed = 1; seed <= 150; seed++) expect(await randomRun(seed, "correct"), `seed ${seed}`).toBeNull();
  });

  it("a broken variant is caught by the same check", async () => {
    let caught: string | null = null;
    for (let seed = 1; seed <= 300 && !caught; seed++) caught = await randomRun(seed, "accept-without-promise-check");
    expect(caught).not.toBeNull();
  });
});
