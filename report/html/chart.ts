// A run as a message sequence chart in inline SVG (no script, no CDN): one column per
// participant, one row per step; a delivery is an arrow from sender to receiver, a loss a
// dashed arrow that ends in a cross, anything else a note over its node. Each row is a <g>
// with data-step, which the viewer highlights as the selected step.
import type { ChartEvent } from "../../model/inspection.ts";
import { esc } from "./escape.ts";

const COL = 170;
const LEFT = 34;
const HEAD = 44;
const ROW = 30;

export function sequenceChart(participants: readonly string[], events: readonly ChartEvent[], id: string): string {
  const x = (id: string) => {
    const i = participants.indexOf(id);
    return i < 0 ? null : LEFT + COL / 2 + i * COL;
  };
  const width = LEFT + COL * participants.length + 10;
  const bottom = HEAD + ROW * events.length + 12;
  const heads = participants.map((p) => {
    const cx = x(p)!;
    return `<g class="participant"><rect x="${cx - 50}" y="6" width="100" height="26" rx="4"/><text x="${cx}" y="24" text-anchor="middle">${esc(p)}</text><line class="lifeline" x1="${cx}" y1="32" x2="${cx}" y2="${bottom}"/></g>`;
  });
  const rows = events.map((e, i) => row(e, i + 1, HEAD + ROW * i, width, x, `url(#arrow-${id})`));
  return [
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${bottom + 6}" viewBox="0 0 ${width} ${bottom + 6}" role="img" aria-label="message sequence chart">`,
    `<defs><marker id="arrow-${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>`,
    ...heads,
    ...rows,
    `</svg>`,
  ].join("\n");
}

function row(e: ChartEvent, step: number, top: number, width: number, x: (id: string) => number | null, arrow: string): string {
  const y = top + ROW / 2 + 6;
  const parts = [`<rect class="row" x="0" y="${top}" width="${width}" height="${ROW}"/>`, `<text class="num" x="4" y="${y + 4}">${step}</text>`];
  if (e.kind === "message") parts.push(...message(e, y, x, arrow));
  else {
    const xs = e.over.map(x).filter((v): v is number => v !== null);
    const lo = Math.min(...xs) - 60;
    const hi = Math.max(...xs) + 60;
    parts.push(`<rect class="note" x="${lo}" y="${top + 4}" width="${hi - lo}" height="${ROW - 8}" rx="3"/>`, `<text class="note-text" x="${(lo + hi) / 2}" y="${top + ROW / 2 + 4}" text-anchor="middle">${esc(e.text)}</text>`);
  }
  return `<g class="ev" data-step="${step}">${parts.join("")}</g>`;
}

function message(e: Extract<ChartEvent, { kind: "message" }>, y: number, x: (id: string) => number | null, arrow: string): string[] {
  const from = x(e.from);
  const to = x(e.to);
  if (from === null || to === null) return [`<text class="label" x="${LEFT}" y="${y}">${esc(`${e.from}->${e.to}: ${e.label}`)}</text>`];
  const label = `<text class="label" x="${(from + to) / 2}" y="${y - 4}" text-anchor="middle">${esc(e.lost ? `lost ${e.label}` : e.label)}</text>`;
  if (e.lost) {
    const end = from + (to - from) * 0.6;
    return [`<line class="msg lost" x1="${from}" y1="${y}" x2="${end}" y2="${y}"/>`, `<text class="cross" x="${end}" y="${y + 4}" text-anchor="middle">✕</text>`, label];
  }
  return [`<line class="msg" x1="${from}" y1="${y}" x2="${to}" y2="${y}" marker-end="${arrow}"/>`, label];
}
