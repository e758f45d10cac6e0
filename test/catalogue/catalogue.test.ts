// Every unsafe variant of the bug catalogue must be caught, by the property it is known to
// break, with a shortest counterexample of the pinned length; every safe look-alike must pass.
import { describe, expect, it } from "vitest";
import { catalogue, catalogueSymmetry, variantConfig } from "../../model/basic-paxos/catalogue.ts";
import { definition } from "../../model/basic-paxos/definition.ts";
import { check } from "../../checker/check.ts";
import { readFileSync } from "node:fs";
import { catalogueDoc } from "../../docs/gen/catalogue-doc.ts";
import type { ExploreResult } from "../../checker/result.ts";
import type { PaxosState } from "../../model/basic-paxos/state.ts";
import type { Action } from "../../model/basic-paxos/actions.ts";

const results = new Map<string, ExploreResult<PaxosState, Action>>();

// Each variant runs as `synod check --mutant NAME --symmetry` does (the packed engine where the variant has
// one); the largest explores for seconds of CPU; the timeout guards against a hang and
// leaves room for a machine shared with other runs.
const EXPLORE_TIMEOUT = 300_000;


describe("the model bug catalogue", () => {
  it("has at least 10 unsafe variants, each with its shortest length pinned, and 2 safe look-alikes", async () => {
    for (const v of catalogue.filter((x) => !x.safe)) expect(v.shortest, v.name).toBeTypeOf("number");
    expect(catalogue.filter((v) => !v.safe).length).toBeGreaterThanOrEqual(10);
    expect(catalogue.filter((v) => v.safe).length).toBeGreaterThanOrEqual(2);
  });

  for (const variant of catalogue) {
    const config = variantConfig(variant);
    if (variant.safe) {
      it(`${variant.name} (safe look-alike) is verified`, async () => {
        const result = await check({ definition, config, variant: variant.name }, { symmetry: catalogueSymmetry });
        results.set(variant.name, result);
        expect(result.violation?.message).toBeUndefined();
        expect(result.verdict).toBe("verified");
      }, EXPLORE_TIMEOUT);
    } else {
      it(`${variant.name} is caught by ${variant.breaks}`, async () => {
        const result = await check({ definition, config, variant: variant.name }, { symmetry: catalogueSymmetry });
        results.set(variant.name, result);
        expect(result.verdict).toBe("violation");
        expect(result.violation!.property).toBe(variant.breaks);
        expect(result.violation!.steps.length).toBe(variant.shortest);
      }, EXPLORE_TIMEOUT);
    }
  }

  it("docs/catalogue.md is up to date (npm run docs)", async () => {
    expect(results.size).toBe(catalogue.length);
    expect(readFileSync("docs/catalogue.md", "utf8")).toBe(catalogueDoc(results));
  });
});
