// The HTML report in a real browser (Debian's chromium, headless, through playwright-core):
// a counterexample opens at the step where it breaks, steps back and forth with the buttons
// and the slider, and shows each step's node states, messages in flight and the broken
// property; a lockstep failure shows the implementation beside the model. Screenshots go to
// reports/screenshots/; SYNOD_UPDATE_SCREENSHOTS=1 also rewrites the two in docs/.
// When chromium is missing or does not start, these tests fail and say why (.ci/run installs it).
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderReport } from "../../report/html/render.ts";
import { launchChromium, type Browser } from "../../report/chromium.ts";
import { quorumBugCheck, quorumBugLockstep } from "./fixtures.ts";

const shots = path.resolve(import.meta.dirname, "../../reports/screenshots");
const docs = path.resolve(import.meta.dirname, "../../docs");
let browser: Browser;
let page: Page;
let dir: string;
const errors: string[] = [];

beforeAll(async () => {
  const check = (await quorumBugCheck()).document;
  const lockstep = (await quorumBugLockstep()).document;
  dir = mkdtempSync(path.join(tmpdir(), "synod-report-browser-"));
  const file = path.join(dir, "report.html");
  writeFileSync(file, renderReport({ ...check, counterexamples: [...check.counterexamples, ...lockstep.counterexamples] }));
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`file://${file}`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const cx = (i: number) => page.locator(`article.cx[data-cx="${i}"]`);
const fieldOf = (c: Locator, side: string, node: string, name: string) => c.locator(`.side[data-side="${side}"] .node[data-node="${node}"] td[data-field="${name}"]`);

describe("the HTML report in headless chromium", () => {
  it("opens each counterexample at the step where it breaks, the broken property highlighted", async () => {
    const c = cx(0);
    await expect.poll(() => c.getAttribute("data-current")).toBe("5");
    expect(await c.locator(".step-label").textContent()).toBe("step 5 of 5: deliver Accepted(b=1.p1, v=A) a1->p1");
    expect(await c.locator(".breaks").textContent()).toContain("learned-is-chosen (invariant) breaks here: p1 learned A, which is not chosen");
    expect(await c.locator('ol.steps > li[data-step="5"]').getAttribute("class")).toBe("current failed");
    expect(await c.locator('svg g.ev[data-step="5"]').getAttribute("class")).toBe("ev current failed");
    expect(await fieldOf(c, "model", "p1", "learned").textContent()).toBe("A");
    expect(await fieldOf(c, "model", "p1", "learned").getAttribute("class")).toBe("changed");
    mkdirSync(shots, { recursive: true });
    await c.screenshot({ path: path.join(shots, "check-last-step.png") });
    expect(errors).toEqual([]);
  });

  it("steps back with the button and to any step with the slider: the nodes, messages and chart follow", async () => {
    const c = cx(0);
    for (let i = 0; i < 3; i++) await c.locator("button.prev").click();
    expect(await c.getAttribute("data-current")).toBe("2");
    expect(await c.locator(".step-label").textContent()).toBe("step 2 of 5: deliver Prepare(b=1.p1) p1->a1");
    expect(await fieldOf(c, "model", "a1", "promised").textContent()).toBe("1.p1");
    expect(await fieldOf(c, "model", "a1", "promised").getAttribute("class")).toBe("changed");
    expect(await fieldOf(c, "model", "a2", "promised").textContent()).toBe("none");
    expect(await fieldOf(c, "model", "p1", "phase").textContent()).toBe("1 (prepare)");
    // Three Prepares and a1's Promise: with duplication on, a delivered message stays in flight.
    expect(await c.locator(".flight strong").textContent()).toBe("in flight (4)");
    expect(await c.locator(".breaks").count()).toBe(0);
    expect(await c.locator('ol.steps > li[data-step="4"]').getAttribute("class")).toBe("future");
    expect(await c.locator('svg g.ev[data-step="2"]').getAttribute("class")).toBe("ev current");
    await c.locator(".slider").fill("0");
    expect(await c.locator(".step-label").textContent()).toBe("step 0 of 5: initial state");
    expect(await fieldOf(c, "model", "p1", "phase").textContent()).toBe("idle");
    expect(await c.locator(".flight strong").textContent()).toBe("in flight (0)");
    await c.locator("button.next").click();
    await c.locator('ol.steps > li[data-step="3"]').click();
    expect(await fieldOf(c, "model", "p1", "phase").textContent()).toBe("2 (accept)");
    expect(errors).toEqual([]);
  });

  it("shows a lockstep failure with the implementation beside the model, and what differs, at the step where they part", async () => {
    const c = cx(1);
    const last = Number(await c.locator(".slider").getAttribute("max"));
    expect(await c.getAttribute("data-current")).toBe(String(last));
    expect(await c.locator(".side").evaluateAll((sides) => sides.map((s) => s.getAttribute("data-side")))).toEqual(["model", "implementation"]);
    expect(await c.locator(".breaks").count()).toBe(1);
    const parted = (await c.locator("table.differs").count()) + (await c.locator(".breaks li").count());
    expect(parted).toBeGreaterThan(0);
    await c.screenshot({ path: path.join(shots, "lockstep-last-step.png") });
    if (process.env.SYNOD_UPDATE_SCREENSHOTS) await c.screenshot({ path: path.join(docs, "report-last-step.png") });
    await c.locator(".slider").fill("1");
    expect(await c.locator(".breaks").count()).toBe(0);
    expect(await c.locator(".step-label").textContent()).toMatch(/^step 1 of \d+: propose p\d -> ballot 1\.p\d$/);
    await c.screenshot({ path: path.join(shots, "lockstep-first-step.png") });
    if (process.env.SYNOD_UPDATE_SCREENSHOTS) await c.screenshot({ path: path.join(docs, "report-first-step.png") });
    for (const f of ["check-last-step.png", "lockstep-last-step.png", "lockstep-first-step.png"]) expect(statSync(path.join(shots, f)).size).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
  });
});
