import { test, expect, connectWithToken, demoState, callsLanded, resetDemo, setFaults, row, signIn } from './helpers';

// Delivery health per Org, from each webhook's delivery history (26.4.0.cl).
// The demo server delivers every 6 hours and keeps 3 days: 12 deliveries per
// webhook; HR's webhook has failed for the last 2 days (8 of them).

const HISTORY = '/api/rest/2.0/jobs/history/communication-channels/search';

test.beforeEach(async ({ request }) => {
  await resetDemo(request);
});

test('the Deliveries column shows each webhook\'s health and opens its history', async ({ page, request }) => {
  await connectWithToken(page);
  const hr = row(page, 'HR').locator('td.deliveries');
  await expect(hr).toContainText('⚠ 4 delivered, 8 failed; last failure');
  await expect(row(page, 'Marketing').locator('td.deliveries')).toHaveText('12 delivered, 0 failed');
  await expect(row(page, 'Legal').locator('td.deliveries')).toHaveText('—');
  // One history call per Org with a webhook on the page, kept for the session.
  const state = await callsLanded(request, HISTORY, 3);
  expect(state.calls[HISTORY]).toBe(3);
  await page.getByLabel('Filter', { exact: true }).fill('h');
  await page.getByLabel('Filter', { exact: true }).fill('');
  await expect(hr).toContainText('8 failed');
  expect((await demoState(request)).calls[HISTORY]).toBe(3);

  await hr.getByRole('button').click();
  await expect(page.getByRole('heading', { name: 'Delivery history: HR schedules' })).toBeVisible();
  await expect(page.getByTestId('history').locator('tbody tr')).toHaveCount(12);
  await expect(page.getByTestId('history').locator('tbody tr').first()).toContainText('FAILED');
});

test('Deliveries failing reads every webhook and shows the Orgs that need attention', async ({ page, request }) => {
  await setFaults(request, { failing_deliveries: ['Marketing'] });
  await connectWithToken(page);
  await expect(row(page, 'Marketing').locator('td.deliveries')).toContainText('8 failed');
  await page.getByLabel('Deliveries failing (last 7 days of kept logs)').check();
  await expect(page.getByTestId('org-count')).toHaveText('2 of 15 Orgs');
  await expect(page.locator('.org-table tbody tr td.name')).toHaveText(['HR', 'Marketing']);
  await page.getByLabel('Deliveries failing (last 7 days of kept logs)').uncheck();
  await expect(page.getByTestId('org-count')).toHaveText('15 of 15 Orgs');
  // Refresh reads again.
  const before = (await demoState(request)).calls[HISTORY];
  await page.getByRole('button', { name: 'Refresh deliveries' }).click();
  await callsLanded(request, HISTORY, before + 3);
});

test('before 26.4, and without the privilege, the column is explained, not an error', async ({ page, request }) => {
  await setFaults(request, { release: '26.2.0.cl' });
  // The release answer comes after the Orgs: the column waits for it rather
  // than asking an older cluster for history it does not have.
  await page.route('**/api/rest/2.0/system', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await connectWithToken(page);
  await expect(page.getByTestId('deliveries-unavailable')).toHaveText(
    'Deliveries: Delivery history needs ThoughtSpot 26.4.0.cl or later; this cluster runs 26.2.0.cl.');
  await expect(row(page, 'HR').locator('td.deliveries')).toHaveText('—');
  expect((await demoState(request)).calls[HISTORY] ?? 0).toBe(0);
  await expect(page.getByRole('alert')).toHaveCount(0);

  await page.getByRole('button', { name: 'Disconnect' }).click();
  await setFaults(request, {});
  await signIn(page, 'appadmin');
  await expect(page.getByTestId('deliveries-unavailable')).toHaveText(
    'Deliveries: Delivery health needs ADMINISTRATION, DEVELOPER or CAN_MANAGE_WEBHOOKS.');
});
