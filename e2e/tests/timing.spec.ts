import { test, expect, saveUnderWay, connectWithToken, connectHere, demoState, resetDemo, hold, settled, signIn, row, token } from './helpers';
import type { Page } from '@playwright/test';

// Every kind of call the panel makes, its answer held back while the admin
// clicks Disconnect, Cancel or another screen; then the answer arrives. The
// watcher of every test fails on any error the page did not catch (a panic
// aborts the wasm module), and each test checks the panel still works after.

test.beforeEach(async ({ request }) => {
  await resetDemo(request);
});

const PREFS_SEARCH = '/system/preferences/communication-channels/search';

async function disconnect(page: Page) {
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByLabel('Bearer token', { exact: true })).toBeVisible();
}

/** The panel still works: connect again and see the Orgs. */
async function stillWorks(page: Page) {
  if (await page.getByRole('button', { name: 'Disconnect' }).isVisible()) await disconnect(page);
  await connectHere(page);
  // Signed in again, the panel is where the URL says: go to the preferences.
  await screen(page, 'Channel preferences');
  await expect(page.getByTestId('org-count')).toHaveText('15 of 15 Orgs');
}

const screen = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();

for (const [what, path] of [
  ['the preference search', PREFS_SEARCH],
  ['orgs/search', '/orgs/search'],
  ['the webhook list of the load', '/webhooks/search'],
  ['the release (GET /system)', '/system'],
] as const) {
  test(`the load's ${what} answers after Disconnect`, async ({ page }) => {
    const held = await hold(page, (p) => p === path);
    await connectWithToken(page);
    await held.waitFor();
    await disconnect(page);
    await held.release();
    await page.waitForTimeout(300);
    await page.unroute('**/api/rest/2.0/**');
    await stillWorks(page);
  });
}

test('a delivery history read answers after Disconnect, and after another screen', async ({ page }) => {
  const held = await hold(page, (p) => p.startsWith('/jobs/history'));
  await connectWithToken(page);
  await held.waitFor();
  await screen(page, 'Save journal');
  await disconnect(page);
  await held.release();
  await page.unroute('**/api/rest/2.0/**');
  await stillWorks(page);
});

test('a lookup answers after another screen, and the Orgs table is as it was', async ({ page }) => {
  await connectWithToken(page);
  await settled(page);
  const held = await hold(page, (p) => p === PREFS_SEARCH);
  await page.getByLabel('Look up on the server').fill('Finance');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await held.waitFor();
  await screen(page, 'Webhooks');
  await held.release();
  await screen(page, 'Channel preferences');
  await expect(page.getByTestId('org-count')).toContainText('of 15 Orgs');
});

test('a save in flight on Disconnect finishes: recorded, and said', async ({ page, request }) => {
  const held = await saveUnderWay(page);
  await disconnect(page);
  await held.release();
  await expect(page.getByText(/a save by admin \(Primary \(id 0\)\) finished after you disconnected/)).toBeVisible();
  expect((await demoState(request)).configure_log).toHaveLength(1);
  await page.unroute('**/api/rest/2.0/**');
  await stillWorks(page);
  await screen(page, 'Save journal');
  await expect(page.getByTestId('journal-count')).toHaveText('1 save(s)');
});

test('the read-back after a save answers after another screen', async ({ page }) => {
  await connectWithToken(page);
  await settled(page);
  await page.getByLabel('Mode for Support').selectOption('override');
  let searches = 0;
  const held = await hold(page, (p) => p === PREFS_SEARCH && ++searches === 2);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await held.waitFor();
  await screen(page, 'Webhooks');
  await held.release();
  await expect(page.getByText('Saved: one configure call sent and checked.')).toBeVisible();
  await screen(page, 'Channel preferences');
  await expect(page.getByRole('heading', { name: /Review/ })).toHaveText('Review (no pending changes)');
});

test('signing in again: Cancel while the sign-in is under way', async ({ page }) => {
  await connectWithToken(page);
  await settled(page);
  // An expired token on the next read opens the sign-in-again form.
  await page.route(`**/api/rest/2.0${PREFS_SEARCH}`, (r) =>
    r.fulfill({ status: 401, contentType: 'application/json', body: '{"error":{"message":{"code":10097}}}' }), { times: 1 });
  await page.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('heading', { name: 'The session has expired: sign in again' })).toBeVisible();
  const held = await hold(page, (p) => p === '/auth/token/full');
  await page.getByLabel('With username and password').check();
  await page.getByLabel('Password', { exact: true }).fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await held.waitFor();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await held.release();
  await page.waitForTimeout(300);
  // Cancelled: the form is gone, still signed in with the earlier token.
  await expect(page.getByText('Signed in as')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The session has expired: sign in again' })).toHaveCount(0);
});

test('the webhook list answers after another screen', async ({ page }) => {
  await connectWithToken(page);
  await settled(page);
  const held = await hold(page, (p) => p === '/webhooks/search');
  await screen(page, 'Webhooks');
  await held.waitFor();
  await screen(page, 'Save journal');
  await held.release();
  await screen(page, 'Webhooks');
  await expect(page.getByTestId('webhook-count')).toHaveText('1–3 of 3');
});

async function webhooksScreen(page: Page) {
  await connectWithToken(page);
  await settled(page);
  await screen(page, 'Webhooks');
  await expect(page.getByTestId('webhook-count')).toHaveText('1–3 of 3');
}

test('a webhook create in flight on Cancel finishes and says so', async ({ page, request }) => {
  await webhooksScreen(page);
  await page.getByRole('button', { name: 'New webhook' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Primary schedules');
  await page.getByLabel('URL (https://)').fill('https://receiver.example.com/hook');
  const held = await hold(page, (p) => p === '/webhooks/create');
  await page.getByRole('button', { name: 'Create webhook' }).click();
  await held.waitFor();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await held.release();
  await expect(page.getByText('Saved webhook "Primary schedules".')).toBeVisible();
  expect((await demoState(request)).cluster.webhooks.map((w: any) => w.name)).toContain('Primary schedules');
});

test('a webhook update in flight on Disconnect finishes and says so, naming the host', async ({ page, request }) => {
  await webhooksScreen(page);
  await page.getByRole('button', { name: 'Edit HR schedules' }).click();
  await page.getByLabel('Description').fill('changed while leaving');
  const held = await hold(page, (p) => p.endsWith('/update'));
  await page.getByRole('button', { name: 'Save webhook' }).click();
  await held.waitFor();
  await disconnect(page);
  await held.release();
  await expect(page.getByText(/after you disconnected: Saved webhook "HR schedules"\./)).toBeVisible();
  const hr = (await demoState(request)).cluster.webhooks.find((w: any) => w.name === 'HR schedules');
  expect(hr.description).toBe('changed while leaving');
});

test('a webhook delete in flight when its dialog is closed finishes and says so', async ({ page, request }) => {
  await webhooksScreen(page);
  await page.getByRole('button', { name: 'Delete HR schedules' }).click();
  const held = await hold(page, (p) => p === '/webhooks/delete');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await held.waitFor();
  // The dialog is modal: Escape is the way out while the call is under way.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await screen(page, 'Save journal');
  await held.release();
  await expect(page.getByText('Deleted 1, failed 0.')).toBeVisible();
  expect((await demoState(request)).cluster.webhooks.map((w: any) => w.name)).not.toContain('HR schedules');
});

for (const [what, button, path] of [
  ['a test event', 'Send test event to HR schedules', '/system/communication-channels/validate'],
  ['a webhook\'s delivery history', 'Deliveries of HR schedules', '/jobs/history/communication-channels/search'],
] as const) {
  test(`${what} answers after another screen and after Disconnect`, async ({ page }) => {
    await webhooksScreen(page);
    const held = await hold(page, (p) => p === path);
    await page.getByRole('button', { name: button }).click();
    await held.waitFor();
    await screen(page, 'Channel preferences');
    await disconnect(page);
    await held.release();
    await page.unroute('**/api/rest/2.0/**');
    await stillWorks(page);
  });
}

test('a revert\'s read answers after another screen', async ({ page }) => {
  await connectWithToken(page);
  await settled(page);
  await page.getByLabel('Mode for Support').selectOption('override');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('1 of 1');
  await screen(page, 'Save journal');
  const held = await hold(page, (p) => p === PREFS_SEARCH);
  await page.getByRole('button', { name: /Revert the save of/ }).click();
  await held.waitFor();
  await screen(page, 'Webhooks');
  await held.release();
  await screen(page, 'Channel preferences');
  await expect(page.getByTestId('org-count')).toHaveText('15 of 15 Orgs');
});

test('a sign-in answers after the form went: no page error, signed in once', async ({ page }) => {
  await page.goto('/');
  const held = await hold(page, (p) => p === '/auth/session/user');
  await page.getByLabel('Bearer token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
  await held.waitFor();
  await page.reload();
  await held.release();
  await page.unroute('**/api/rest/2.0/**');
  await signIn(page, 'admin');
  await expect(page.getByTestId('org-count')).toHaveText('15 of 15 Orgs');
});
