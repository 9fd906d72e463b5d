import {
  test, expect, saveUnderWay, connectWithToken, connectHere, demoState, resetDemo, setFaults, token, row, signIn, hold, settled,
  configureBehindTheBack, watchErrors,
} from './helpers';
import { port, bigPort } from '../playwright.config';
import type { Page } from '@playwright/test';
import * as fs from 'fs';
import * as http from 'http';

// The panel as admins really use it: a host pasted from somewhere, another
// host while a save is under way, two tabs, a large file, a server that
// changed since the review, the panel inside another site, a server that
// lists no privileges.

const LS = 'LIVEBOARD_SCHEDULE';
const changes = (page: Page) => page.getByTestId('changes').locator('li');
const screen = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();

test.beforeEach(async ({ request }) => {
  await resetDemo(request);
});

test('a host the browser reads as another computer gets no token over plain http', async ({ page }) => {
  const reached: string[] = [];
  await page.route('http://evil.example/**', (r) => { reached.push(r.request().url()); return r.fulfill({ status: 404 }); });
  await page.goto('/');
  // Typed as a name under .localhost; the browser reads the backslash as a
  // path separator, so the host is evil.example.
  await page.getByLabel('ThoughtSpot host').fill('http://evil.example\\.localhost');
  await page.getByLabel('Bearer token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('alert')).toContainText('Plain http:// would send the token unencrypted to evil.example');
  await page.waitForTimeout(300);
  expect(reached).toEqual([]);
});

test('a save in flight when the admin connects elsewhere lands where it started', async ({ page }) => {
  const other = `http://localhost:${port}`;
  const held = await saveUnderWay(page);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await connectHere(page, other);
  // The other host's own load runs, with the save still under way.
  await expect(page.getByTestId('org-count')).toHaveText('15 of 15 Orgs');
  await settled(page);
  const readsThere: string[] = [];
  page.on('request', (r) => { if (r.url().startsWith(other) && r.url().endsWith('/search')) readsThere.push(r.url()); });
  await held.release();
  await expect(page.getByText(/On this site's proxy, a save by admin \(Primary \(id 0\)\) finished after you disconnected/)).toBeVisible();
  // Read back from the host it was made on, recorded in that host's journal.
  expect(readsThere).toEqual([]);
  await screen(page, 'Save journal');
  await expect(page.getByTestId('journal-count')).toHaveText('0 save(s)');
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await connectHere(page);
  await screen(page, 'Save journal');
  await expect(page.getByTestId('journal-count')).toHaveText('1 save(s)');
  await expect(page.getByTestId('journal')).toContainText('admin (Primary (id 0))');
});

test('two tabs on one host: each keeps its own draft, both saves are in the journal, a closed tab\'s work is offered back', async ({ page, context }) => {
  const other = await context.newPage();
  const otherErrors = watchErrors(other);
  await connectWithToken(page);
  await settled(page);
  await connectWithToken(other);
  await settled(other);
  await page.getByLabel('Mode for Support').selectOption('override');
  await other.getByLabel('Mode for Legal').selectOption('inherit');
  const drafts = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tspanel.draft')));
  await expect.poll(drafts).toHaveLength(2);

  // A reload of the first tab offers its own draft back, not the other's.
  await page.reload();
  await connectWithToken(page);
  const banner = page.getByRole('region', { name: 'Unsaved work found' });
  await expect(banner).toContainText('Unsaved work found: 1 pending change(s)');
  await banner.getByRole('button', { name: 'Restore' }).click();
  await expect(changes(page)).toHaveCount(1);
  await expect(page.getByTestId('changes')).toContainText('Support');

  // Both save; each removes its own draft only; both saves are recorded.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('1 of 1');
  await expect.poll(drafts).toHaveLength(1);
  await expect(changes(other)).toHaveCount(1);
  await other.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(other.getByRole('status')).toContainText('1 of 1');
  await expect.poll(drafts).toHaveLength(0);
  for (const p of [page, other]) {
    await screen(p, 'Save journal');
    await expect(p.getByTestId('journal-count')).toHaveText('2 save(s)');
  }

  // The other tab edits and goes away (closed, or crashed): a new tab is offered its work.
  await screen(other, 'Channel preferences');
  await other.getByLabel('Mode for Finance').selectOption('inherit');
  await expect.poll(drafts).toHaveLength(1);
  otherErrors.check();
  await other.close();
  const third = await context.newPage();
  const thirdErrors = watchErrors(third);
  await connectWithToken(third);
  const offered = third.getByRole('region', { name: 'Unsaved work found' });
  await expect(offered).toContainText('kept by a tab that was closed');
  await offered.getByRole('button', { name: 'Restore' }).click();
  await expect(changes(third)).toHaveCount(1);
  await expect(third.getByTestId('changes')).toContainText('Finance');
  // Still one draft: the new tab's, under its own key.
  await expect.poll(drafts).toHaveLength(1);
  thirdErrors.check();
});

test('importing a preference set of 50,000 names against 10,000 Orgs stays responsive and says it in counts', async ({ page, request }, info) => {
  const BIG = `http://127.0.0.1:${bigPort}`;
  expect((await request.post(`${BIG}/__demo/reset`)).status()).toBe(204);
  await page.goto(`${BIG}/`);
  await page.getByLabel('Bearer token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('org-count')).toHaveText('10015 of 10015 Orgs', { timeout: 30_000 });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export preferences (JSON)' }).click(),
  ]);
  const set = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  // This cluster's own set, three Orgs changed, and 39,985 names it does not have.
  for (const o of set.orgs.slice(0, 3)) o.preferences = { [LS]: ['WEBHOOK'] };
  set.cluster = null;
  for (let i = 0; i < 39_985; i++) set.orgs.push({ id: `x${i}`, name: `Elsewhere ${i}`, preferences: {} });
  expect(set.orgs).toHaveLength(50_000);
  const file = info.outputPath('big.json');
  fs.writeFileSync(file, JSON.stringify(set));
  await page.evaluate(() => {
    (window as any).__longest = 0;
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) (window as any).__longest = Math.max((window as any).__longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const started = Date.now();
  await page.getByLabel('Import preferences…').setInputFiles(file);
  const said = page.getByRole('status').first();
  await expect(said).toContainText('10015 Org(s) matched by name');
  const took = Date.now() - started;
  await expect(said).toContainText('Not found here (39985): Elsewhere 0, Elsewhere 1,');
  await expect(said).toContainText('and 39975 more.');
  await expect(changes(page)).toHaveCount(3);
  const longest = await page.evaluate(() => (window as any).__longest);
  console.log(`import of 50,000 names against 10,015 Orgs: ${took} ms to the message, longest task ${Math.round(longest)} ms`);
  expect(longest).toBeLessThan(2000);
  const [names] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the 39985 names not found' }).click(),
  ]);
  const lines = fs.readFileSync(await names.path(), 'utf8').trim().split('\n');
  expect(lines).toHaveLength(39_985);
  expect(lines[39_984]).toBe('Elsewhere 39984');
});

test('Save reads the server first: a body that would differ from the one reviewed is shown, not sent', async ({ page, request }) => {
  await connectWithToken(page);
  await settled(page);
  await page.getByLabel('Mode for Legal').selectOption('inherit');
  await page.getByLabel('Mode for Support').selectOption('override');
  const body = page.getByTestId('request-body');
  await expect(body).toContainText('1170024401');
  // Another admin resets Legal meanwhile: the draft's change for it is no longer needed.
  await configureBehindTheBack(request, {
    org_preferences: [{ org_identifier: 'Legal', operation: 'RESET', reset_events: [LS] }],
  });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const changed = page.getByTestId('body-changed');
  await expect(changed).toContainText('Nothing was sent: the server changed since you reviewed');
  await expect(changed).toContainText('Legal (id 1170024401): no longer sent');
  expect((await demoState(request)).configure_log).toHaveLength(1);
  await expect(body).not.toContainText('1170024401');
  await expect(changes(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Saved. The server now holds 1 of 1 change(s).');
  const log = (await demoState(request)).configure_log;
  expect(log).toHaveLength(2);
  expect(log[1].org_preferences.map((o: any) => o.org_identifier)).toEqual(['1889012345']);
});

test('another site cannot show the panel in a frame', async ({ page, secrets }) => {
  secrets.expectedRefusals.push(/frame-ancestors/);
  // Another origin on this computer, serving a page that frames the panel.
  const other = http.createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>other</title><iframe id="f" src="http://127.0.0.1:${port}/"></iframe>`);
  });
  await new Promise<void>((ok) => other.listen(0, '127.0.0.1', ok));
  const at = `http://127.0.0.1:${(other.address() as any).port}/`;
  try {
    const panelAnswered = page.waitForResponse(`http://127.0.0.1:${port}/`);
    await page.goto(at);
    const answer = await panelAnswered;
    expect(answer.headers()['x-frame-options']).toBe('DENY');
    expect(answer.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.waitForTimeout(500);
    // The browser refused to show it: the frame holds an error page, not the panel.
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    expect(frame.url()).not.toBe(`http://127.0.0.1:${port}/`);
    expect(await frame.locator('#token').count()).toBe(0);
  } finally {
    other.close();
  }
});

test('a server that lists no privileges: everything is offered and tried, a refusal explained', async ({ page, request }) => {
  await setFaults(request, { unlisted_privileges: true });
  await page.goto('/');
  await signIn(page, 'developer');
  await expect(page.getByText('privileges not listed by the server: the panel tries, and explains a refusal')).toBeVisible();
  await expect(page.getByTestId('org-count')).toHaveText('15 of 15 Orgs');
  await expect(page.getByLabel('Mode for Support')).toBeEnabled();
  await page.getByLabel('Mode for Support').selectOption('override');
  await page.locator('.cluster').getByLabel('WEBHOOK').check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  // A DEVELOPER may not change the cluster default here: explained, and the rest can go.
  await expect(page.getByTestId('cluster-refused-save')).toContainText('ThoughtSpot refused the cluster default change');
  await page.getByRole('button', { name: 'Save without the cluster default change' }).click();
  await expect(page.getByRole('status')).toContainText('Saved. The server now holds 1 of 1 change(s).');

  // A user with none of the privileges: the read is tried, and its 403 explained.
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await signIn(page, 'analyst');
  await expect(page.getByRole('alert')).toContainText('HTTP 403');
  await expect(page.getByRole('alert')).toContainText('Your privileges do not allow this call');
  await expect(page.getByTestId('no-prefs')).toHaveCount(0);
});
