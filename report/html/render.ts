// A report document (document.ts) as one self-contained HTML file: no network, no CDN, so it
// opens from a CI artifact. The page is rendered here as static HTML (summary, notices,
// stages, each counterexample's chart and step list); the counterexamples' per-step states
// travel as JSON in the page, and the inline viewer (viewer.js) shows the selected step's.
import { readFileSync } from "node:fs";
import { ReportDocument, type CounterexampleView, type StageSection } from "./document.ts";
import { sequenceChart } from "./chart.ts";
import { esc } from "./escape.ts";

export type Assets = { readonly css: string; readonly script: string };

/** The stylesheet and the viewer script, read once from beside this file. */
export function defaultAssets(): Assets {
  const read = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), "utf8");
  return { css: read("style.css"), script: read("viewer.js") };
}

/** JSON that is safe inside <script>: no "</script>", no "<!--". */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

export function renderReport(input: ReportDocument, assets: Assets = defaultAssets()): string {
  const doc = ReportDocument.parse(input);
  const verdict = doc.passed ? "PASS" : "FAIL";
  return [
    `<!doctype html>`,
    `<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${esc(`${doc.title}: ${verdict}`)}</title>`,
    `<style>\n${assets.css}\n</style></head><body>`,
    `<header><h1>${esc(doc.title)} <span class="verdict ${doc.passed ? "pass" : "fail"}" id="verdict">${verdict}</span></h1><p class="command"><code>${esc(doc.command)}</code></p></header>`,
    `<section id="summary"><h2>Summary</h2>${lines(doc.summary)}${notices(doc)}</section>`,
    doc.stages.length > 0 ? `<section id="stages"><h2>Stages</h2>${doc.stages.map(stage).join("\n")}</section>` : "",
    `<section id="counterexamples"><h2>Counterexamples (${doc.counterexamples.length})</h2>${doc.counterexamples.length === 0 ? "<p>None: no run broke a property.</p>" : doc.counterexamples.map(counterexample).join("\n")}</section>`,
    `<script type="application/json" id="synod-data">${scriptJson({ counterexamples: doc.counterexamples })}</script>`,
    `<script>\n${assets.script}\n</script>`,
    `</body></html>`,
    "",
  ].join("\n");
}

const lines = (ls: readonly string[]) => (ls.length === 0 ? "" : `<pre class="lines">${ls.map(esc).join("\n")}</pre>`);

function notices(doc: ReportDocument): string {
  if (doc.notices.length === 0) return "";
  return `<ul class="notices">${doc.notices.map((n) => `<li class="notice ${n.level}"><strong>${n.level}</strong> ${esc(n.text)}</li>`).join("")}</ul>`;
}

function stage(s: StageSection): string {
  const rows = s.checks.map((c) => `<tr class="${c.passed ? "pass" : "fail"}"><td>${c.passed ? "ok" : "FAIL"}</td><td>${esc(c.name)}</td><td>${esc(c.detail)}</td><td class="num">${c.seconds.toFixed(1)} s</td></tr>`);
  return [
    `<details class="stage ${s.passed ? "pass" : "fail"}" data-stage="${esc(s.name)}"${s.passed ? "" : " open"}>`,
    `<summary><span class="verdict ${s.passed ? "pass" : "fail"}">${s.passed ? "PASS" : "FAIL"}</span> <strong>${esc(s.name)}</strong> ${esc(s.title)} <span class="secs">(${s.seconds.toFixed(1)} s)</span></summary>`,
    rows.length > 0 ? `<table class="checks"><thead><tr><th></th><th>check</th><th>result</th><th>time</th></tr></thead><tbody>${rows.join("")}</tbody></table>` : "",
    lines(s.lines),
    `</details>`,
  ].join("\n");
}

function counterexample(cx: CounterexampleView, index: number): string {
  const v = cx.violation;
  const steps = [`<li data-step="0"><span class="desc">initial state</span></li>`, ...cx.steps.map((s, i) => `<li data-step="${i + 1}"><span class="desc">${esc(s.description)}</span>${s.changes.length > 0 ? `<ul class="changes">${s.changes.map((c) => `<li>${esc(c)}</li>`).join("")}</ul>` : ""}</li>`)];
  return [
    `<article class="cx${cx.expected ? " expected" : ""}" id="cx-${index}" data-cx="${index}" tabindex="0">`,
    `<h3>${esc(cx.title)} <span class="source">${esc(cx.source)}</span></h3>`,
    `<p class="violation"><strong>${esc(v.property)}</strong> (${esc(v.kind)}) after step ${cx.failedStep}: ${esc(v.message)}${cx.expected ? " <em>(expected: this variant exists to be caught)</em>" : ""}</p>`,
    cx.replay ? `<p class="replay"><code>${esc(cx.replay)}</code></p>` : "",
    `<div class="controls"><button type="button" class="prev" aria-label="previous step">&#9664;</button><input type="range" class="slider" min="0" max="${cx.steps.length}" value="${cx.failedStep}" aria-label="step"><button type="button" class="next" aria-label="next step">&#9654;</button> <span class="step-label">step ${cx.failedStep} of ${cx.steps.length}</span></div>`,
    `<div class="panes"><div class="chart-pane">${sequenceChart(cx.participants, cx.steps.map((s) => s.chart), `cx${index}`)}</div><ol class="steps" start="0">${steps.join("")}</ol></div>`,
    `<div class="state" aria-live="polite"></div>`,
    `</article>`,
  ].join("\n");
}
