// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText() is the rendered text a user reads
/**
 * The web console in a real Chromium against a real `bulwark server` app (see
 * console-harness.ts): login, dashboard counts against the API, custom dashboard widgets
 * added / edited / resized / removed and found after reload, QQL search with autocomplete
 * and an invalid query, sorting, image and container details with the rogue differences,
 * the equivalent API request run with curl, API tokens, deleting an UNKNOWN sensor, and
 * every screen at desktop and phone width. Screenshots go to test-output/console/.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { type ConsoleEnv, PASSWORD, startConsole, USER } from './console-harness.js';

const exec = promisify(execFile);
const savedDashboard = (r: { url(): string; request(): { method(): string } }) =>
  r.url().includes('/csapi/v1.1/dashboards/') && r.request().method() === 'PUT';
interface Page<T> {
  data: T[];
  count: number;
}

describe('web console in Chromium', { timeout: 240_000 }, () => {
  let env: ConsoleEnv;
  let token = '';
  before(async () => {
    env = await startConsole();
  });
  after(async () => {
    await env?.close();
  });
  const nav = (name: string) =>
    env.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  const text = async (selector: string) => (await env.page.locator(selector).first().innerText()).trim();
  /** The list's rows once it has loaded: the heading shows before the data arrives. */
  const rowsOnceLoaded = async (expected: number) => {
    const rows = env.page.locator('tbody tr');
    if (expected > 0) await rows.nth(expected - 1).waitFor();
    return rows.count();
  };
  const count = async (path: string) =>
    (await env.api<Page<unknown>>(`${path}${path.includes('?') ? '&' : '?'}pageSize=1`)).count;

  it('logs in and shows the default dashboard with the API’s counts', async () => {
    const { page } = env;
    await page.goto(env.url);
    await page.getByLabel('User name').waitFor();
    await env.shot('01-login');
    await page.getByLabel('User name').fill(USER);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const images = page.getByTestId('widget-images').locator('.big-number');
    await page.waitForFunction(
      `!document.querySelector('[data-testid="widget-images"] .big-number')?.textContent?.includes('…')`,
    );
    assert.equal(Number(await images.innerText()), await count('/csapi/v1.1/images'));
    assert.equal(
      Number(await text('[data-testid="widget-containers"] .big-number')),
      await count('/csapi/v1.1/containers'),
    );
    assert.equal(
      Number(await text('[data-testid="widget-sensors"] .big-number')),
      await count('/csapi/v1.1/sensors'),
    );
    const sev5 = page.getByTestId('widget-image-sev').getByRole('link', { name: /severity:5: / });
    await sev5.waitFor();
    assert.match(
      await sev5.innerText(),
      new RegExp(`: ${await count('/csapi/v1.1/images?filter=vulnerabilities.severity%3A5')}$`),
    );
    await page.getByTestId('widget-events-24h').locator('canvas').waitFor();
    await page.getByTestId('widget-container-state').locator('canvas').waitFor();
    await env.shot('02-dashboard-default');
  });

  it('creates an API token from the user menu', async () => {
    const { page } = env;
    await page.getByRole('button', { name: `${USER} ▾` }).click();
    await page.getByRole('menuitem', { name: 'API tokens' }).click();
    await page.getByLabel('Token name').fill('e2e curl');
    await page.getByRole('button', { name: 'Create token' }).click();
    token = await page.getByTestId('new-token').innerText();
    assert.match(token, /^bwk/);
    await page.getByRole('cell', { name: 'e2e curl', exact: true }).waitFor();
    await env.shot('03-api-tokens');
  });

  it('adds, edits, resizes and removes widgets of a custom dashboard, kept after reload', async () => {
    const { page } = env;
    await nav('Dashboard').click();
    await page.getByRole('button', { name: '+ New dashboard' }).click();
    await page.getByPlaceholder('Dashboard name').fill('Critical');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('button', { name: 'Add widget' }).click();
    await page.getByLabel('Title').fill('Severity 5 images');
    await page.getByLabel('QQL query').fill('vulnerabilities.severity:5');
    await page.getByRole('button', { name: 'Save widget' }).click();
    await page.getByRole('heading', { name: 'Severity 5 images' }).waitFor();
    await page.getByRole('button', { name: 'Add widget' }).click();
    await page.getByLabel('Title').fill('Containers by state');
    await page.getByLabel('Entity').selectOption('containers');
    await page.getByLabel('Visualisation').selectOption('pie');
    await page.getByLabel('Group by token').fill('state');
    await page.getByRole('button', { name: 'Save widget' }).click();
    await page.getByRole('heading', { name: 'Containers by state' }).waitFor();
    await page.getByRole('button', { name: 'Edit widget Severity 5 images' }).click();
    await page.getByLabel('Title').fill('Critical images');
    await page.getByRole('button', { name: 'Save widget' }).click();
    const resized = page.waitForResponse(savedDashboard);
    await page.getByLabel('Size of Critical images').selectOption('large');
    await resized;
    await page.reload();
    const widget = page.locator('article', { has: page.getByRole('heading', { name: 'Critical images' }) });
    await widget.waitFor();
    assert.match((await widget.getAttribute('class')) ?? '', /widget-large/);
    await page.waitForFunction(
      `[...document.querySelectorAll('.big-number')].every((e) => !e.textContent.includes('…'))`,
    );
    assert.equal(
      Number(await widget.locator('.big-number').innerText()),
      await count('/csapi/v1.1/images?filter=vulnerabilities.severity%3A5'),
    );
    // The unchecked image is in no vulnerability count: the widget names it apart.
    assert.equal(
      await widget.getByTestId('unchecked-note').innerText(),
      `${await count('/csapi/v1.1/images?filter=scanError%3A*')} image not checked`,
    );
    await page.locator('.widget canvas').first().waitFor();
    await env.shot('04-dashboard-custom');
    const saved = await env.api<{ name: string; widgets: { title: string }[] }[]>('/csapi/v1.1/dashboards');
    assert.deepEqual(
      saved.map((d) => [d.name, d.widgets.map((w) => w.title)]),
      [['Critical', ['Critical images', 'Containers by state']]],
    );

    // A segment opens the list filtered by its query.
    await page.getByRole('link', { name: 'state:RUNNING: 2' }).click();
    await page.getByRole('heading', { name: 'Containers', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('filter'), 'state:RUNNING');
    assert.equal(await rowsOnceLoaded(2), 2);
    await page.goBack();
    const removed = page.waitForResponse(savedDashboard);
    await page.getByRole('button', { name: 'Remove widget Containers by state' }).click();
    await removed;
    await page.reload();
    await page.getByRole('heading', { name: 'Critical images' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Containers by state' }).count(), 0);
  });

  it('searches images with QQL (autocomplete, sort, invalid query) and runs the equivalent curl', async () => {
    const { page } = env;
    await nav('Images').click();
    await page.getByRole('heading', { name: 'Images', level: 1 }).waitFor();
    const images = await count('/csapi/v1.1/images');
    assert.equal(await rowsOnceLoaded(images), images);
    await env.shot('05-images');
    const box = page.getByRole('combobox');
    await box.fill('vulnerabilities.sev');
    await page.getByRole('option', { name: 'vulnerabilities.severity:' }).waitFor();
    await box.press('ArrowDown');
    await box.press('Enter');
    assert.equal(await box.inputValue(), 'vulnerabilities.severity:');
    await box.pressSequentially('[4, 5]');
    await box.press('Enter');
    await page.waitForURL(/filter=/);
    await page.getByRole('button', { name: /Size/ }).click();
    await page.waitForURL(/sort=size%3Aasc/);
    const api = await env.api<Page<{ uuid: string }>>(
      `/csapi/v1.1/images?filter=${encodeURIComponent('vulnerabilities.severity:[4, 5]')}&sort=size:asc`,
    );
    assert.ok(api.data.length > 0);
    await page.waitForFunction(`document.querySelectorAll('tbody tr').length === ${api.data.length}`);
    const shownLinks = await page
      .locator('tbody tr a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(
      shownLinks,
      api.data.map((r) => `/assets/images/${r.uuid}`),
    );

    await page.getByText('Equivalent API request').click();
    await page.getByRole('button', { name: 'Copy the curl command' }).click();
    const curl = await page.evaluate<string>('navigator.clipboard.readText()');
    assert.equal(curl, await page.getByTestId('curl').innerText());
    assert.match(curl, /filter=vulnerabilities\.severity%3A%5B4%2C\+5%5D/);
    assert.match(curl, /sort=size%3Aasc/);
    const { stdout } = await exec('bash', ['-c', curl], { env: { ...process.env, BULWARK_TOKEN: token } });
    const viaCurl = JSON.parse(stdout) as Page<{ uuid: string }>;
    assert.deepEqual(
      viaCurl.data.map((r) => `/assets/images/${r.uuid}`),
      shownLinks,
    );
    await env.shot('06-images-filtered-sorted');

    env.expectFailure.add('vulnerabilites.severity');
    await box.fill('vulnerabilites.severity:5');
    await box.press('Enter');
    const alert = page.locator('.qql-error');
    await alert.waitFor();
    assert.match(await alert.innerText(), /unknown token/);
    assert.equal(await page.getByTestId('qql-error-underline').locator('mark').innerText(), 'v');
    await env.shot('07-images-invalid-qql');
  });

  it('opens image details (vulnerabilities, software, layers, associations)', async () => {
    const { page } = env;
    await page.goto(`${env.url}/assets/images/${env.seeded.images.vulnerable}`);
    await page.getByRole('heading', { name: /^Image / }).waitFor();
    await page.getByRole('cell', { name: 'CVE-2021-44228' }).waitFor();
    await env.shot('08-image-vulnerabilities');
    await page.getByRole('tab', { name: 'Software' }).click();
    await page.getByRole('cell', { name: 'libssl3' }).waitFor();
    await page.getByLabel('Patchable only').check();
    assert.equal(await page.getByRole('cell', { name: 'libssl3' }).count(), 0);
    await env.shot('09-image-software');
    await page.getByRole('tab', { name: 'Layers' }).click();
    await env.shot('10-image-layers');
    await page.getByRole('tab', { name: 'Containers and hosts' }).click();
    await page.getByRole('link', { name: 'competent_fermat_e2e' }).waitFor();
    await env.shot('11-image-associations');
  });

  it('shows the rogue differences of a container against its image', async () => {
    const { page } = env;
    await page.goto(`${env.url}/assets/containers/${env.rogueContainer}`);
    await page.getByRole('heading', { name: /rogue_netcat_e2e/ }).waitFor();
    const diff = page.getByTestId('rogue-diff');
    await diff.waitFor();
    assert.match(await diff.innerText(), /New software \(1\)\s*netcat-traditional 1\.10-47/);
    await env.shot('12-container-rogue');
    await page.goto(`${env.url}/assets/containers/${env.seeded.containers.running}`);
    await page.getByTestId('rogue-diff').waitFor();
    assert.match(await page.getByTestId('rogue-diff').innerText(), /Fixed vulnerabilities \(3\)/);
    await page.getByRole('tab', { name: 'Vulnerabilities' }).click();
    await page.getByText('Equivalent API request').last().click();
    assert.match(
      await page.getByTestId('curl').last().innerText(),
      /\/csapi\/v1\.1\/containers\/[0-9a-f-]+\/vuln'$/,
    );
    await env.shot('13-container-vulnerabilities');
  });

  it('never shows an asset the server could not check as clean', async () => {
    const { page } = env;
    const reason = /Not checked: the server has no vulnerability database yet/;
    await page.goto(`${env.url}/`);
    for (const [widget, path] of [
      ['widget-image-sev', '/csapi/v1.1/images'],
      ['widget-container-sev', '/csapi/v1.1/containers'],
    ] as const) {
      const link = page.getByTestId(widget).getByRole('link', { name: /^not checked: / });
      await link.waitFor();
      const unchecked = await count(`${path}?filter=scanError%3A*`);
      assert.equal(unchecked, 1);
      assert.equal(await link.innerText(), `not checked: ${unchecked}`);
    }
    await env.shot('14a-dashboard-not-checked');
    await page
      .getByTestId('widget-image-sev')
      .getByRole('link', { name: /^not checked: / })
      .click();
    await page.getByRole('heading', { name: 'Images', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('filter'), 'scanError:*');
    assert.equal(await rowsOnceLoaded(1), 1);
    const row = page.locator('tbody tr').first();
    assert.match(await row.innerText(), reason);
    assert.equal(await row.locator('.sev').count(), 0);
    await env.shot('14b-images-not-checked');

    await page.goto(`${env.url}/assets/images/${env.unchecked.image}`);
    await page.getByRole('heading', { name: /^Image / }).waitFor();
    assert.match(await page.locator('.facts').innerText(), reason);
    const tab = page.getByRole('tabpanel');
    await tab.getByTestId('not-checked').waitFor();
    assert.match(await tab.innerText(), reason);
    assert.doesNotMatch(await tab.innerText(), /No open vulnerabilities/);
    await env.shot('14c-image-not-checked');

    await page.goto(`${env.url}/assets/containers/${env.unchecked.container}`);
    await page.getByRole('heading', { name: /unchecked_e2e/ }).waitFor();
    const rogue = page.getByTestId('rogue-diff');
    await rogue.waitFor();
    assert.match(await rogue.innerText(), /Not compared: the container was not checked/);
    assert.doesNotMatch(await rogue.innerText(), /not rogue|Fixed vulnerabilities/);
    await page.getByRole('tab', { name: 'Vulnerabilities' }).click();
    await page.getByRole('tabpanel').getByTestId('not-checked').waitFor();
    assert.match(await page.getByRole('tabpanel').innerText(), reason);
    await env.shot('14d-container-not-checked');

    await nav('Vulnerabilities').click();
    const notice = page.getByTestId('unchecked-notice');
    await notice.waitFor();
    assert.match(await notice.innerText(), /^1 image and 1 container could not be checked/);
    await notice.getByRole('link', { name: '1 container' }).click();
    await page.getByRole('heading', { name: 'Containers', level: 1 }).waitFor();
    assert.equal(await rowsOnceLoaded(1), 1);
    assert.match(await page.locator('tbody tr').first().innerText(), reason);
  });

  it('shows the inventory lists: containers, vulnerabilities, software, events, registries, settings', async () => {
    const { page } = env;
    for (const [name, heading, shot] of [
      ['Containers', 'Containers', '14-containers'],
      ['Vulnerabilities', 'Vulnerabilities', '15-vulnerabilities'],
      ['Software', 'Software', '16-software'],
      ['Events', 'Events', '17-events'],
      ['Registries', 'Registries', '18-registries'],
      ['Settings', 'Settings', '19-settings'],
    ] as const) {
      await nav(name).click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      if (name !== 'Settings') await page.locator('tbody tr').first().waitFor();
      await env.shot(shot);
    }
    await nav('Vulnerabilities').click();
    await page
      .getByRole('row', { name: /CVE-2021-44228/ })
      .getByRole('link')
      .first()
      .click();
    await page.waitForURL(/assets\/images\?filter=vulnerabilities\.qid/);
    await page.getByRole('heading', { name: 'Images', level: 1 }).waitFor();
    await page.waitForFunction(`document.querySelectorAll('tbody tr').length === 1`);
  });

  it('deletes an image from the list, and shows why an image with active containers stays', async () => {
    const { page } = env;
    const row = (uuid: string) =>
      page.getByRole('row').filter({ has: page.locator(`a[href="/assets/images/${uuid}"]`) });
    await nav('Images').click();
    await page.getByRole('heading', { name: 'Images', level: 1 }).waitFor();
    await row(env.seeded.images.vulnerable).waitFor();
    // The server refuses (409) a deletion whose every target has active containers.
    env.expectFailure.add(`DELETE ${env.url}/csapi/v1.1/images`);
    page.once('dialog', (d) => void d.accept());
    await row(env.seeded.images.vulnerable)
      .getByRole('button', { name: /^Delete image/ })
      .click();
    await row(env.seeded.images.vulnerable).getByRole('alert').waitFor();
    assert.match(await row(env.seeded.images.vulnerable).getByRole('alert').innerText(), /active containers/);
    await env.shot('22-images-delete-refused');
    const before = await count('/csapi/v1.1/images');
    page.once('dialog', (d) => void d.accept());
    await row(env.seeded.images.registryOnly)
      .getByRole('button', { name: /^Delete image/ })
      .click();
    await row(env.seeded.images.registryOnly).waitFor({ state: 'detached' });
    assert.equal(await count('/csapi/v1.1/images'), before - 1);
  });

  it('deletes a sensor in UNKNOWN status, and only that one', async () => {
    const { page } = env;
    page.once('dialog', (d) => void d.accept());
    await nav('Sensors').click();
    await page.getByRole('heading', { name: 'Sensors', level: 1 }).waitFor();
    await page.locator('tbody tr').first().waitFor();
    assert.equal(await page.getByRole('button', { name: /^Delete sensor/ }).count(), 1);
    await env.shot('20-sensors');
    await page.getByRole('button', { name: 'Delete sensor cms-e2e' }).click();
    await page.waitForFunction(`document.querySelectorAll('tbody tr').length === 1`);
    assert.equal(await count('/csapi/v1.1/sensors'), 1);
    await env.shot('21-sensors-after-delete');
  });

  it('is readable at phone width, then logs out', async () => {
    const { page } = env;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${env.url}/`);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.locator('.widget canvas').first().waitFor();
    await env.shot('23-phone-dashboard');
    await page.goto(`${env.url}/assets/images`);
    await page.locator('tbody tr').first().waitFor();
    await env.shot('24-phone-images');
    await page.getByRole('button', { name: 'Menu' }).click();
    await env.shot('25-phone-menu');
    await page.getByRole('button', { name: `${USER} ▾` }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.getByLabel('User name').waitFor();
  });

  it('saw no console error and no failed request', () => {
    assert.deepEqual(env.problems, []);
  });
});
