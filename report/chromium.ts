// The headless browser the HTML report is tested and measured in: Debian's chromium, driven by
// playwright-core, never a downloaded browser. A fresh profile each time; no network services.
// When the browser is missing or does not start, the error says so plainly (tests fail with it).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export type Browser = { readonly context: BrowserContext; close(): Promise<void> };

export async function launchChromium(viewport = { width: 1400, height: 1000 }): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: install Debian's chromium (apt-get update && apt-get install -y chromium); .ci/run does so when it is missing`);
  const profile = mkdtempSync(path.join(tmpdir(), "synod-chromium-"));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport });
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`${CHROMIUM} did not start: ${(err as Error).message.split("\n")[0]}`);
  }
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
