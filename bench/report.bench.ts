// How heavy the HTML report is: its size, and how long headless chromium takes to open it
// until the viewer has set up every counterexample (median of 5 opens, the browser warm).
//   npm run bench:report -- reports/synod.html     (make it with: npx synod verify --html reports/synod.html)
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { launchChromium } from "../report/chromium.ts";

const file = resolve(process.argv[2] ?? "reports/synod.html");
const bytes = statSync(file).size;
const browser = await launchChromium();
try {
  const times: { open: number; load: number }[] = [];
  for (let i = 0; i < 6; i++) {
    const page = await browser.context.newPage();
    const t0 = performance.now();
    await page.goto(`file://${file}`, { waitUntil: "load" });
    // Page code as strings: this file is compiled without the DOM's types.
    await page.waitForFunction(`[...document.querySelectorAll("article.cx")].every((a) => a.hasAttribute("data-current"))`);
    const open = performance.now() - t0;
    const load = (await page.evaluate(`(() => { const nav = performance.getEntriesByType("navigation")[0]; return nav.loadEventEnd - nav.startTime; })()`)) as number;
    if (i > 0) times.push({ open, load }); // the first open warms the browser up
    await page.close();
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const counterexamples = await (async () => {
    const page = await browser.context.newPage();
    await page.goto(`file://${file}`);
    const n = await page.locator("article.cx").count();
    await page.close();
    return n;
  })();
  console.log(`${file}: ${(bytes / 1024).toFixed(0)} KiB (${bytes.toLocaleString("en-US")} bytes), ${counterexamples} counterexamples`);
  console.log(`open in headless chromium, until every counterexample is set up: median ${median(times.map((t) => t.open)).toFixed(0)} ms (load event at ${median(times.map((t) => t.load)).toFixed(0)} ms), over ${times.length} opens`);
} finally {
  await browser.close();
}
