// A review diff (diff.ts) for people: text for a terminal, Markdown for a pull-request comment
// or a CI job summary. The reason comes first: the regressions, then what was compared.
import { effort, type CatalogueRow, type ReviewDiff } from "./diff.ts";

export type Sides = { readonly base: string; readonly head: string; readonly only?: readonly string[] };

const fmt = (n: number) => n.toLocaleString("en-US");
const passFail = (p: boolean | null) => (p === null ? "-" : p ? "PASS" : "FAIL");

export function headline(d: ReviewDiff): string {
  const n = d.regressions.length;
  return n > 0 ? `synod review: REGRESSION: the head regresses (${n} reason${n > 1 ? "s" : ""}):` : `synod review: no regression: the head keeps every check, catch, witness and covered branch of the base`;
}

function catch_(e: CatalogueRow["after"], safe: boolean): string {
  if (e === null) return "-";
  if (safe) return e.caught ? `FLAGGED by ${e.caughtBy} (${effort(e)})` : `passed (${effort(e)})`;
  return e.caught ? `caught by ${e.caughtBy}, ${effort(e)}${e.steps !== null ? `, ${e.steps} steps` : ""}` : `NOT caught (${effort(e)})`;
}

function figureChange(before: number, after: number): string {
  if (before === after) return "same";
  return `${after > before ? "+" : ""}${(((after - before) / Math.max(before, 1)) * 100).toFixed(1)}%`;
}

export function reviewText(d: ReviewDiff, sides: Sides): string[] {
  const out = [headline(d), ...d.regressions.map((r) => `  ${r}`)];
  out.push(`base ${sides.base}, head ${sides.head}${sides.only ? `; stages: ${sides.only.join(", ")}` : ""}`);
  out.push("stages (base -> head):", ...d.stages.map((s) => `  ${s.name.padEnd(18)} ${passFail(s.before)} -> ${passFail(s.after)}`));
  if (d.catalogue.length > 0) {
    out.push("catalogue entries (base -> head):");
    for (const c of d.catalogue) out.push(`  ${c.stage}: ${c.name}: ${catch_(c.before, c.safe)} -> ${catch_(c.after, c.safe)}${c.slower ? "  SLOWER" : ""}`);
  }
  if (d.figures.length > 0) {
    out.push("figures (base -> head):");
    for (const f of d.figures) out.push(`  ${f.stage}: ${f.check}: ${f.figure} ${fmt(f.before)} -> ${fmt(f.after)} (${figureChange(f.before, f.after)})`);
  }
  if (d.warnings.length > 0) out.push("warnings:", ...d.warnings.map((w) => `  ${w}`));
  if (d.gains.length > 0) out.push("gained:", ...d.gains.map((g) => `  ${g}`));
  const fresh = d.counterexamples.filter((c) => !c.expected);
  if (fresh.length > 0) out.push("new counterexamples on the head:", ...fresh.map((c) => `  ${c.stage}: ${c.check}: ${c.property}, ${c.steps} steps: ${c.message}`));
  out.push(`synod review: ${d.regressions.length > 0 ? `FAIL, ${d.regressions.length} regression(s)` : "PASS"}`);
  return out;
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function reviewMarkdown(d: ReviewDiff, sides: Sides): string {
  const out = [`## Synod review: ${d.regressions.length > 0 ? "the head REGRESSES" : "no regression"}`, ""];
  out.push(`Base ${sides.base}, head ${sides.head}${sides.only ? `; stages: ${sides.only.join(", ")}` : ""}.`, "");
  if (d.regressions.length > 0) out.push("### Regressions", "", ...d.regressions.map((r) => `- ${cell(r)}`), "");
  out.push("### Stages", "", "| stage | base | head |", "|---|---|---|", ...d.stages.map((s) => `| ${s.name} | ${passFail(s.before)} | ${passFail(s.after)} |`), "");
  if (d.catalogue.length > 0) {
    out.push("### Catalogue", "", "| stage | entry | base | head | |", "|---|---|---|---|---|");
    for (const c of d.catalogue) out.push(`| ${c.stage} | ${cell(c.name)} | ${cell(catch_(c.before, c.safe))} | ${cell(catch_(c.after, c.safe))} | ${c.slower ? "**slower**" : ""} |`);
    out.push("");
  }
  if (d.figures.length > 0) {
    out.push("### Figures", "", "| stage | check | figure | base | head | change |", "|---|---|---|---|---|---|");
    for (const f of d.figures) out.push(`| ${f.stage} | ${cell(f.check)} | ${f.figure} | ${fmt(f.before)} | ${fmt(f.after)} | ${figureChange(f.before, f.after)} |`);
    out.push("");
  }
  if (d.warnings.length > 0) out.push("### Warnings", "", ...d.warnings.map((w) => `- ${cell(w)}`), "");
  if (d.gains.length > 0) out.push("### Gained", "", ...d.gains.map((g) => `- ${cell(g)}`), "");
  const fresh = d.counterexamples.filter((c) => !c.expected);
  if (fresh.length > 0) out.push("### New counterexamples on the head", "", ...fresh.map((c) => `- ${c.stage}: ${cell(c.check)}: \`${c.property}\`, ${c.steps} steps: ${cell(c.message)}`), "");
  return out.join("\n");
}
