import { test, expect, resetDemo, token, connectHere } from './helpers';

// Screens have URLs: a link opens the panel there (after signing in), the
// back button walks back through them, a reload keeps the place; no token
// or secret is ever in a URL (every test's watcher checks).

const HR_WEBHOOK = '6f1c2a52-0b7e-4c61-9a51-3f9f0c0e1a02';

test.beforeEach(async ({ request }) => {
  await resetDemo(request);
});

test('a link to a webhook\'s delivery history opens there after signing in, and the back button goes back', async ({ page }) => {
  await page.goto(`/#/webhooks/${HR_WEBHOOK}/deliveries`);
  await connectHere(page);
  await expect(page.getByRole('heading', { name: 'Delivery history: HR schedules' })).toBeVisible();
  await expect(page.getByTestId('history').locator('tbody tr').first()).toBeVisible();
  await page.getByRole('button', { name: 'Channel preferences', exact: true }).click();
  await expect(page).toHaveURL(/#\/preferences$/);
  await expect(page.getByTestId('org-count')).toHaveText('15 of 15 Orgs');
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`#/webhooks/${HR_WEBHOOK}/deliveries$`));
  await expect(page.getByRole('heading', { name: 'Delivery history: HR schedules' })).toBeVisible();
  // Closing it is a step of its own, back to the list.
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page).toHaveURL(/#\/webhooks$/);
  await expect(page.getByRole('heading', { name: 'Delivery history: HR schedules' })).toHaveCount(0);
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Delivery history: HR schedules' })).toBeVisible();
});

test('each screen has its URL, kept across a reload and a new sign-in', async ({ page }) => {
  await page.goto('/');
  await connectHere(page);
  for (const [tab, hash, shows] of [
    ['Webhooks', '#/webhooks', 'Webhooks for LIVEBOARD_SCHEDULE'],
    ['Save journal', '#/journal', 'Save journal: every save from this browser'],
    ['Channel preferences', '#/preferences', 'Cluster default'],
  ] as const) {
    await page.getByRole('button', { name: tab, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${hash}$`));
    await expect(page.getByRole('heading', { name: shows })).toBeVisible();
  }
  await page.getByRole('button', { name: 'Save journal', exact: true }).click();
  await page.reload();
  await page.getByLabel('Bearer token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('heading', { name: 'Save journal: every save from this browser' })).toBeVisible();
  // The Orgs table's click through to a webhook's deliveries is a URL too.
  await page.getByRole('button', { name: 'Channel preferences', exact: true }).click();
  await page.locator('.org-table td.deliveries button').first().click();
  await expect(page).toHaveURL(/#\/webhooks\/[^/]+\/deliveries$/);
  await expect(page.getByRole('heading', { name: /^Delivery history: / })).toBeVisible();
});
