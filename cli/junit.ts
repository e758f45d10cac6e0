// JUnit XML, the report format CI systems display: one test case per checked model or stage.
import type { ExploreResult } from "../checker/result.ts";

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export type JunitCase = { readonly name: string; readonly result?: ExploreResult<unknown, unknown>; readonly failure?: string; readonly seconds?: number };

export function junitReport(suite: string, cases: readonly JunitCase[]): string {
  const failureOf = (c: JunitCase) =>
    c.failure ?? (c.result && c.result.verdict !== "verified" ? (c.result.violation ? `${c.result.violation.property}: ${c.result.violation.message}` : c.result.verdict === "bounded" ? boundedLine(c.result) : `incomplete: ${c.result.incompleteReason}`) : undefined);
  const failures = cases.filter((c) => failureOf(c) !== undefined).length;
  const body = cases.map((c) => {
    const failure = failureOf(c);
    const time = (c.seconds ?? c.result?.stats.seconds ?? 0).toFixed(3);
    return `  <testcase classname="${escape(suite)}" name="${escape(c.name)}" time="${time}">${failure ? `<failure message="${escape(failure)}"/>` : ""}</testcase>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="${escape(suite)}" tests="${cases.length}" failures="${failures}">\n${body.join("\n")}\n</testsuite>\n`;
}

/** A liveness verdict cut by a bound: neither a pass nor a violation, so a failure with its reason. */
function boundedLine(r: ExploreResult<unknown, unknown>): string {
  const cut = r.liveness?.find((l) => l.verdict === "bounded");
  return `bounded: ${cut ? `${cut.id}: ${cut.run?.message ?? ""}` : "a bound cut a run short"}`;
}
