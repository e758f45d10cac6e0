import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scenariosDoc } from "../../docs/gen/scenarios-doc.ts";
import { seed001Scenarios } from "../../model/basic-paxos/scenarios/seed001.ts";

describe("docs/scenarios.md", () => {
  const doc = scenariosDoc();
  it("is generated from model/scenarios/ and up to date (npm run docs)", () => {
    expect(readFileSync("docs/scenarios.md", "utf8")).toBe(doc);
  });
  it("draws every seed 001 step as one diagram line, with the seed's notes", () => {
    for (const s of seed001Scenarios) {
      const block = doc.split(`\`${s.name}\``)[1]!.split("```mermaid\n")[1]!.split("\n```")[0]!;
      const stepLines = block.split("\n").filter((l) => /->>|Note over \S+,\S+: lost|: (propose|timeout),/.test(l));
      expect(stepLines).toHaveLength(s.steps.length);
      for (const step of s.steps) if (step.note) expect(block).toContain(step.note.replace(/;/g, ","));
    }
  });
});
