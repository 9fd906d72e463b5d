// The load shows the preference answer as soon as it is read; `orgs/search`
// and the webhook list, asked at the same time, are added when they come.
import { test, expect, connectWithToken, resetDemo, row, hold, settled, watchErrors } from './helpers';

test.beforeEach(async ({ request }) => {
  await resetDemo(request);
});

const rest = (path: string, method: string) =>
  method === 'POST' && (path === '/orgs/search' || path === '/webhooks/search');

test('the table is there and editable before the Org list and webhooks answer; they are added when they do', async ({ page }) => {
  const errors = watchErrors(page);
  const held = await hold(page, rest);
  await connectWithToken(page);
  await held.waitFor(2);
  await expect(page.getByTestId('org-count')).toHaveText('15 of 15 Orgs');
  // Still loading: Reload and Save wait for the whole read.
  await expect(page.getByTestId('reload')).toHaveText('Loading…');
  await expect(page.getByTestId('reload')).toBeDisabled();
  // Not known yet: no inactive mark, no webhook said either way.
  await expect(row(page, 'Archive 2023').locator('td.name')).not.toContainText('Inactive');
  await expect(row(page, 'Finance').locator('td.webhook')).toHaveText('');
  // An edit made meanwhile is kept when the rest lands.
  await row(page, 'Finance').getByLabel('Mode for Finance').selectOption('inherit');
  await expect(row(page, 'Finance')).toContainText('Edited');
  await held.release();
  await settled(page);
  await expect(row(page, 'Archive 2023').locator('td.name')).toContainText('Inactive');
  await expect(row(page, 'Finance').locator('td.webhook')).not.toHaveText('');
  await expect(row(page, 'Finance')).toContainText('Edited');
  await expect(page.getByTestId('org-count')).toHaveText('15 of 15 Orgs');
  errors.check();
});

test('a Reload shows the webhooks and inactive marks of the read before until its own come', async ({ page }) => {
  const errors = watchErrors(page);
  await connectWithToken(page);
  await settled(page);
  const hook = await row(page, 'Finance').locator('td.webhook').textContent();
  expect(hook).not.toEqual('');
  const held = await hold(page, rest);
  const answered = page.waitForResponse((r) => r.url().endsWith('/communication-channels/search'));
  await page.getByTestId('reload').click();
  await answered;
  await held.waitFor(2);
  await expect(page.getByTestId('reload')).toHaveText('Loading…');
  await expect(row(page, 'Finance').locator('td.webhook')).toHaveText(hook ?? '');
  await expect(row(page, 'Archive 2023').locator('td.name')).toContainText('Inactive');
  await held.release();
  await settled(page);
  await expect(row(page, 'Finance').locator('td.webhook')).toHaveText(hook ?? '');
  await expect(row(page, 'Archive 2023').locator('td.name')).toContainText('Inactive');
  errors.check();
});
