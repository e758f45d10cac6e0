// docs/catalogue.md must match protocol/'s tables, the catalogue and the checker. Regenerating
// it in full explores every variant (over a minute of CPU; `npm start` does that), so this test
// compares the tables of protocol/ exactly, regenerates every variant whose space is small and
// compares its table row and section exactly, and checks the large ones' sections against the
// catalogue's own facts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Action } from "../../model/basic-paxos/actions.ts";
import type { ExploreResult } from "../../checker/result.ts";
import type { PaxosState } from "../../model/basic-paxos/state.ts";
import { catalogue, catalogueSymmetry, variantConfig } from "../../model/basic-paxos/catalogue.ts";
import { check } from "../../checker/check.ts";
import { definition } from "../../model/basic-paxos/definition.ts";
import { catalogueDoc } from "../../docs/gen/catalogue-doc.ts";
import { decisions } from "../../protocol/decisions.ts";
import { bugs } from "../../protocol/catalogue.ts";

const SMALL = 10_000;
/** The sections before the variants'. */
const TABLES = ["Decision points", "Bugs on each side", "The model's variants"] as const;

/** The text before the first section, and each `## name` section by name. */
function sections(doc: string): { intro: string; byName: Map<string, string> } {
  const [intro, ...rest] = doc.split(/^## /m);
  return { intro: intro!, byName: new Map(rest.map((s) => [s.slice(0, s.indexOf("\n")), s])) };
}
const row = (doc: string, name: string) => doc.split("\n").find((l) => l.startsWith(`| [\`${name}\`]`));

const results = new Map<string, ExploreResult<PaxosState, Action>>();
for (const v of catalogue) {
  const r = await check({ definition, config: variantConfig(v), variant: v.name }, { maxStates: SMALL, symmetry: catalogueSymmetry });
  if (r.verdict !== "incomplete") results.set(v.name, r);
}

describe("docs/catalogue.md", () => {
  const committed = readFileSync("docs/catalogue.md", "utf8");
  const fresh = sections(catalogueDoc(results));
  const doc = sections(committed);

  it("has the decision points, the bugs on each side, the model's variants, then one section per variant in catalogue order", () => {
    expect([...doc.byName.keys()]).toEqual([...TABLES, ...catalogue.map((v) => v.name)]);
  });

  it("prints the decision points and the bugs on each side as protocol/ has them (npm run docs regenerates it)", () => {
    for (const title of TABLES.slice(0, 2)) expect(doc.byName.get(title), title).toBe(fresh.byName.get(title));
    for (const d of decisions) expect(doc.byName.get(TABLES[0])).toContain(d.sentence);
    for (const b of bugs) expect(doc.byName.get(TABLES[1])).toContain(`| \`${b.name}\` | \`${b.decision}\` |`);
  });

  it("matches a fresh run of every small variant exactly (npm run docs regenerates it)", async () => {
    expect(results.size).toBeGreaterThanOrEqual(8);
    for (const name of results.keys()) {
      expect(doc.byName.get(name), name).toBe(fresh.byName.get(name));
      expect(row(committed, name), name).toBe(row(catalogueDoc(results), name));
    }
  });

  it("states each large variant's summary and verdict as the catalogue does", async () => {
    for (const v of catalogue.filter((c) => !results.has(c.name))) {
      const section = doc.byName.get(v.name)!;
      expect(section).toContain(v.summary);
      expect(section).toMatch(v.safe ? /^Verified: /m : new RegExp(`^Caught by \`${v.breaks}\``, "m"));
    }
  });
});
