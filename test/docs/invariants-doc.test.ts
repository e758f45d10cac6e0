import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { invariantsDoc } from "../../docs/gen/invariants-doc.ts";
import { allProperties } from "../../invariants/registry.ts";

describe("docs/invariants.md", () => {
  it("is generated from invariants/ and up to date (npm run docs)", async () => {
    expect(readFileSync("docs/invariants.md", "utf8")).toBe(await invariantsDoc());
  });
  it("documents every property with an id, a statement and a rationale", async () => {
    const doc = await invariantsDoc();
    for (const p of allProperties) {
      expect(p.statement.length).toBeGreaterThan(10);
      expect(p.rationale.length).toBeGreaterThan(20);
      expect(doc).toContain(`\`${p.id}\``);
    }
  });
});
