import { test, expect, connectWithToken, demoState, resetDemo, token, settled } from './helpers';

const LS = 'LIVEBOARD_SCHEDULE';

test.beforeEach(async ({ request }) => {
  await resetDemo(request);
});

test('bulk: select all matching, override them, reset others, one configure call', async ({ page, request }) => {
  await connectWithToken(page);
  await page.getByLabel('Filter', { exact: true }).fill('sales');
  await page.getByRole('button', { name: 'Select all 2 matching' }).click();
  await expect(page.getByText('2 selected:')).toBeVisible();
  await page.getByLabel('WEBHOOK for the selected Orgs', { exact: true }).check();
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

test('export the preference set, import one from another cluster as a reviewed draft', async ({ page, request }, info) => {
  const fs = await import('fs');
  await connectWithToken(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export preferences (JSON)' }).click(),
  ]);
  const file = info.outputPath('prefs.json');
  await download.saveAs(file);
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(doc.format).toBe('ts-channels-panel/preferences');
  expect(doc.cluster).toEqual({});
  const legal = doc.orgs.find((o: any) => o.name === 'Legal');
  expect(legal).toEqual({ id: '1170024401', name: 'Legal', preferences: { [LS]: [] } });
  expect(doc.orgs).toHaveLength(15);

  // A set from another cluster: other ids, one Org this cluster lacks.
  const other = {
    format: 'ts-channels-panel/preferences', version: 1, host: 'https://other.example.com', exported_at_ms: 0,
    cluster: { [LS]: ['EMAIL'] },
    orgs: [
      { id: '77', name: 'Finance', preferences: { [LS]: ['WEBHOOK'] } },
      { id: '78', name: 'Legal', preferences: {} },
      { id: '79', name: 'Not Here', preferences: {} },
    ],
  };
  const otherFile = info.outputPath('other.json');
  fs.writeFileSync(otherFile, JSON.stringify(other));
  await page.getByLabel('Import preferences…').setInputFiles(otherFile);
  await expect(page.getByRole('status').first()).toContainText('2 Org(s) matched by name');
  await expect(page.getByText('Not found here: Not Here.')).toBeVisible();
  await expect(page.getByTestId('changes').locator('li')).toHaveCount(3);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved. The server now holds 3 of 3 change(s).')).toBeVisible();
  const body = (await demoState(request)).configure_log[0];
  expect(body.cluster_preferences).toEqual([{ event_type: LS, channels: ['EMAIL'] }]);
  expect(body.org_preferences).toEqual([
    { org_identifier: '583464508', operation: 'REPLACE', preferences: [{ event_type: LS, channels: ['WEBHOOK'] }] },
    { org_identifier: '1170024401', operation: 'RESET', reset_events: [LS] },
  ]);

  const bad = info.outputPath('bad.json');
  fs.writeFileSync(bad, '{"format":"ts-channels-panel/preferences","version":1,"orgs":"many"}');
  await page.getByLabel('Import preferences…').setInputFiles(bad);
  await expect(page.getByRole('alert').first()).toContainText('The preference set is damaged');
});

/** Presses Tab until the focused element matches `selector` (keys only). */
async function tabTo(page: any, selector: string, max = 120) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s: string) => !!document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('keyboard only: connect, filter, edit, review and save', async ({ page, request }) => {
  await page.goto('/');
  await tabTo(page, '#token');
  await page.keyboard.type(token);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('org-count')).toHaveText('15 of 15 Orgs');

  await tabTo(page, '#org-filter');
  await page.keyboard.type('legal');
  await expect(page.getByTestId('org-count')).toHaveText('1 of 15 Orgs');
  await tabTo(page, 'select[aria-label="Mode for Legal"]');
  await page.keyboard.press('ArrowUp'); // Override → Inherits
  await expect(page.getByTestId('changes').locator('li')).toHaveCount(1);
  // Legal inherits now: its channel boxes are disabled, and Tab skips them.
  await expect(page.getByLabel('WEBHOOK for Legal', { exact: true })).toBeDisabled();
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).not.toMatch(/for Legal$/);
  }
  await tabTo(page, '[data-testid="request-body"]');
  await tabTo(page, '.review button.primary');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Saved. The server now holds 1 of 1 change(s).')).toBeVisible();
  const log = (await demoState(request)).configure_log;
  expect(log).toEqual([{ org_preferences: [{ org_identifier: '1170024401', operation: 'RESET', reset_events: [LS] }] }]);
});

test('the delete dialog traps focus and closes on Escape', async ({ page, request }) => {
  await connectWithToken(page);
  await settled(page);
  await page.getByRole('button', { name: 'Webhooks', exact: true }).click();
  await expect(page.getByTestId('webhook-count')).toHaveText('1–3 of 3');
  await tabTo(page, 'button[aria-label="Delete HR schedules"]');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  // The native modal dialog makes the page behind it inert: Tab cycles through
  // the dialog and the browser's own controls, never the page behind it.
  const focusInDialogOrBrowser = () => page.evaluate(() => {
    const a = document.activeElement;
    return !a || a === document.body || !!a.closest('[role=alertdialog]');
  });
  const reached = new Set<string>();
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    expect(await focusInDialogOrBrowser()).toBe(true);
    reached.add(await page.evaluate(() => document.activeElement?.textContent ?? ''));
  }
  expect(reached).toContain('Delete');
  expect(reached).toContain('Cancel');
  await page.keyboard.press('Shift+Tab');
  expect(await focusInDialogOrBrowser()).toBe(true);
  expect(await page.evaluate(() => (document.querySelector('main') as any).inert || document.querySelector('dialog')?.matches(':modal'))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  expect((await demoState(request)).cluster.webhooks).toHaveLength(3);
});
