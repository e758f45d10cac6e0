// The model's graphs pinned (cli/verify/pinned-graphs.ts): a correct run matches its pin; a run
// still verified whose graph moved fails, naming what moved; a pin made for another check, or
// none, is refused.
import { describe, expect, it } from "vitest";
import { runCheckJob } from "../../cli/verify/check-job.ts";
import { catalogueJob, encodingJob, pinnedJobs } from "../../cli/verify/stages.ts";
import { comparePinned, multiPaxosPins, readPins } from "../../cli/verify/pinned-graphs.ts";
import { defaultBoundsPins } from "../../cli/verify/multi-paxos-stage.ts";

describe("the model's pinned graphs", () => {
  it("pin every check verify pins, and a correct run matches its pin", async () => {
    expect(Object.keys(readPins()).sort()).toEqual(pinnedJobs().map((j) => j.id).sort());
    const job = encodingJob("retry-no-duplication", "packed");
    const r = await runCheckJob(job);
    expect(comparePinned(job, r)).toEqual({ same: true, detail: "as pinned: 531 states, 1,261 transitions, depth 19, 26 branches" });
  });

  it("pin an unsafe variant's graph up to its catch", async () => {
    const job = catalogueJob("quorum-n-over-2");
    const r = await runCheckJob(job);
    expect(r.verdict).toBe("violation");
    expect(comparePinned(job, r)).toEqual({ same: true, detail: "as pinned: 41 states, 94 transitions, depth 6, 26 branches" });
  });

  it("fail a graph that moved though the run is still verified, naming what moved", async () => {
    const job = encodingJob("retry-no-duplication", "packed");
    const r = await runCheckJob(job);
    // As if a step no longer sent one kind of message: fewer transitions of its branch, the same states.
    const branch = r.branches!.find((b) => b.transitions > 3)!;
    const moved = { ...r, stats: { ...r.stats, transitions: r.stats.transitions - 3 }, branches: r.branches!.map((b) => (b === branch ? { ...b, transitions: b.transitions - 3 } : b)) };
    const { same, detail } = comparePinned(job, moved);
    expect(same).toBe(false);
    expect(detail).toBe(`the model's graph moved from its pin (model/basic-paxos/pinned-graphs.json; if the change is deliberate, review it and npm run pin): transitions 1258, pinned 1261; branch "${branch.id}" ${branch.transitions - 3} transitions, pinned ${branch.transitions}`);
  });

  it("refuse a pin made for another check", async () => {
    const job = encodingJob("retry-no-duplication", "packed");
    const r = await runCheckJob(job);
    const pins = { [job.id]: { ...readPins()[job.id]!, job: { config: { acceptors: 3 }, symmetry: false } } };
    expect(comparePinned(job, r, pins).detail).toBe(`the pin of ${job.id} is for another check ({"config":{"acceptors":3},"symmetry":false}); npm run pin`);
    expect(comparePinned(job, r, {}).detail).toBe(`no graph pinned for ${job.id} (npm run pin)`);
  });

  it("pin Multi-Paxos's default bounds, as they are and with heartbeats at once, verified, for the configs they have now", () => {
    const pins = multiPaxosPins.read();
    expect(Object.keys(pins)).toEqual(defaultBoundsPins().map((p) => p.id));
    for (const p of defaultBoundsPins()) {
      expect(pins[p.id]!.job).toEqual({ config: { ...p.config }, symmetry: false });
      expect(pins[p.id]!.verdict).toBe("verified");
    }
    // Heartbeats at once reach the same node states in fewer states.
    expect(pins["default:heartbeats-at-once"]!.distinctStates).toBeLessThan(pins.default!.distinctStates / 2);
    const [full] = defaultBoundsPins();
    const moved = { verdict: "verified" as const, stats: { distinctStates: pins.default!.distinctStates, transitions: pins.default!.transitions - 1, depth: pins.default!.depth } };
    expect(multiPaxosPins.compare(full!, moved).detail).toMatch(/^the model's graph moved from its pin \(model\/multi-paxos\/pinned-graphs.json; .*\): transitions /);
  });
});
