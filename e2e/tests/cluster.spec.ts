import { type Page } from '@playwright/test';
import { test, expect, connectWithToken, demoState, callsLanded, resetDemo, setFaults, row, signIn, settled } from './helpers';
import { port } from '../playwright.config';

// The panel against the cluster an admin really has: a release between
// 10.14.0.cl and 26.8.0.cl, RBAC, a token scoped to one Org, a CORS allowlist,
// a busy server. The demo server checks every body against the spec's schemas.

const LS = 'LIVEBOARD_SCHEDULE';
const SEARCH = '/api/rest/2.0/system/preferences/communication-channels/search';

test.beforeEach(async ({ request }) => {
  await resetDemo(request);
});

async function newWebhook(page: Page, name: string) {
  await page.getByRole('button', { name: 'Webhooks', exact: true }).click();
  await page.getByRole('button', { name: 'New webhook' }).click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('URL (https://)').fill('https://hooks.example.com/' + name.replace(/ /g, '-'));
}

for (const release of ['10.14.0.cl', '26.4.0.cl', '26.8.0.cl']) {
  test(`on ${release}: the release is shown, a save works, and the webhook form offers only what the release has`, async ({ page, request }) => {
    await setFaults(request, { release });
    await connectWithToken(page);
    await expect(page.getByTestId('release')).toHaveText(`ThoughtSpot ${release}`);
    // The main flow: one edit, one configure call the strict server accepts.
    await page.getByLabel('Mode for Legal').selectOption('inherit');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('Saved. The server now holds 1 of 1 change(s).');
    expect((await demoState(request)).configure_log).toEqual([
      { org_preferences: [{ org_identifier: '1170024401', operation: 'RESET', reset_events: [LS] }] },
    ]);

    await newWebhook(page, `Ops ${release}`);
    const headers = page.getByLabel('Additional headers (Name: value, one a line)');
    const status = page.getByLabel('Status', { exact: true });
    if (release === '10.14.0.cl') {
      await expect(headers).toHaveCount(0);
      await expect(page.getByTestId('no-headers')).toHaveText('Additional headers needs ThoughtSpot 26.4.0.cl or later; this cluster runs 10.14.0.cl.');
      await expect(page.getByTestId('no-results')).toContainText('Test event needs ThoughtSpot 26.4.0.cl or later; this cluster runs 10.14.0.cl.');
    } else {
      await headers.fill('X-Team: ops');
    }
    if (release === '26.8.0.cl') {
      await status.selectOption('DISABLED');
    } else {
      await expect(status).toHaveCount(0);
      await expect(page.getByTestId('no-status')).toContainText('needs ThoughtSpot 26.7.0.cl or later');
    }
    await page.getByRole('button', { name: 'Create webhook' }).click();
    await expect(page.getByText(`Saved webhook "Ops ${release}".`)).toBeVisible();
    const made = (await demoState(request)).cluster.webhooks.find((w: any) => w.name === `Ops ${release}`);
    expect(made).toBeTruthy();
    expect(made.additional_headers ?? []).toEqual(release === '10.14.0.cl' ? [] : [{ key: 'X-Team', value: 'ops' }]);
    expect(made.status ?? null).toBe(release === '26.8.0.cl' ? 'DISABLED' : null);
    const sendTest = page.getByRole('button', { name: `Send test event to Ops ${release}` });
    if (release === '10.14.0.cl') {
      await expect(sendTest).toHaveCount(0);
    } else {
      await sendTest.click();
      await expect(page.getByTestId('test-result')).toContainText('SUCCESS');
    }
  });
}

test('without the right to read the release, the panel learns it from a 404 and explains', async ({ page, request }) => {
  await setFaults(request, { release: '26.2.0.cl' });
  await page.goto('/');
  await signIn(page, 'developer');
  // The Deliveries column asks for the history of the webhooks on screen; the
  // 404 it gets says the release is older than 26.4.0.cl (history is not Beta).
  await expect(page.getByTestId('release')).toHaveText('release older than 26.4.0.cl (from the cluster\'s answers)');
  await expect(page.getByTestId('deliveries-unavailable')).toContainText(
    'Delivery history needs ThoughtSpot 26.4.0.cl or later: this cluster answered that it has no such endpoint');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByRole('button', { name: 'Webhooks', exact: true }).click();
  await expect(page.getByTestId('no-results')).toContainText('Test event needs ThoughtSpot 26.4.0.cl or later');
  await expect(page.getByRole('button', { name: /Send test event/ })).toHaveCount(0);
  // And the form no longer offers fields newer than that.
  await page.getByRole('button', { name: 'New webhook' }).click();
  await expect(page.getByLabel('Additional headers (Name: value, one a line)')).toHaveCount(0);
});

test('a Beta API that answers 404 is called off, without guessing the release from it', async ({ page, request }) => {
  await page.goto('/');
  await signIn(page, 'developer');
  await expect(row(page, 'HR').locator('td.deliveries')).toContainText('8 failed');
  await settled(page);
  await page.getByRole('button', { name: 'Webhooks', exact: true }).click();
  await setFaults(request, { release: '26.2.0.cl' });
  await page.getByRole('button', { name: 'Send test event to HR schedules' }).click();
  await expect(page.getByTestId('no-results')).toContainText('Test event needs ThoughtSpot 26.4.0.cl or later: this cluster answered that it has no such endpoint');
  await expect(page.getByTestId('release')).toHaveText('release not known (the full panel is offered)');
  await expect(page.getByRole('button', { name: /^Deliveries of/ }).first()).toBeVisible();
});

const users: [string, RegExp[], RegExp[]][] = [
  // user, what the session bar lists as allowed, and as not allowed
  ['developer', [/read and edit Org overrides/, /manage webhooks/], [/list every Org/, /read the cluster's release/]],
  ['appadmin', [/read and edit Org overrides/], [/manage webhooks/, /list every Org/]],
  ['webhooks', [/manage webhooks/], [/read and edit Org overrides/]],
  ['orgadmin', [/list every Org/], [/read and edit Org overrides/, /manage webhooks/]],
  ['sysinfo', [/read the cluster's release/], [/read and edit Org overrides/]],
  ['analyst', [], [/read and edit Org overrides/, /manage webhooks/, /list every Org/]],
];

for (const [user, yes, no] of users) {
  test(`RBAC: ${user} sees in words what it may do, and the screens follow`, async ({ page }) => {
    await page.goto('/');
    await signIn(page, user);
    await expect(page.getByText('Signed in as')).toBeVisible();
    const rights = page.getByTestId('rights');
    for (const r of yes) await expect(rights.locator('li', { hasText: r })).toHaveText(/^✓/);
    for (const r of no) await expect(rights.locator('li', { hasText: r })).toHaveText(/^✗/);
    const prefs = yes.some((r) => r.source.includes('Org overrides'));
    if (prefs) {
      await expect(page.getByTestId('org-count')).toHaveText('15 of 15 Orgs');
      await expect(page.getByTestId('cluster-try')).toBeVisible();
    } else {
      await expect(page.getByTestId('no-prefs')).toBeVisible();
    }
    await page.getByRole('button', { name: 'Webhooks', exact: true }).click();
    if (yes.some((r) => r.source.includes('webhooks'))) {
      await expect(page.getByTestId('webhook-count')).toHaveText('1–3 of 3');
    } else {
      await expect(page.getByText('Managing webhooks needs ADMINISTRATION, DEVELOPER or CAN_MANAGE_WEBHOOKS.')).toBeVisible();
    }
    if (user === 'sysinfo') await expect(page.getByTestId('release')).toHaveText('ThoughtSpot 26.8.0.cl');
  });
}

test('RBAC off: an RBAC-only privilege is refused with a 403 that is explained', async ({ page, request }) => {
  await setFaults(request, { rbac: false });
  await page.goto('/');
  await signIn(page, 'appadmin');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Not allowed (HTTP 403');
  await expect(alert).toContainText('count only where RBAC is enabled');
});

test('a password sign-in refused for an MFA user suggests a token', async ({ page }) => {
  await page.goto('/');
  await signIn(page, 'mfa');
  await expect(page.getByRole('alert')).toContainText('HTTP 401');
  await expect(page.getByTestId('sso-hint')).toContainText('sign in with a bearer token instead');
});

test('Org scope: the session bar says it, the cluster default is explained, out-of-reach edits wait', async ({ page, request }) => {
  await page.goto('/');
  await signIn(page, 'admin');
  await expect(page.getByTestId('scope')).toContainText('Token scoped to the Primary Org');
  await page.getByLabel('Mode for Legal').selectOption('inherit');
  await page.locator('.cluster').getByLabel('WEBHOOK').check();
  await expect(page.getByTestId('changes').locator('li')).toHaveCount(2);
  // Sales EMEA has WEBHOOK on and no webhook: the table offers to switch there.
  await row(page, 'Sales EMEA').getByRole('button', { name: 'Switch to this Org to create its webhook for Sales EMEA' }).click();
  await page.getByLabel('Password', { exact: true }).fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('scope')).toContainText('Token scoped to Org Sales EMEA (id 2100019165)');
  await page.getByRole('button', { name: 'Channel preferences' }).click();
  await expect(page.getByTestId('org-count')).toHaveText('1 of 1 Orgs');
  await expect(page.getByTestId('cluster-refused')).toContainText('No access to this Org');
  await expect(page.getByTestId('held-back')).toContainText('2 pending change(s)');
  await expect(page.getByRole('heading', { name: /Review/ })).toHaveText('Review (no pending changes)');
  // Nothing out of reach was sent, and nothing is lost: back in Primary the edits are there.
  await page.getByRole('button', { name: 'Switch to the Primary Org' }).click();
  await page.getByLabel('Password', { exact: true }).fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('scope')).toContainText('Token scoped to the Primary Org');
  await expect(page.getByTestId('changes').locator('li')).toHaveCount(2);
  expect((await demoState(request)).configure_log).toEqual([]);
});

test('CORS: an origin the cluster does not allow gets the exact origin to add', async ({ page, request }) => {
  await setFaults(request, { cors_origins: ['https://panel.example.com'] });
  await connectWithToken(page, `http://localhost:${port}`);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(`ThoughtSpot answered, but not to this page: its CORS allowlist does not include http://127.0.0.1:${port}.`);
  await expect(alert).toContainText(`Add exactly http://127.0.0.1:${port} (scheme and port included)`);
  await expect(alert).toContainText('Develop > Customizations > Security settings > CORS whitelisted domains');
  await expect(alert).toContainText('/api/rest/2.0/system/security-settings/configure');
});

test('CORS: a gateway 401 without CORS headers keeps the draft and offers sign-in again', async ({ page, request }) => {
  await connectWithToken(page, `http://localhost:${port}`);
  await page.getByLabel('Mode for Legal').selectOption('inherit');
  await settled(page);
  await setFaults(request, { gateway_errors: true, unauthorized_after: 0 });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert').first()).toContainText('The server answered without CORS headers');
  await expect(page.getByRole('heading', { name: 'The session has expired: sign in again' })).toBeVisible();
  await expect(page.getByTestId('changes').locator('li')).toHaveCount(1);
  await page.locator('.connect').getByLabel('With username and password').check();
  await page.locator('.connect').getByLabel('Username', { exact: true }).fill('admin');
  await page.locator('.connect').getByLabel('Password', { exact: true }).fill('demo-password');
  await page.locator('.connect').getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Retry save' }).click();
  await expect(page.getByRole('status')).toContainText('Saved. The server now holds 1 of 1 change(s).');
});

test('a 401 on a webhook action opens the sign-in again and keeps what was typed', async ({ page, request }) => {
  await connectWithToken(page);
  await settled(page);
  await newWebhook(page, 'Kept form');
  await page.getByLabel('Description').fill('typed before the expiry');
  await setFaults(request, { unauthorized_after: 0 });
  await page.getByRole('button', { name: 'Create webhook' }).click();
  await expect(page.getByRole('heading', { name: 'The session has expired: sign in again' })).toBeVisible();
  await expect(page.getByLabel('Description')).toHaveValue('typed before the expiry');
  await signIn(page, 'admin');
  // The new token is for the same cluster: its release is still known.
  await expect(page.getByTestId('release')).toHaveText('ThoughtSpot 26.8.0.cl');
  await page.getByRole('button', { name: 'Create webhook' }).click();
  await expect(page.getByText('Saved webhook "Kept form".')).toBeVisible();
  expect((await demoState(request)).cluster.webhooks.map((w: any) => w.name)).toContain('Kept form');
});

test('a busy cluster: 429 with Retry-After is waited out for reads, never retried for a create', async ({ page, request }) => {
  await connectWithToken(page);
  await expect(page.getByTestId('org-count')).toHaveText('15 of 15 Orgs');
  const before = (await demoState(request)).calls[SEARCH];
  await setFaults(request, { status: 429, retry_after_s: 2, times: 2, path: 'preferences/communication-channels/search' });
  await page.getByTestId('reload').click();
  await expect(page.getByTestId('busy')).toContainText('ThoughtSpot is busy (HTTP 429, too many requests): trying again in');
  await callsLanded(request, SEARCH, before + 3);
  await expect(page.getByTestId('busy')).toHaveCount(0);
  await expect(page.getByTestId('reload')).toHaveText('Reload');
  await expect(page.getByTestId('org-count')).toHaveText('15 of 15 Orgs');

  await setFaults(request, { status: 429, times: 1, path: 'webhooks/create' });
  await newWebhook(page, 'Busy');
  await page.getByRole('button', { name: 'Create webhook' }).click();
  await expect(page.getByRole('alert')).toContainText('Too many requests (HTTP 429');
  const state = await demoState(request);
  expect(state.calls['/api/rest/2.0/webhooks/create']).toBe(1);
  expect(state.cluster.webhooks.map((w: any) => w.name)).not.toContain('Busy');
});

test('"no access to this Org" (13090) is explained as that, not as an expired token', async ({ page, request }) => {
  await connectWithToken(page);
  await page.getByLabel('Mode for Legal').selectOption('inherit');
  await setFaults(request, { status: 403, code: 13090, times: 1, path: 'configure' });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const alert = page.getByRole('alert').first();
  await expect(alert).toContainText('No access to this Org (HTTP 403, code 13090)');
  await expect(alert).toContainText('Switch to this Org');
  await expect(page.getByRole('heading', { name: 'The session has expired: sign in again' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Retry save' }).click();
  await expect(page.getByRole('status')).toContainText('1 of 1');
});

test('inactive Orgs are marked', async ({ page }) => {
  await connectWithToken(page);
  await expect(row(page, 'Archive 2023').locator('td.name')).toContainText('Inactive');
  await expect(row(page, 'Finance').locator('td.name')).not.toContainText('Inactive');
});
