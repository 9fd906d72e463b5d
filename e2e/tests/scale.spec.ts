import { test, expect, token, row } from './helpers';
import { bigPort } from '../playwright.config';

const BIG = `http://127.0.0.1:${bigPort}`;
const LS = 'LIVEBOARD_SCHEDULE';

test('10,000 Orgs: pages, filter and draft stay correct, and a save sends only the 3 changed Orgs', async ({ page, request }) => {
  expect((await request.post(`${BIG}/__demo/reset`)).status()).toBe(204);
  await page.goto(`${BIG}/`);
  await page.getByLabel('Bearer token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('org-count')).toHaveText('10015 of 10015 Orgs', { timeout: 30_000 });
  await expect(page.getByText('Page 1 of 201')).toBeVisible();
  // Rows are thin: one page is in the DOM, not 10,000 rows.
  await expect(page.locator('.org-table tbody tr')).toHaveCount(50);

  // Change one Org on page 1, one on page 2, and one found by the filter.
  const first = await page.locator('.org-table tbody tr td.name').first().innerText();
  await page.getByLabel(`Mode for ${first}`).selectOption('override');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Page 2 of 201')).toBeVisible();
  const second = await page.locator('.org-table tbody tr td.name').nth(3).innerText();
  await page.getByLabel(`EMAIL for ${second}`, { exact: true }).click();
  await page.getByLabel('Filter', { exact: true }).fill('generated org 09999');
  await expect(page.getByTestId('org-count')).toHaveText('1 of 10015 Orgs');
  await page.getByLabel('Mode for Generated Org 09999').selectOption('inherit');

  // The draft survives paging and filtering: all three are still edited.
  await page.getByLabel('Filter', { exact: true }).fill('');
  await expect(row(page, first)).toHaveClass(/edited/);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(row(page, second)).toHaveClass(/edited/);
  await expect(page.getByTestId('changes').locator('li')).toHaveCount(3);

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Saved. The server now holds 3 of 3 change(s).', { timeout: 30_000 });
  const state = await (await request.get(`${BIG}/__demo/state`)).json();
  expect(state.configure_log).toHaveLength(1);
  const body = state.configure_log[0];
  expect(body.cluster_preferences).toBeUndefined();
  expect(body.org_preferences).toHaveLength(3);
  const byName = Object.fromEntries(state.cluster.orgs.map((o: any) => [String(o.id), o.name]));
  const names = body.org_preferences.map((o: any) => byName[o.org_identifier]).sort();
  expect(names).toEqual([first, second, 'Generated Org 09999'].sort());
  const reset = body.org_preferences.find((o: any) => byName[o.org_identifier] === 'Generated Org 09999');
  expect(reset).toEqual({ org_identifier: reset.org_identifier, operation: 'RESET', reset_events: [LS] });
});
