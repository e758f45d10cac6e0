// The model-based stage of synod verify: named "model-based", passes with the correct
// implementation in memory and on file storage and the whole implementation catalogue, and
// logs one line per check with its figures.
import { describe, expect, it } from "vitest";
import { mbtStage } from "../../cli/verify/mbt-stage.ts";
import { implCatalogue } from "../../mbt/catalogue.ts";

describe("verify stage model-based", () => {
  it("passes, with a check per storage and per catalogue variant, and logs runs, seconds and shrunk length", async () => {
    const lines: string[] = [];
    const r = await mbtStage.run((l) => void lines.push(l), new Map());
    expect(mbtStage.name).toBe("model-based");
    expect(mbtStage.jobs).toEqual([]);
    expect(r.checks.filter((c) => !c.passed)).toEqual([]);
    expect(r.passed).toBe(true);
    expect(r.checks.map((c) => c.name)).toEqual(["lockstep correct (memory)", "lockstep correct (file)", ...implCatalogue.map((e) => `impl ${e.name}`)]);
    for (const e of implCatalogue.filter((x) => !x.safe)) expect(lines.join("\n")).toMatch(new RegExp(`ok +${e.name} +unsafe: caught by .* after \\d+ runs, [\\d.]+ s, shrunk to \\d+ steps`));
  });
});
