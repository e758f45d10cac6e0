// The quick entries of the Multi-Paxos catalogue: each unsafe variant caught by the property it
// is known to break, with its shortest counterexample of the pinned length. The rest, the safe
// look-alikes and docs/multi-paxos.md run in catalogue.deep.test.ts.
import { describe, expect, it } from "vitest";
import { multiPaxosCatalogue } from "../../model/multi-paxos/catalogue.ts";
import { checkVariant } from "../../model/multi-paxos/catalogue-check.ts";
import { logInvariants } from "../../invariants/log/registry.ts";
import { pinnedLength, quick } from "./catalogue-pins.ts";

describe("the Multi-Paxos catalogue (quick entries)", () => {
  it("has at least 8 unsafe variants and 2 safe look-alikes; every invariant catches one", () => {
    expect(multiPaxosCatalogue.filter((v) => !v.safe).length).toBeGreaterThanOrEqual(8);
    expect(multiPaxosCatalogue.filter((v) => v.safe).length).toBeGreaterThanOrEqual(2);
    const caught = new Set(multiPaxosCatalogue.map((v) => v.breaks));
    expect(logInvariants.map((p) => p.id).filter((id) => !caught.has(id))).toEqual([]);
    expect(Object.keys(pinnedLength).sort()).toEqual(multiPaxosCatalogue.filter((v) => !v.safe).map((v) => v.name).sort());
  });

  for (const name of quick) {
    const v = multiPaxosCatalogue.find((x) => x.name === name)!;
    it(`${name} is caught by ${v.breaks} in ${pinnedLength[name]} steps`, async () => {
      const r = await checkVariant(v);
      expect([r.verdict, r.violation?.property, r.violation?.steps.length]).toEqual(["violation", v.breaks, pinnedLength[name]]);
    }, 60_000);
  }
});
