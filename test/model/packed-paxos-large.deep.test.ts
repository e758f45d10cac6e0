// The packed engine against the object engine on the configurations too large for every
// `npm test` (packed-paxos.test.ts compares the small ones): the same counts, depth, verdict,
// property and counterexample length, and each packed counterexample a real run of the object model.
import { describe, expect, it } from "vitest";
import { findVariant, variantConfig } from "../../model/basic-paxos/catalogue.ts";
import { parseModelConfig, type ModelConfigInput } from "../../model/basic-paxos/config.ts";
import { createPaxosModel } from "../../model/basic-paxos/paxos-model.ts";
import { createPackedPaxos } from "../../model/basic-paxos/packed/paxos.ts";
import { explore, explorePacked } from "../support/explore.ts";
import { runSummary } from "../support/run-summary.ts";

describe("the packed engine gives the object engine's results on larger configurations", () => {
  const configs: [string, ModelConfigInput][] = [
    ["the default without its retry", { retries: 0 }],
    ["nacks", { nacks: true, losses: 0, duplication: false, retries: 0 }],
  ];
  for (const [name, input] of configs) {
    it(`${name}: same counts, depth and verdict`, async () => {
      const config = parseModelConfig(input);
      expect(runSummary(await explorePacked(createPackedPaxos({ config })))).toEqual(runSummary(await explore(createPaxosModel(config))));
    });
  }

  it("under symmetry, without duplication: the object engine's class count, depth and verdict", async () => {
    const config = parseModelConfig({ losses: 0, duplication: false, retries: 0 });
    const packed = await explorePacked(createPackedPaxos({ config }), { symmetry: true });
    expect(runSummary(packed)).toEqual(runSummary(await explore(createPaxosModel(config), { symmetry: true })));
  });

  for (const name of ["learner-mixes-ballots", "accept-to-all-acceptors", "first-reported-vote", "quorum-ceil-half-plus", "vote-after-reply"]) {
    it(`variant ${name}: same verdict, property and counterexample length`, async () => {
      const variant = findVariant(name)!;
      const config = variantConfig(variant);
      const packed = await explorePacked(createPackedPaxos({ config, variant: name }));
      expect(runSummary(packed)).toEqual(runSummary(await explore(createPaxosModel(config, variant))));
      expect(packed.verdict).toBe(variant.safe ? "verified" : "violation");
      const model = createPaxosModel(config, variant);
      let state = packed.violation?.initial;
      for (const step of packed.violation?.steps ?? []) {
        expect(model.actions(state!).some((a) => JSON.stringify(model.next(state!, a)) === JSON.stringify(step.state))).toBe(true);
        state = step.state;
      }
    });
  }
});
