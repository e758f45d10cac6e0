// The verify stage's judgement of one run, on runs small enough for a test: it passes a
// conforming run, and fails a divergence and a run that no longer drives a branch it lists.
// (The stage's own runs take ~20 s; `synod verify --only conformance` runs them.)
import { describe, expect, it } from "vitest";
import { checkRun, conformanceRuns, type ConformanceRun } from "../../cli/verify/conformance-stage.ts";
import { branchIds } from "../../model/basic-paxos/steps/branches.ts";

const small: ConformanceRun = {
  name: "small",
  config: { acceptors: 3, proposers: 1, retries: 0, loss: false, nacks: true },
  depth: 4,
  stutters: true,
  drives: ["propose", "deliver prepare: duplicate", "deliver promise: counted"],
  cost: 1,
};

describe("the conformance stage", () => {
  it("passes a run that conforms and drives what it lists", async () => {
    const c = await checkRun(small, () => {});
    expect(c.passed).toBe(true);
    expect(c.detail).toMatch(/^conforms: /);
  });

  it("fails a run on a divergence", async () => {
    const lines: string[] = [];
    const c = await checkRun(small, (l) => lines.push(l), "promise-off-by-one");
    expect(c.passed).toBe(false);
    expect(c.detail).toBe("divergence at step 3 of a path");
    expect(lines.join("\n")).toContain("differs: in flight: Nack(b=1.p1, promised=1.p1) a1->p1");
  });

  it("fails a run that no longer drives a branch it lists", async () => {
    const c = await checkRun({ ...small, drives: [...small.drives, "deliver accepted: learned"] }, () => {});
    expect(c.passed).toBe(false);
    expect(c.detail).toBe("branches no longer driven: deliver accepted: learned");
  });

  it("holds the implementation's look-alike to the model's: Accepts to every acceptor conform, and an acceptor that then does not promise what it accepts parts", async () => {
    const run = conformanceRuns.find((r) => r.lookAlike === "accept-to-all-acceptors")!;
    const small = { ...run, depth: 5, tour: false, drives: [] };
    expect((await checkRun(small, () => {})).passed).toBe(true);
    const c = await checkRun({ ...run, tour: false, drives: [] }, () => {}, "accept-keeps-promise");
    expect(c.passed).toBe(false);
    expect(c.detail).toMatch(/^divergence at step \d+ of a path$/);
  });

  it("its runs are meant to drive every branch but those impl/ has no counterpart for", () => {
    const listed = new Set(conformanceRuns.flatMap((r) => r.drives));
    // A proposer that gives up after a Nack is a liveness variant's only (retryAfterNack off).
    expect(branchIds.filter((b) => !listed.has(b))).toEqual(["deliver nack: gives up", "restart acceptor with state lost"]);
  });
});
