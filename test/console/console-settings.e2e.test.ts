// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText() is the rendered text a user reads
/**
 * Settings, registries and the label widget of the web console in a real Chromium against
 * a real `bulwark server` app (console-harness.ts): a retention rule and an inactive
 * window changed, found after reload and through the API; the 12-hour scan-interval floor;
 * a role and a user created, the user disabled; an activation key with its install lines;
 * a registry created against the provisioned registry (127.0.0.1:5055, Basic auth),
 * validated, listed, scanned on demand; the "by label" widgets; phone width. Fails on any
 * console error or failed request. Screenshots go to test-output/console/.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { claimJob, finishJob, recordResults } from '../../src/db/repositories/registry-jobs-repository.js';
import { testRegistry } from '../../src/test-support/components.js';
import { type ConsoleEnv, PASSWORD, startConsole, USER } from './console-harness.js';

const exec = promisify(execFile);

describe('web console settings, registries and label widget in Chromium', { timeout: 240_000 }, () => {
  let env: ConsoleEnv;
  before(async () => {
    env = await startConsole();
    const { page } = env;
    await page.goto(env.url);
    await page.getByLabel('User name').fill(USER);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  });
  after(async () => {
    await env?.close();
  });
  const section = (name: string) =>
    env.page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name, exact: true });
  const saved =
    (path: string, method = 'PUT') =>
    (r: { url(): string; request(): { method(): string } }) =>
      r.url().includes(path) && r.request().method() === method;

  it('shows the most common images and containers by label, each opening its filtered list', async () => {
    const { page } = env;
    const images = page.getByTestId('widget-image-labels');
    const link = images.getByRole('link', { name: /org\.label-schema\.vendor=vendor-e2e/ });
    await link.waitFor();
    const top = await env.api<{ key: string; value: string; count: number }[]>(
      '/csapi/v1.1/labels/top?entity=images',
    );
    assert.deepEqual(top, [{ key: 'org.label-schema.vendor', value: 'vendor-e2e', count: 1 }]);
    assert.match(await link.innerText(), /1 images/);
    await page
      .getByTestId('widget-container-labels')
      .getByRole('link', { name: /org\.label-schema\.name=base-e2e/ })
      .waitFor();
    await env.shot('30-dashboard-labels');
    await link.click();
    await page.getByRole('heading', { name: 'Images', level: 1 }).waitFor();
    assert.match(
      new URL(page.url()).searchParams.get('filter') ?? '',
      /label\.key:org\.label-schema\.vendor/,
    );
    await page.waitForFunction(`document.querySelectorAll('tbody tr').length === 1`);
    assert.equal(
      await page.locator(`tbody tr a[href="/assets/images/${env.seeded.images.vulnerable}"]`).count(),
      1,
    );
  });

  it('changes a retention rule, finds it after reload and through the API', async () => {
    const { page } = env;
    await page.goto(`${env.url}/settings`);
    await page.waitForURL(/\/settings\/sensors$/);
    await section('Data retention').click();
    await page.getByRole('heading', { name: 'Data retention', level: 2 }).waitFor();
    await page.getByLabel('Purge older than').selectOption({ label: '1 week' });
    await page.getByLabel('Purge silent since').selectOption('custom');
    await page.getByLabel('Days (1–365)').fill('45');
    const put = page.waitForResponse(saved('/csapi/v1.1/settings/retention'));
    await page.getByRole('button', { name: 'Save retention rules' }).click();
    assert.equal((await put).status(), 200);
    await page.reload();
    await page.getByRole('heading', { name: 'Data retention', level: 2 }).waitFor();
    const current = page.getByTestId('retention-current');
    await current.waitFor();
    assert.match(await current.innerText(), /Events\s+1 week/);
    assert.match(await current.innerText(), /UNKNOWN status\s+45 days/);
    assert.equal(await page.getByLabel('Purge older than').inputValue(), '7');
    assert.deepEqual(await env.api('/csapi/v1.1/settings/retention'), { events: 7, 'unknown-sensors': 45 });
    await env.shot('31-settings-retention');
  });

  it('adds an inactive window with a time zone, refuses a scan interval below 12 h, and keeps both after reload', async () => {
    const { page } = env;
    await section('Sensor configuration').click();
    await page.getByRole('heading', { name: 'Sensor configuration', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Add inactive window' }).click();
    const w = page.getByRole('group', { name: 'Inactive window 1' });
    await w.getByLabel('Start', { exact: true }).fill('01:30');
    await w.getByLabel('End', { exact: true }).fill('03:00');
    await w.getByLabel('Time zone').selectOption('Europe/Paris');
    await w.getByLabel('Sun').uncheck();
    await w.getByLabel('Sat').uncheck();
    const interval = page.getByLabel('Container rescan interval (hours)');
    await interval.fill('6');
    await page.getByRole('alert').filter({ hasText: 'cannot be below 12 hours' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Save sensor configuration' }).isDisabled(), true);
    await env.shot('32-settings-scan-interval-refused');
    await interval.fill('24');
    const put = page.waitForResponse(saved('/csapi/v1.1/sensors/config'));
    await page.getByRole('button', { name: 'Save sensor configuration' }).click();
    assert.equal((await put).status(), 200);
    await page.reload();
    const again = page.getByRole('group', { name: 'Inactive window 1' });
    await again.waitFor();
    assert.equal(await again.getByLabel('Time zone').inputValue(), 'Europe/Paris');
    assert.equal(await again.getByLabel('Start', { exact: true }).inputValue(), '01:30');
    assert.equal(await again.getByLabel('Sun').isChecked(), false);
    assert.equal(await page.getByLabel('Container rescan interval (hours)').inputValue(), '24');
    const api = await env.api<{ config: { inactiveWindows: unknown[]; scanIntervalHours: number } }>(
      '/csapi/v1.1/sensors/config',
    );
    assert.deepEqual(api.config.inactiveWindows, [
      { start: '01:30', end: '03:00', timeZone: 'Europe/Paris', days: [1, 2, 3, 4, 5] },
    ]);
    assert.equal(api.config.scanIntervalHours, 24);
    await env.shot('33-settings-sensor-config');
  });

  it('creates a role with API access and a user with it, then disables the user', async () => {
    const { page } = env;
    await section('Users and roles').click();
    await page.getByRole('heading', { name: 'Users', level: 2 }).waitFor();
    await page.getByRole('cell', { name: USER }).first().waitFor();
    await page.getByLabel('Role name').fill('auditors');
    // The new-role form starts with API_ACCESS checked.
    const newRole = page.getByRole('group', { name: 'Permissions of the new role' });
    assert.equal(await newRole.getByLabel('API_ACCESS').isChecked(), true);
    await page.getByRole('button', { name: 'Create role' }).click();
    await page.getByRole('group', { name: 'Permissions of auditors' }).waitFor();
    await page.getByLabel('User name').fill('auditor1');
    await page.getByLabel('Initial password').fill('auditor password 1');
    await page.getByRole('form', { name: 'New user' }).getByLabel('auditors').check();
    await page.getByRole('button', { name: 'Create user' }).click();
    const row = page.getByRole('row').filter({ hasText: 'auditor1' });
    await row.getByRole('cell', { name: 'auditors' }).waitFor();
    const res = await fetch(`${env.url}/csapi/v1.1/images?pageSize=1`, {
      headers: { authorization: `Basic ${Buffer.from('auditor1:auditor password 1').toString('base64')}` },
    });
    assert.equal(res.status, 200);
    await env.shot('34-settings-users');
    await row.getByRole('button', { name: 'Disable user auditor1' }).click();
    await row.getByRole('button', { name: 'Enable user auditor1' }).waitFor();
    const users = await env.api<{ username: string; disabledAt: number | null; roles: string[] }[]>(
      '/csapi/v1.1/settings/users',
    );
    const auditor = users.find((u) => u.username === 'auditor1');
    assert.ok(auditor?.disabledAt);
    assert.deepEqual(auditor.roles, ['auditors']);
    // Nobody can disable themself: the console offers no such button.
    assert.equal(await page.getByRole('button', { name: `Disable user ${USER}` }).count(), 0);
  });

  it('creates an activation key and shows ready-to-copy docker run, systemd and Helm lines', async () => {
    const { page } = env;
    await section('Activation keys').click();
    await page.getByRole('heading', { name: 'Activation keys', level: 2 }).waitFor();
    await page.getByText('No activation key yet').waitFor();
    await page.getByLabel('Key name').fill('e2e-dc1');
    await page.getByRole('button', { name: 'Create activation key' }).click();
    await page.getByRole('cell', { name: 'e2e-dc1', exact: true }).waitFor();
    const keys = await env.api<{ customerId: string; keys: { id: string; name: string }[] }>(
      '/csapi/v1.1/settings/activation-keys',
    );
    const key = keys.keys.find((k) => k.name === 'e2e-dc1');
    assert.ok(key);
    const docker = await page.getByTestId('install-docker').innerText();
    assert.match(docker, new RegExp(`--activation-id ${key.id} --customer-id ${keys.customerId}`));
    assert.match(docker, new RegExp(`--server-url ${env.url.replace(/[.]/g, '\\.')}`));
    await page.getByRole('button', { name: 'Copy: Docker (docker run)' }).click();
    assert.equal(await page.evaluate<string>('navigator.clipboard.readText()'), docker);
    // The systemd snippet is valid shell as copied.
    const systemd = await page.getByTestId('install-systemd').innerText();
    await exec('bash', ['-n', '-c', systemd]);
    assert.match(systemd, new RegExp(`BULWARK_SENSOR_ACTIVATION_ID=${key.id}`));
    assert.match(await page.getByTestId('install-helm').innerText(), new RegExp(`activationId=${key.id}`));
    await env.shot('35-settings-activation-keys');
  });

  it('creates a registry pointed at the provisioned registry, validates it, lists it and scans it on demand', async () => {
    const { page } = env;
    const registry = testRegistry();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Registries' }).click();
    await page.getByRole('heading', { name: 'Registries', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'New registry' }).click();
    await page.getByRole('heading', { name: 'New registry', level: 1 }).waitFor();
    await page.getByLabel('Registry type').selectOption('V2-Private');
    await page.getByLabel('Registry URL').fill(`http://${registry.host}`);
    await page.getByLabel('Credential type').selectOption('BasicAuth');
    await page.getByLabel('User name').fill(registry.username);
    await page.getByLabel('Password').fill(registry.password);
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.getByText('The configuration is valid.').waitFor();
    await env.shot('36-registry-new');
    await page.getByRole('button', { name: 'Create registry' }).click();
    await page.getByRole('heading', { name: `Registry http://${registry.host}`, level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Scan jobs' }).waitFor();
    await page.getByRole('button', { name: 'Scan now' }).click();
    const job = page.getByRole('row').filter({ hasText: 'On demand' });
    await job.waitFor();
    assert.match(await job.innerText(), /\b(Queued|Running|Completed|Failed)\b/);
    await env.shot('37-registry-details');
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    const stored = await env.api<{ registryUri: string; credentialType: string; username: string | null }>(
      `/csapi/v1.1/registry/${id}`,
    );
    assert.equal(stored.registryUri, `http://${registry.host}`);
    assert.equal(stored.credentialType, 'BasicAuth');
    await page.getByRole('link', { name: 'Registries' }).first().click();
    await page.getByRole('link', { name: `http://${registry.host}` }).waitFor();
    await env.shot('38-registries-list');
  });

  it('shows a scan job’s per-image errors, refuses a second run and deleting the registry while it scans', async () => {
    const { page } = env;
    const registries = await env.api<{ data: { registryUuid: string; registryUri: string }[] }>(
      '/csapi/v1.1/registry',
    );
    const id = registries.data.find((r) => r.registryUri === `http://${testRegistry().host}`)?.registryUuid;
    assert.ok(id);
    await page.goto(`${env.url}/registries/${id}`);
    await page.getByRole('heading', { name: 'Scan jobs' }).waitFor();
    // The registry sensor's part, played through its job repository: claim the job the
    // "Scan now" above queued (once the server has listed its images), report one image
    // failed, finish it.
    let claimed = await claimJob(env.scope, env.seeded.sensors.active, Date.now());
    for (let i = 0; !claimed && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 100));
      claimed = await claimJob(env.scope, env.seeded.sensors.active, Date.now());
    }
    assert.ok(claimed && claimed.images.length > 0, 'the on-demand job was never listed');
    const state = page.getByRole('row').filter({ hasText: 'On demand' }).getByTestId('schedule-state');
    await state.getByText('Running').waitFor();

    env.expectFailure.add(`DELETE ${env.url}/csapi/v1.1/registry/${id}`);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Delete registry' }).click();
    const refused = page.getByTestId('delete-registry-error');
    await refused.waitFor();
    assert.match(await refused.innerText(), /Not deleted: .*"Running" state/);
    assert.equal((await env.api<{ registryUuid: string }>(`/csapi/v1.1/registry/${id}`)).registryUuid, id);
    await env.shot('38a-registry-delete-refused');

    const [bad, ...good] = claimed.images;
    assert.ok(bad);
    await recordResults(
      env.scope,
      claimed.id,
      [
        { ...bad, status: 'failed', error: 'manifest unknown to the registry' },
        ...good.map((g) => ({ ...g, status: 'scanned' as const, imageId: 'a'.repeat(12) })),
      ],
      Date.now(),
    );
    await finishJob(env.scope, claimed.id, 'Completed', undefined, Date.now());
    const failures = state.getByRole('list', { name: 'Images that failed' });
    await failures.waitFor();
    const ref = bad.digest ? `${bad.repository}@${bad.digest}` : `${bad.repository}:${bad.tag ?? 'latest'}`;
    assert.equal(await failures.innerText(), `${ref}: manifest unknown to the registry`);
    assert.match(
      await state.innerText(),
      new RegExp(`Completed ${good.length} of ${claimed.images.length} scanned, 1 failed`),
    );
    // Completed with a failed image is not shown as a success.
    assert.match((await state.locator('.status-pill').getAttribute('class')) ?? '', /\bbad\b/);
    await env.shot('38b-registry-job-image-error');

    const run = page.getByRole('button', { name: /^Run scan job On demand .* now$/ });
    await run.click();
    await state.getByText('Queued').waitFor();
    env.expectFailure.add(`POST ${env.url}/csapi/v1.1/registry/${id}/schedule/`);
    await run.click();
    await page.getByRole('alert').filter({ hasText: 'already has a queued or running scan job' }).waitFor();
  });

  it('is usable at phone width (settings and registry form)', async () => {
    const { page } = env;
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, heading, shot] of [
      ['/settings/retention', 'Data retention', '39-phone-retention'],
      ['/settings/sensors', 'Sensor configuration', '40-phone-sensor-config'],
      ['/settings/users', 'Users', '41-phone-users'],
      ['/settings/activation-keys', 'Activation keys', '42-phone-activation-keys'],
      ['/registries/new', 'New registry', '43-phone-registry-new'],
    ] as const) {
      await page.goto(`${env.url}${path}`);
      await page.getByRole('heading', { name: heading }).first().waitFor();
      await page
        .locator('.state-loading')
        .first()
        .waitFor({ state: 'detached' })
        .catch(() => {});
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      assert.ok(overflow <= 1, `${path} scrolls sideways by ${overflow}px at phone width`);
      await env.shot(shot);
    }
  });

  it('saw no console error and no failed request', () => {
    assert.deepEqual(env.problems, []);
  });
});
