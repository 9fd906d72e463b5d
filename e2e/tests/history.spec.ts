import { readFileSync } from 'fs';
import { test, expect, connectWithToken, demoState, resetDemo, row, configureBehindTheBack } from './helpers';

// The change journal: every save made from this browser, and the way back.

const LS = 'LIVEBOARD_SCHEDULE';

test.beforeEach(async ({ request }) => {
  await resetDemo(request);
});

async function save(page: any, expected: string) {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('.verified')).toContainText(expected);
}

test('a save is recorded, and reverting it puts the server back', async ({ page, request }) => {
  await connectWithToken(page);
  await page.locator('.cluster').getByLabel('WEBHOOK').check();
  await page.getByLabel('Mode for Finance').selectOption('inherit');
  await page.getByLabel('Mode for Legal').selectOption('override');
  await page.getByLabel('EMAIL for Legal', { exact: true }).check();
  await save(page, 'Saved. The server now holds 3 of 3 change(s).');

  await page.getByRole('button', { name: 'Save journal', exact: true }).click();
  await expect(page.getByTestId('journal-count')).toHaveText('1 save(s)');
  const entry = page.getByTestId('journal').locator('li.journal-entry').first();
  await expect(entry.locator('summary')).toContainText('admin (Primary (id 0)): 3 change(s); the server held 3 of 3 change(s)');
  await entry.locator('summary').click();
  await expect(entry.locator('ol.changes li')).toHaveText([
    'Cluster default for LIVEBOARD_SCHEDULE: never set (schedules go to email) → WEBHOOK — ✓ held',
    'Finance (id 583464508), LIVEBOARD_SCHEDULE: override: EMAIL → inherits the cluster default — ✓ held',
    'Legal (id 1170024401), LIVEBOARD_SCHEDULE: override: none (all channels off) → override: EMAIL — ✓ held',
  ]);
  const sent = (await demoState(request)).configure_log[0];
  expect(JSON.parse(await entry.locator('pre.json').innerText())).toEqual(sent);

  // The journal survives a reload (it is kept in this browser).
  await connectWithToken(page);
  await page.getByRole('button', { name: 'Save journal', exact: true }).click();
  await expect(page.getByTestId('journal-count')).toHaveText('1 save(s)');

  await page.getByRole('button', { name: /^Revert the save of/ }).click();
  await expect(page.getByRole('heading', { name: /Review/ })).toHaveText('Review (3 pending changes)');
  await expect(page.getByTestId('revert-notes')).toContainText('was never set before this save, and the API cannot un-set it');
  await save(page, 'Saved. The server now holds 3 of 3 change(s).');
  const orgs = Object.fromEntries((await demoState(request)).cluster.orgs.map((o: any) => [o.name, o.preferences]));
  expect(orgs['Finance']).toEqual({ [LS]: ['EMAIL'] });
  expect(orgs['Legal']).toEqual({ [LS]: [] });
  expect((await demoState(request)).cluster.defaults).toEqual({ [LS]: ['EMAIL'] });
  await page.getByRole('button', { name: 'Save journal', exact: true }).click();
  await expect(page.getByTestId('journal-count')).toHaveText('2 save(s)');
});

test('reverting over a later change brings it up as a conflict, not an overwrite', async ({ page, request }) => {
  await connectWithToken(page);
  await page.getByLabel('Mode for Finance').selectOption('inherit');
  await save(page, 'Saved. The server now holds 1 of 1 change(s).');
  await configureBehindTheBack(request, {
    org_preferences: [{ org_identifier: '583464508', operation: 'REPLACE', preferences: [{ event_type: LS, channels: ['WEBHOOK'] }] }],
  });
  await page.getByRole('button', { name: 'Save journal', exact: true }).click();
  await page.getByRole('button', { name: /^Revert the save of/ }).click();
  const conflict = page.locator('.conflicts');
  await expect(conflict).toContainText('1 conflict(s)');
  await expect(conflict.locator('tbody tr')).toContainText('Finance (id 583464508), LIVEBOARD_SCHEDULE');
  await expect(conflict.locator('tbody tr')).toContainText('override: WEBHOOK');
  await expect(conflict.locator('tbody tr')).toContainText('override: EMAIL');
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  expect((await demoState(request)).configure_log).toHaveLength(2);
});

test('the journal is filtered by Org and exported as JSON and CSV', async ({ page }) => {
  await connectWithToken(page);
  await page.getByLabel('Mode for Finance').selectOption('inherit');
  await save(page, '1 of 1');
  await page.getByLabel('Mode for Legal').selectOption('inherit');
  await save(page, '1 of 1');
  await page.getByRole('button', { name: 'Save journal', exact: true }).click();
  await expect(page.getByTestId('journal').locator('li.journal-entry')).toHaveCount(2);
  await page.getByLabel('Org', { exact: true }).fill('legal');
  await expect(page.getByTestId('journal').locator('li.journal-entry')).toHaveCount(1);
  await expect(page.getByTestId('journal').locator('summary')).toContainText('1 change(s)');
  await page.getByLabel('Org', { exact: true }).fill('');

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export journal (JSON)' }).click()]);
  const doc = JSON.parse(readFileSync(await json.path(), 'utf8'));
  expect(doc.format).toBe('ts-channels-panel/journal');
  expect(doc.entries).toHaveLength(2);
  expect(doc.entries[1].changes).toHaveLength(1);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export journal (CSV)' }).click()]);
  const lines = readFileSync(await csv.path(), 'utf8').trim().split('\n');
  expect(lines[0]).toBe('time,user,org scope,item,before,after,read back');
  expect(lines).toHaveLength(3);
  expect(lines[2]).toContain('"Legal (id 1170024401), LIVEBOARD_SCHEDULE"');
  expect(lines[2]).toMatch(/,held$/);
});
