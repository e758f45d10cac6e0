// The whole bug catalogue of impl/ through the target interface, at the budget of `synod mbt
// --target`: every unsafe variant caught (a liveness one by no run choosing a value), every safe
// one passing with values chosen.
import { describe, expect, it } from "vitest";
import { isSafeVariant, variantNames } from "../../harness/impl-variants.ts";
import { run } from "./impl-catalogue.test.ts";

describe("impl/'s catalogue as a target", () => {
  it.each(variantNames.filter((v) => !isSafeVariant(v)))("%s is caught", async (variant) => {
    const r = await run(variant, 1000);
    expect(r.passed === false || r.runsChoosing === 0).toBe(true);
  });
  it.each(variantNames.filter((v) => isSafeVariant(v)))("%s passes", async (variant) => {
    const r = await run(variant, 1000);
    expect(r.passed).toBe(true);
    expect(r.runsChoosing).toBeGreaterThan(100);
  });
});
