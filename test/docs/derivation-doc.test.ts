import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { derivationDoc } from "../../docs/gen/derivation-doc.ts";

describe("docs/derivation.md", () => {
  it("is generated from model/derivation/ and up to date (npm run docs)", async () => {
    expect(readFileSync("docs/derivation.md", "utf8")).toBe(await derivationDoc());
  }, 60_000);
});
