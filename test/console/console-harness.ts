/**
 * The console end-to-end harness: a real `bulwark server` app (SQLite, seeded inventory,
 * serving the built web/dist) listening on loopback, and the machine's Debian Chromium
 * driven by playwright-core with a fresh profile. Every console error and every failed
 * request is recorded; a test ends by asserting there were none beyond those it expected.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN_ROLE } from '../../src/db/permissions.js';
import { createCustomer, createRole, createUser } from '../../src/db/repositories/accounts-repository.js';
import { writeContainer, writeEvent, writeImage } from '../../src/db/repositories/inventory-writer.js';
import { TenantScope } from '../../src/db/tenant.js';
import { buildApp } from '../../src/server/app.js';
import { refreshRogue } from '../../src/server/ingest/rogue.js';
import { NO_DATABASE, recordScanState } from '../../src/server/matching/scan-state.js';
import { launchChromium } from '../../src/test-support/chromium.js';
import { type SeededInventory, seedInventory } from '../../src/test-support/seed-inventory.js';
import { freshDatabase } from '../../src/test-support/test-databases.js';
import { testSecretBox } from '../../src/test-support/test-secrets.js';

export const USER = 'admin';
export const PASSWORD = 'console e2e password';
const root = fileURLToPath(new URL('../../', import.meta.url));
export const CONSOLE_DIR = join(root, 'web', 'dist');
export const SHOTS = join(root, 'test-output', 'console');

export interface ConsoleEnv {
  url: string;
  seeded: SeededInventory;
  rogueContainer: string;
  /** An image and a stopped container of it that the server could not check (NO_DATABASE). */
  unchecked: { image: string; container: string };
  /** The customer's data, for steps that play a sensor's part (e.g. a registry sensor's job). */
  scope: TenantScope;
  page: Page;
  context: BrowserContext;
  problems: string[];
  /** Substrings of `METHOD url` whose 4xx answer a step expects (e.g. an invalid QQL query). */
  expectFailure: Set<string>;
  api<T>(path: string): Promise<T>;
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startConsole(): Promise<ConsoleEnv> {
  if (!existsSync(join(CONSOLE_DIR, 'index.html')))
    throw new Error('web/dist is missing: run `npm run build:web` before the console tests');
  const db = await freshDatabase('sqlite');
  const customer = await createCustomer(db.db, 'e2e');
  await createRole(db.db, customer, ADMIN_ROLE.name, ADMIN_ROLE.permissions);
  await createUser(db.db, customer, USER, PASSWORD, [ADMIN_ROLE.name]);
  const scope = new TenantScope(db.db, customer);
  const seeded = await seedInventory(scope, 'e2e');
  // A rogue container: the clean image plus a package the image does not have.
  const rogueContainer = await writeContainer(scope, {
    sha: 'f'.repeat(64),
    name: 'rogue_netcat_e2e',
    imageUuid: seeded.images.clean,
    imageSha: null,
    hostId: seeded.hosts.docker1,
    sensorUuid: seeded.sensors.active,
    state: 'RUNNING',
    isRogue: true,
    software: [
      { name: 'bash', version: '5.2.15-2', ecosystem: 'Debian:12' },
      { name: 'netcat-traditional', version: '1.10-47', ecosystem: 'Debian:12' },
    ],
  });
  // Assets the server could not check: the console must say so, never show them clean.
  const uncheckedImage = await writeImage(scope, {
    sha: 'e'.repeat(64),
    lastScanned: Date.now(),
    repos: [{ registry: 'docker.io', repository: 'library/unchecked-e2e', tag: '1' }],
    software: [{ name: 'zlib1g', version: '1:1.2.13.dfsg-1', ecosystem: 'Debian:12' }],
  });
  const uncheckedContainer = await writeContainer(scope, {
    sha: 'd'.repeat(64),
    name: 'unchecked_e2e',
    imageUuid: uncheckedImage,
    imageSha: 'e'.repeat(64),
    hostId: seeded.hosts.docker1,
    sensorUuid: seeded.sensors.active,
    state: 'STOPPED',
    software: [{ name: 'zlib1g', version: '1:1.2.13.dfsg-1', ecosystem: 'Debian:12' }],
  });
  await recordScanState(scope, 'IMAGE', uncheckedImage, NO_DATABASE);
  await recordScanState(scope, 'CONTAINER', uncheckedContainer, NO_DATABASE);
  // What ingest does once a container's SBOM is stored: mark it scanned and compare it with
  // its image (the rogue report the console shows).
  const scanned = [rogueContainer, seeded.containers.running, uncheckedContainer];
  await scope
    .updateTable('containers')
    .set({ last_scanned: Date.now() })
    .where('id', 'in', scanned)
    .execute();
  for (const id of scanned) await refreshRogue(scope, id);
  // Recent events, so the 24-hour trend has something to draw.
  for (let i = 0; i < 6; i++) {
    await writeEvent(scope, {
      occurred: Date.now() - i * 3 * 3600_000 - 60_000,
      event: i % 2 ? 'stop' : 'start',
      type: 'CONTAINER',
      sensorUuid: seeded.sensors.active,
      hostId: seeded.hosts.docker1,
      container: { uuid: rogueContainer, sha: 'f'.repeat(64), name: 'rogue_netcat_e2e' },
    });
  }
  const app = await buildApp({
    db: db.db,
    dialect: 'sqlite',
    consoleDir: CONSOLE_DIR,
    secrets: testSecretBox,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchChromium();
  const { context } = browser;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  const expectFailure = new Set<string>();
  const expected = (u: string) => [...expectFailure].some((s) => u.includes(s));
  const failedUrls: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // Chromium logs every 4xx answer as a console error; an expected one is not a problem.
    if (msg.text().startsWith('Failed to load resource') && failedUrls.some(expected)) return;
    problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => {
    // Navigating away aborts in-flight fetches; that is not a failure of the server.
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    if (res.status() < 400) return;
    const call = `${res.request().method()} ${res.url()}`;
    failedUrls.push(call);
    if (!expected(call)) problems.push(`HTTP ${res.status()}: ${call}`);
  });
  mkdirSync(SHOTS, { recursive: true });
  const auth = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
  return {
    url,
    seeded,
    rogueContainer,
    unchecked: { image: uncheckedImage, container: uncheckedContainer },
    scope,
    page,
    context,
    problems,
    expectFailure,
    async api<T>(path: string) {
      const res = await fetch(`${url}${path}`, { headers: { authorization: auth } });
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      return (await res.json()) as T;
    },
    async shot(name: string) {
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close();
      await app.close();
      await db.dispose();
    },
  };
}
