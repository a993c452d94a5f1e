/**
 * The machine's Debian Chromium (installed by scripts/provision.sh), headless, driven by
 * playwright-core with a fresh profile at 1280×800: what the console end-to-end tests and
 * the console bench run. `close()` ends the browser and removes the profile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export interface TestChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<TestChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'bulwark-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
