// synod review --base REF [--head REF]: what a change does to what Synod checks. Runs
// `synod verify --json` (or --only stages) on both revisions, each a git worktree installed
// from its own lockfile (the head defaults to the working tree, as it is), and compares the
// two reports (cli/review/diff.ts). Exit 0 no regression, 1 the head regresses, 2 bad usage
// or a revision that could not be checked.
import { writeFileSync } from "node:fs";
import type { Command } from "../main.ts";
import { parseArgs, UsageError, type FlagSpec } from "../args.ts";
import { prepareReportPaths } from "../report-paths.ts";
import { writeHtmlReport } from "../html-report.ts";
import { diffReports, type ReviewDiff } from "../review/diff.ts";
import { reviewMarkdown, reviewText, type Sides } from "../review/format.ts";
import { reviewDocument } from "../review/document.ts";
import { parseVerifyReport, type VerifyReport } from "../review/verify-report.ts";
import { checkoutRevision, repoRoot, resolveRef, verifyJson, workingTree, type Revision } from "../review/revisions.ts";

const HELP = `usage: synod review --base REF [--head REF] [--only STAGE[,STAGE]] [--json] [--markdown FILE] [--html FILE]

Runs synod verify on two revisions of this repository and reports what the change does: each
stage's verdict, distinct states and depth, witnesses and transition coverage gained or lost,
each catalogue entry still caught or not and the runs (or states) it took before and after (a
catch that got much slower is flagged), and the counterexamples new on the head. Each REF is
checked out in a git worktree and installed with npm ci from its own lockfile.

  --base REF        the revision the change starts from (a branch, tag or commit)
  --head REF        the changed revision (default: the working tree, uncommitted changes included)
  --only LIST       run only these verify stages on both sides (comma-separated), e.g. model-based
  --json            print the comparison as JSON on stdout
  --markdown FILE   write the comparison as Markdown (a pull-request comment, a CI job summary)
  --html FILE       write an HTML report: the comparison and the new counterexamples to step through
  -h, --help        this help

exit codes: 0 no regression, 1 the head regresses (the reason is printed first), 2 bad usage or a
revision that could not be checked.`;

type Flags = { base: string; head?: string; only?: string[]; json: boolean; markdown?: string; html?: string };

const spec: FlagSpec = {
  base: { value: "REF", help: "" },
  head: { value: "REF", help: "" },
  only: { value: "LIST", help: "" },
  json: { boolean: true, help: "" },
  markdown: { value: "FILE", help: "" },
  html: { value: "FILE", help: "" },
};

function parse(argv: readonly string[]): Flags | "help" {
  const { flags, positionals } = parseArgs(argv, spec);
  const values = flags as { base?: string; head?: string; only?: string; json?: boolean; markdown?: string; html?: string; help?: boolean };
  if (values.help) return "help";
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (!values.base) throw new UsageError("--base REF is required");
  const only = values.only?.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (only && only.length === 0) throw new UsageError("--only: name at least one stage");
  prepareReportPaths({ markdown: values.markdown, html: values.html });
  return { base: values.base, json: values.json ?? false, ...(values.head ? { head: values.head } : {}), ...(only ? { only } : {}), ...(values.markdown ? { markdown: values.markdown } : {}), ...(values.html ? { html: values.html } : {}) };
}

export const command: Command = {
  summary: "compare what synod verify says on two revisions: regressions first",
  async run(argv) {
    let f: Flags | "help";
    let repo: string;
    try {
      f = parse(argv);
      if (f === "help") return console.log(HELP), 0;
      repo = await repoRoot(process.cwd());
      await resolveRef(repo, f.base);
      if (f.head) await resolveRef(repo, f.head);
    } catch (err) {
      console.error(`synod review: ${(err as Error).message}\n(see synod review --help)`);
      return 2;
    }
    const log = (line: string) => console.error(line);
    let reports: { base: VerifyReport; head: VerifyReport; sides: Sides };
    try {
      reports = await verifyBoth(repo, f, log);
    } catch (err) {
      console.error(`synod review: ${(err as Error).message}`);
      return 2;
    }
    const diff = diffReports(reports.base, reports.head);
    report(f, diff, reports.sides, reports.head, argv);
    return diff.regressions.length > 0 ? 1 : 0;
  },
};

/** Both revisions checked at once (each verify uses what the machine has; the runs are seeded, so figures do not depend on it). */
async function verifyBoth(repo: string, f: Flags, log: (line: string) => void) {
  const revisions: Revision[] = [];
  try {
    const [base, head] = await Promise.all([checkoutRevision(repo, f.base, log), f.head ? checkoutRevision(repo, f.head, log) : workingTree(repo)]);
    revisions.push(base, head);
    log(`synod review: synod verify${f.only ? ` --only ${f.only.join(",")}` : ""} on ${base.label} and on ${head.label}`);
    const [b, h] = await Promise.all([verifyJson(base, f.only), verifyJson(head, f.only)]);
    const sides: Sides = { base: base.label, head: head.label, ...(f.only ? { only: f.only } : {}) };
    return { base: parseVerifyReport(b, `base ${base.label}`), head: parseVerifyReport(h, `head ${head.label}`), sides };
  } finally {
    await Promise.all(revisions.map((r) => r.remove()));
  }
}

function report(f: Flags, diff: ReviewDiff, sides: Sides, head: VerifyReport, argv: readonly string[]): void {
  if (f.markdown) writeFileSync(f.markdown, reviewMarkdown(diff, sides) + "\n");
  if (f.html) writeHtmlReport(f.html, reviewDocument(["synod review", ...argv].join(" "), diff, sides, head));
  if (f.json) console.log(JSON.stringify({ regressed: diff.regressions.length > 0, ...sides, ...diff }, null, 2));
  else for (const line of reviewText(diff, sides)) console.log(line);
}
