import { test, expect, connectWithToken, demoState, resetDemo } from './helpers';

const LS = 'LIVEBOARD_SCHEDULE';

test.beforeEach(async ({ request }) => {
  await resetDemo(request);
});

test('bulk: select all matching, override them, reset others, one configure call', async ({ page, request }) => {
  await connectWithToken(page);
  await page.getByLabel('Filter', { exact: true }).fill('sales');
  await page.getByRole('button', { name: 'Select all 2 matching' }).click();
  await expect(page.getByText('2 selected:')).toBeVisible();
  await page.getByLabel('WEBHOOK for the selected Orgs').check();
  await page.getByRole('button', { name: 'Override selected' }).click();
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await page.getByLabel('Filter', { exact: true }).fill('');
  await page.getByLabel('Select Legal').check();
  await page.getByLabel('Select Data Science').check();
  await page.getByRole('button', { name: 'Reset selected to default' }).click();
  await expect(page.getByTestId('changes').locator('li')).toHaveCount(4);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('4 of 4');
  const log = (await demoState(request)).configure_log;
  expect(log).toHaveLength(1);
  const byId = Object.fromEntries(log[0].org_preferences.map((o: any) => [o.org_identifier, o]));
  expect(Object.keys(byId).sort()).toEqual(['1170024401', '1209563318', '2011223344', '2100019165']);
  expect(byId['1209563318'].preferences).toEqual([{ event_type: LS, channels: ['WEBHOOK'] }]);
  expect(byId['2100019165'].preferences).toEqual([{ event_type: LS, channels: ['WEBHOOK'] }]);
  expect(byId['1170024401']).toEqual({ org_identifier: '1170024401', operation: 'RESET', reset_events: [LS] });
  expect(byId['2011223344'].operation).toBe('RESET');
});
