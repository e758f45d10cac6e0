// The verify stage: its short in-process TCP run validates and its doctored copy is rejected.
import { describe, expect, it } from "vitest";
import { traceValidationStage } from "../../cli/verify/validate-trace-stage.ts";

describe("the trace-validation stage of synod verify", () => {
  it("passes both checks: the real run validates, the doctored log is rejected", async () => {
    const lines: string[] = [];
    const r = await traceValidationStage.run((l) => lines.push(l), new Map());
    expect(traceValidationStage.name).toBe("trace-validation");
    expect(r.checks.map((c) => [c.name, c.passed])).toEqual([
      ["real run validates", true],
      ["doctored log rejected", true],
    ]);
    expect(lines[1]).toMatch(/^ok {3}doctored log rejected: rejected at a\d\.trace line \d+: a\d voted in ballot \d+\.p\d for never-proposed, which no Accept carried/);
  }, 30_000);
});
