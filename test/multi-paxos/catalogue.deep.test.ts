// The whole Multi-Paxos catalogue: every unsafe variant caught by its property with its pinned
// shortest length, every safe look-alike without a violation in its state budget (a budget in
// which each of its near misses is caught, and in which a read look-alike answers a read that
// had a write to see), and docs/multi-paxos.md as generated from these results.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CheckResult } from "../../checker/result.ts";
import { multiPaxosCatalogue } from "../../model/multi-paxos/catalogue.ts";
import { checkStableLeader, checkVariant, lookAlikeStates } from "../../model/multi-paxos/catalogue-check.ts";
import { multiPaxosDoc } from "../../docs/gen/multi-paxos-doc.ts";
import { pinnedLength } from "./catalogue-pins.ts";

const results = new Map<string, CheckResult<unknown, unknown>>();

describe("the Multi-Paxos catalogue", () => {
  for (const v of multiPaxosCatalogue) {
    if (v.safe) {
      it(`${v.name} (safe look-alike) breaks nothing in ${lookAlikeStates(v)} states`, async () => {
        const r = await checkVariant(v);
        results.set(v.name, r);
        expect(r.violation?.message).toBeUndefined();
        expect(r.verdict).toBe("incomplete");
        // A budget stops before witnesses are judged: that a read was answered is asked here.
        if (v.config?.["reads"]) expect(r.witnesses.find((w) => w.id === "sometimes-read-sees-write")?.reached).toBe(true);
      });
    } else {
      it(`${v.name} is caught by ${v.breaks} in ${pinnedLength[v.name]} steps`, async () => {
        const r = await checkVariant(v);
        results.set(v.name, r);
        expect([r.verdict, r.violation?.property, r.violation?.steps.length]).toEqual(["violation", v.breaks, pinnedLength[v.name]]);
      });
    }
  }

  it("each safe look-alike's budget holds the states in which its near misses are caught", () => {
    for (const v of multiPaxosCatalogue.filter((x) => x.safe)) {
      for (const near of v.nearMisses ?? []) expect([near, results.get(near)!.stats.distinctStates <= lookAlikeStates(v)]).toEqual([near, true]);
    }
  });

  it("docs/multi-paxos.md is up to date (npm run docs)", async () => {
    expect(results.size).toBe(multiPaxosCatalogue.length);
    expect(readFileSync("docs/multi-paxos.md", "utf8")).toBe(multiPaxosDoc(await checkStableLeader(), results));
  });
});
