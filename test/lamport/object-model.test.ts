// The object transcription of Paxos.tla against TLC's figures, and its invariants against a
// broken Phase2a.
import { describe, expect, it } from "vitest";
import { replayTrace, traceFromCounterexample } from "../../checker/trace.ts";
import { createLamportModel } from "../../model/lamport/model.ts";
import { createPackedLamport } from "../../model/lamport/packed.ts";
import { createIgnoreVotesModel } from "./broken-lamport.ts";
import { explore, explorePacked } from "../support/explore.ts";

describe("Paxos.tla, object model", () => {
  it("explores exactly TLC's state space at ballots 0..1 (3,921 states, depth 17)", async () => {
    const result = await explore(createLamportModel({ acceptors: 3, values: 2, ballots: 1 }));
    expect(result.verdict).toBe("verified");
    expect(result.stats.distinctStates).toBe(3921);
    expect(result.stats.depth).toBe(17);
    expect(result.witnesses).toEqual([{ id: "value-chosen", reached: true }]);
  });

  it("catches a Phase2a that ignores reported votes, with a replayable shortest trace", async () => {
    const model = createIgnoreVotesModel({ acceptors: 3, values: 2, ballots: 1 });
    const result = await explore(model);
    expect(result.verdict).toBe("violation");
    const cx = result.violation!;
    expect(cx.property).toBe("votes-safe");
    const trace = traceFromCounterexample(model, cx);
    expect(replayTrace(model, trace)).toMatchObject({ outcome: "violation", property: "votes-safe", step: cx.steps.length });
    // On the real spec the same run stops at the Phase2a that ignored a reported vote.
    const outcome = replayTrace(createLamportModel({ acceptors: 3, values: 2, ballots: 1 }), trace);
    expect(outcome.outcome).toBe("not-enabled");
    const step = (outcome as { step: number }).step;
    expect(trace.steps[step - 1]!.action.phase).toBe("Phase2a");
  });

  it("under symmetry keeps every verdict and finds the packed engine's classes", async () => {
    const config = { acceptors: 3, values: 2, ballots: 1 };
    const reduced = await explore(createLamportModel(config), { symmetry: true });
    expect(reduced.verdict).toBe("verified");
    expect(reduced.stats.distinctStates).toBe((await explorePacked(createPackedLamport(config), { symmetry: true })).stats.distinctStates);
    const broken = await explore(createIgnoreVotesModel(config), { symmetry: true });
    const plain = await explore(createIgnoreVotesModel(config));
    expect(broken.violation!.property).toBe(plain.violation!.property);
    expect(broken.violation!.steps).toHaveLength(plain.violation!.steps.length);
  });
});
