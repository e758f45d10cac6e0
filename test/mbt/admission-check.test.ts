// impl/'s refusal of frames no correct peer sends (mbt/admission-check.ts): the correct node
// refuses each with its reason and admits each neighbour at the limit; the check fails when a
// frame is not treated as it says, in either direction.
import { describe, expect, it } from "vitest";
import { admissionCases, checkAdmission } from "../../mbt/admission-check.ts";

describe("frames no correct peer sends", () => {
  it("are refused with their reason and without effect by the correct node; their neighbours at the limits are admitted", async () => {
    expect(await checkAdmission()).toEqual({ passed: true, detail: "7 frames refused with their reason and without effect (also by a node with no refusal hook), 4 at the limits admitted, a Prepare past reach of a vote without a promise refused" });
  });

  it("fails when an admitted frame was to be refused, or a refused one admitted", async () => {
    const atLimit = admissionCases.find((c) => c.name === "a Prepare at the reach of no promise")!;
    const wronglyRefused = await checkAdmission([{ ...atLimit, refused: "ballot-out-of-reach" }]);
    expect(wronglyRefused).toEqual({ passed: false, detail: "a Prepare at the reach of no promise: expected refused as ballot-out-of-reach, got admitted" });
    const outsider = admissionCases[0]!;
    const { refused: _refused, names: _names, ...admitted } = outsider;
    expect((await checkAdmission([admitted])).detail).toBe("a Promise from outside the cluster: expected admitted, refused as not-a-member (promise from 'x9', which is not an acceptor of the cluster (a1, a2, a3))");
  });
});
