import { type Page } from '@playwright/test';
import { port } from '../playwright.config';
import { test, expect, connectWithToken, demoState, resetDemo, setFaults, token, row, signIn, configureBehindTheBack, settled } from './helpers';

const LS = 'LIVEBOARD_SCHEDULE';
const shots = 'test-results/screens';

test.beforeEach(async ({ request }) => {
  await resetDemo(request);
});

/** Four edits: cluster default EMAIL+WEBHOOK, Primary overridden to WEBHOOK,
 *  Sales EMEA set to none, Finance reset to the default. */
async function makeEdits(page: Page) {
  const cluster = page.locator('.cluster');
  await cluster.getByLabel('EMAIL').check();
  await cluster.getByLabel('WEBHOOK').check();
  await page.getByLabel('Mode for Primary').selectOption('override');
  await page.getByLabel('EMAIL for Primary', { exact: true }).uncheck();
  await page.getByLabel('WEBHOOK for Primary', { exact: true }).check();
  await page.getByLabel('EMAIL for Sales EMEA', { exact: true }).uncheck();
  await page.getByLabel('WEBHOOK for Sales EMEA', { exact: true }).uncheck();
  await page.getByLabel('Mode for Finance').selectOption('inherit');
}

const expectedBody = {
  cluster_preferences: [{ event_type: LS, channels: ['EMAIL', 'WEBHOOK'] }],
  org_preferences: [
    { org_identifier: '583464508', operation: 'RESET', reset_events: [LS] },
    { org_identifier: '0', operation: 'REPLACE', preferences: [{ event_type: LS, channels: ['WEBHOOK'] }] },
    { org_identifier: '2100019165', operation: 'REPLACE', preferences: [{ event_type: LS, channels: [] }] },
  ],
};

test('edit, review the exact request, save in one configure call, and see it confirmed', async ({ page, request }) => {
  await connectWithToken(page);
  await expect(page.getByTestId('org-count')).toHaveText('15 of 15 Orgs');
  await expect(page.getByTestId('cluster-server')).toHaveText('never set (schedules go to email)');
  await expect(row(page, 'Legal').locator('td.effective')).toHaveText('none (all channels off)');
  await expect(row(page, 'Primary').locator('td.effective')).toHaveText('EMAIL (default)');
  await page.screenshot({ path: `${shots}/orgs.png`, fullPage: true });

  await makeEdits(page);
  const changes = page.getByTestId('changes').locator('li');
  await expect(changes).toHaveCount(4);
  await expect(changes.nth(0)).toHaveText(`Cluster default for ${LS}: never set (schedules go to email) → EMAIL, WEBHOOK`);
  await expect(page.getByTestId('changes')).toContainText('Finance (id 583464508), LIVEBOARD_SCHEDULE: override: EMAIL → inherits the cluster default');
  await expect(page.getByTestId('changes')).toContainText('Sales EMEA (id 2100019165), LIVEBOARD_SCHEDULE: override: EMAIL, WEBHOOK → override: none (all channels off)');
  const shown = JSON.parse(await page.getByTestId('request-body').innerText());
  expect(shown).toEqual(expectedBody);
  // Inheriting Orgs now show the new default as their effective channels.
  await expect(row(page, 'Support').locator('td.effective')).toHaveText('EMAIL, WEBHOOK (default)');
  await page.screenshot({ path: `${shots}/review.png`, fullPage: true });

  // Nothing was sent before Save.
  expect((await demoState(request)).configure_log).toEqual([]);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Saved. The server now holds 4 of 4 change(s).');
  await page.screenshot({ path: `${shots}/saved.png`, fullPage: true });

  const state = await demoState(request);
  expect(state.configure_log).toEqual([expectedBody]);
  expect(state.calls['/api/rest/2.0/system/preferences/communication-channels/configure']).toBe(1);
  const orgs = Object.fromEntries(state.cluster.orgs.map((o: any) => [o.name, o.preferences]));
  expect(state.cluster.defaults).toEqual({ [LS]: ['EMAIL', 'WEBHOOK'] });
  expect(orgs['Primary']).toEqual({ [LS]: ['WEBHOOK'] });
  expect(orgs['Sales EMEA']).toEqual({ [LS]: [] });
  expect(orgs['Finance']).toEqual({});
  expect(orgs['Marketing']).toEqual({ [LS]: ['WEBHOOK'] });
  // The panel now shows the saved state and no pending change.
  await expect(page.getByRole('heading', { name: /Review/ })).toHaveText('Review (no pending changes)');
  await expect(page.getByTestId('cluster-server')).toHaveText('EMAIL, WEBHOOK');
  await expect(row(page, 'Finance').getByLabel('Mode for Finance')).toHaveValue('inherit');
  // Nothing pending is left in this browser once the server holds it; the save is in the journal.
  // Only this tab's part of the journal is left: the draft went with the save.
  const keys = await page.evaluate(() => Object.keys(localStorage));
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatch(new RegExp(`^tspanel\\.journal\\.v1:http://127\\.0\\.0\\.1:${port}#[0-9a-f]+$`));
});

test('undo and edits back to the server value leave nothing to send', async ({ page }) => {
  await connectWithToken(page);
  await page.getByLabel('WEBHOOK for Finance', { exact: true }).check();
  await expect(page.getByTestId('changes').locator('li')).toHaveCount(1);
  await page.getByLabel('WEBHOOK for Finance', { exact: true }).uncheck();
  await expect(page.getByRole('heading', { name: /Review/ })).toHaveText('Review (no pending changes)');
  await page.getByLabel('Mode for Legal').selectOption('inherit');
  await row(page, 'Legal').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('heading', { name: /Review/ })).toHaveText('Review (no pending changes)');
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
});

test('copy as curl uses a placeholder unless the token is asked for', async ({ page, secrets }) => {
  await connectWithToken(page);
  await page.getByLabel('Mode for Legal').selectOption('inherit');
  await page.getByRole('button', { name: 'Copy as curl' }).click();
  const curl = page.getByTestId('curl');
  await expect(curl).toContainText('Authorization: Bearer $TS_TOKEN');
  await expect(curl).toContainText('/api/rest/2.0/system/preferences/communication-channels/configure');
  await expect(curl).toContainText(`"org_identifier":"1170024401","operation":"RESET"`);
  await expect(curl).not.toContainText(token);
  secrets.optIn('curl');
  await page.getByLabel('include my token in the curl').check();
  await page.getByRole('button', { name: 'Copy as curl' }).click();
  await expect(curl).toContainText(`Authorization: Bearer ${token}`);
});

test('filter by name or id, and look an Org up with the API filter', async ({ page, request }) => {
  await connectWithToken(page);
  await page.getByLabel('Filter', { exact: true }).fill('sales');
  await expect(page.getByTestId('org-count')).toHaveText('2 of 15 Orgs');
  await page.getByLabel('Filter', { exact: true }).fill('583464508');
  await expect(page.locator('.org-table tbody tr')).toHaveCount(1);
  // Changed behind the panel's back, then looked up: the row is refreshed.
  await configureBehindTheBack(request, {
    org_preferences: [{ org_identifier: 'Finance', operation: 'REPLACE', preferences: [{ event_type: LS, channels: ['WEBHOOK'] }] }],
  });
  await page.getByLabel('Look up on the server').fill('Finance');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByText('Refreshed 1 Org(s) from the server.')).toBeVisible();
  await expect(row(page, 'Finance').locator('td.effective')).toHaveText('WEBHOOK');
  const calls = (await demoState(request)).calls;
  expect(calls['/api/rest/2.0/system/preferences/communication-channels/search']).toBe(2);
});

test('org names are text, never markup', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await connectWithToken(page);
  const cell = page.locator('.org-table td.name', { hasText: 'Bold' });
  await expect(cell).toHaveText('<b>Bold</b> & <i>Co</i>');
  await expect(page.locator('.org-table td.name b')).toHaveCount(0);
  await expect(page.locator('.org-table td.name i')).toHaveCount(0);
  await expect(page.locator('.org-table td.name', { hasText: 'Zürich Analytics' })).toBeVisible();
  expect(dialogs).toBe(0);
});

test('a 500 on save keeps the draft, and Retry sends it', async ({ page, request }) => {
  await connectWithToken(page);
  await makeEdits(page);
  await setFaults(request, { status: 500, path: 'configure', times: 1 });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Server error (HTTP 500, code 10038)');
  await expect(page.getByText('Your changes are kept.')).toBeVisible();
  await expect(page.getByTestId('changes').locator('li')).toHaveCount(4);
  await page.screenshot({ path: `${shots}/error.png`, fullPage: true });
  await page.getByRole('button', { name: 'Retry save' }).click();
  await expect(page.getByRole('status')).toContainText('4 of 4');
  expect((await demoState(request)).configure_log).toEqual([expectedBody]);
});

test('a 401 on save asks for a new sign-in, keeps the draft, and the same save succeeds', async ({ page, request }) => {
  await connectWithToken(page);
  await makeEdits(page);
  await settled(page);
  await setFaults(request, { unauthorized_after: 0 });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'The session has expired: sign in again' })).toBeVisible();
  await expect(page.getByTestId('changes').locator('li')).toHaveCount(4);
  await signIn(page, 'admin');
  await expect(page.getByRole('heading', { name: 'The session has expired: sign in again' })).toHaveCount(0);
  await expect(page.getByTestId('changes').locator('li')).toHaveCount(4);
  await page.getByRole('button', { name: 'Retry save' }).click();
  await expect(page.getByRole('status')).toContainText('4 of 4');
  expect((await demoState(request)).configure_log).toEqual([expectedBody]);
});

test('a hang past the time limit is cancelled and keeps the draft', async ({ page, request }) => {
  await page.goto('/');
  await page.getByText('Advanced', { exact: true }).click();
  await page.getByLabel('Request time limit (seconds)').fill('4');
  await page.getByLabel('Bearer token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
  await makeEdits(page);
  await setFaults(request, { hang: true, path: 'configure', times: 1 });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('No answer within 4 s', { timeout: 12_000 });
  await expect(page.getByTestId('changes').locator('li')).toHaveCount(4);
  await page.getByRole('button', { name: 'Retry save' }).click();
  await expect(page.getByRole('status')).toContainText('4 of 4');
});

test('a developer may try the cluster default: the refusal is explained and the Org changes go without it', async ({ page, request }) => {
  await page.goto('/');
  await signIn(page, 'developer');
  await expect(page.getByTestId('cluster-server')).toHaveText('never set (schedules go to email)');
  await expect(page.getByTestId('cluster-try')).toContainText('Save will try, and explain a refusal');
  await page.locator('.cluster').getByLabel('WEBHOOK').check();
  await page.getByLabel('Mode for Legal').selectOption('inherit');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const refused = page.getByTestId('cluster-refused-save');
  await expect(refused).toContainText('Nothing was saved: ThoughtSpot refused the cluster default change');
  await expect(refused).toContainText('HTTP 403');
  expect((await demoState(request)).configure_log).toEqual([]);
  await refused.getByRole('button', { name: 'Save without the cluster default change' }).click();
  await expect(page.getByRole('status')).toContainText('Saved. The server now holds 1 of 1 change(s).');
  expect((await demoState(request)).configure_log).toEqual([
    { org_preferences: [{ org_identifier: '1170024401', operation: 'RESET', reset_events: [LS] }] },
  ]);
});
