/** How custra's browser tests and `npm run bench:web` start Debian's chromium (DESIGN.md §11). */
import { type Browser, chromium } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";

/**
 * Headless chromium; playwright gives each launch a fresh temporary profile (user-data dir), and
 * each context of it is a clean window: nothing remembered (language, cookies) leaks between.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}
