import { test, expect, connectWithToken, demoState, resetDemo, setFaults, token, row, signIn, configureBehindTheBack, settled } from './helpers';
import * as fs from 'fs';

const LS = 'LIVEBOARD_SCHEDULE';
const CONFIGURE = '/api/rest/2.0/system/preferences/communication-channels/configure';

test.beforeEach(async ({ request }) => {
  await resetDemo(request);
});

const changes = (page: any) => page.getByTestId('changes').locator('li');

test.describe('conflicts', () => {
  for (const choice of ['Apply mine', 'Keep theirs'] as const) {
    test(`a change behind the panel's back stops the save; ${choice}`, async ({ page, request }) => {
      await connectWithToken(page);
      await page.getByLabel('WEBHOOK for Finance', { exact: true }).check(); // Finance: EMAIL → EMAIL, WEBHOOK
      await page.getByLabel('Mode for Primary').selectOption('override');
      await expect(changes(page)).toHaveCount(2);
      // Another admin turns Finance off and changes Marketing, which the draft does not touch.
      await configureBehindTheBack(request, {
        org_preferences: [
          { org_identifier: 'Finance', operation: 'REPLACE', preferences: [{ event_type: LS, channels: [] }] },
          { org_identifier: 'Marketing', operation: 'REPLACE', preferences: [{ event_type: LS, channels: ['EMAIL'] }] },
        ],
      });
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(page.getByRole('alert')).toContainText('Nothing was sent: the server changed 1 item(s) you also changed');
      const conflict = page.locator('.conflict-table tbody tr');
      await expect(conflict).toHaveCount(1);
      await expect(conflict.locator('td').nth(0)).toHaveText('Finance (id 583464508), LIVEBOARD_SCHEDULE');
      await expect(conflict.locator('td').nth(1)).toHaveText('override: EMAIL');
      await expect(conflict.locator('td').nth(2)).toHaveText('override: none (all channels off)');
      await expect(conflict.locator('td').nth(3)).toHaveText('override: EMAIL, WEBHOOK');
      // The other server change was taken in without asking.
      await expect(row(page, 'Marketing').locator('td.effective')).toHaveText('EMAIL');
      await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
      expect((await demoState(request)).configure_log).toHaveLength(1); // only the one made behind the back

      await page.getByRole('button', { name: `${choice}: Finance (id 583464508), LIVEBOARD_SCHEDULE` }).click();
      await expect(conflict).toHaveCount(0);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(page.getByRole('status')).toContainText('Saved.');
      const log = (await demoState(request)).configure_log;
      expect(log).toHaveLength(2);
      const sent = log[1].org_preferences.map((o: any) => o.org_identifier).sort();
      if (choice === 'Apply mine') {
        expect(sent).toEqual(['0', '583464508']);
        expect(log[1].org_preferences.find((o: any) => o.org_identifier === '583464508').preferences)
          .toEqual([{ event_type: LS, channels: ['EMAIL', 'WEBHOOK'] }]);
      } else {
        expect(sent).toEqual(['0']);
      }
      // Marketing, changed by the other admin, was never in the panel's body.
      expect(JSON.stringify(log[1])).not.toContain('1532970882');
    });
  }
});

test('the draft survives a reload, without the token, and can be restored or discarded', async ({ page }) => {
  await connectWithToken(page);
  await page.getByLabel('Mode for Legal').selectOption('inherit');
  await page.locator('.cluster').getByLabel('WEBHOOK').check();
  await expect(changes(page)).toHaveCount(2);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  expect(stored).toContain('tspanel.draft.v1:');
  expect(stored).not.toContain(token);

  await page.reload();
  await page.getByLabel('Bearer token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
  const banner = page.getByRole('region', { name: 'Unsaved work found' });
  await expect(banner).toContainText('Unsaved work found: 2 pending change(s)');
  await banner.getByRole('button', { name: 'Restore' }).click();
  await expect(changes(page)).toHaveCount(2);
  await expect(page.getByTestId('changes')).toContainText('Legal (id 1170024401)');

  await page.reload();
  await connectWithToken(page);
  await page.getByRole('region', { name: 'Unsaved work found' }).getByRole('button', { name: 'Discard it' }).click();
  await expect(page.getByRole('heading', { name: /Review/ })).toHaveText('Review (no pending changes)');
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tspanel.draft')))).toEqual([]);
});

test('remember in this tab keeps the token in sessionStorage only, and Disconnect forgets it', async ({ page, secrets }) => {
  secrets.optIn('sessionStorage');
  await page.goto('/');
  await page.getByLabel('Bearer token', { exact: true }).fill(token);
  await page.getByLabel('Remember the token in this tab').check();
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByText('Signed in as')).toBeVisible();
  await page.reload();
  await expect(page.getByText('Signed in as')).toBeVisible();
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).toContain(token);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toContain(token);
  await page.reload();
  await expect(page.getByLabel('Bearer token', { exact: true })).toBeVisible();
});

test('without opting in, nothing keeps the token across a reload', async ({ page }) => {
  await connectWithToken(page);
  await expect(page.getByText('Signed in as')).toBeVisible();
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toContain(token);
  await page.reload();
  await expect(page.getByLabel('Bearer token', { exact: true })).toBeVisible();
});

test('export the work as a file, and import it back', async ({ page }, info) => {
  await connectWithToken(page);
  await page.getByLabel('Mode for Engineering').selectOption('inherit');
  await page.getByLabel('EMAIL for HR', { exact: true }).uncheck();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export work (JSON)' }).click(),
  ]);
  const file = info.outputPath('work.json');
  await download.saveAs(file);
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(doc.format).toBe('ts-channels-panel/work');
  expect(Object.keys(doc.draft.orgs).sort()).toEqual(['1744203987', '1923456781']);
  expect(doc.snapshot.orgs.length).toBe(15);
  expect(JSON.stringify(doc)).not.toContain(token);

  await page.getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByRole('heading', { name: /Review/ })).toHaveText('Review (no pending changes)');
  await page.getByLabel('Import work…').setInputFiles(file);
  await expect(page.getByText('Imported 2 pending change(s)')).toBeVisible();
  await expect(changes(page)).toHaveCount(2);

  const bad = info.outputPath('bad.json');
  fs.writeFileSync(bad, JSON.stringify({ format: 'something-else', version: 1 }));
  await page.getByLabel('Import work…').setInputFiles(bad);
  await expect(page.getByText('The file is a "something-else" document, not saved work of this panel.')).toBeVisible();
  await expect(changes(page)).toHaveCount(2);
});

test('a malformed answer is a clear message, and the draft stays', async ({ page, request }) => {
  await connectWithToken(page);
  await settled(page);
  await page.getByLabel('Mode for Support').selectOption('override');
  await setFaults(request, { malformed: true, path: 'communication-channels/search', times: 1 });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText("The server's answer could not be read");
  await expect(changes(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Retry save' }).click();
  await expect(page.getByRole('status')).toContainText('1 of 1');
});

test('a malformed answer on load can be retried', async ({ page, request }) => {
  await setFaults(request, { malformed: true, path: 'communication-channels/search', times: 1 });
  await connectWithToken(page);
  await expect(page.getByRole('alert')).toContainText("The server's answer could not be read");
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('org-count')).toHaveText('15 of 15 Orgs');
});

test('401 after N calls: the configure call is refused, sign in again, retry the same save', async ({ page, request }) => {
  await connectWithToken(page);
  await page.getByLabel('Mode for Support').selectOption('override');
  // The pre-save read (preference search, orgs/search, webhooks/search) still passes; the
  // configure call after it is refused.
  await settled(page);
  await setFaults(request, { unauthorized_after: 3 });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'The session has expired: sign in again' })).toBeVisible();
  const calls = (await demoState(request)).calls;
  expect(calls[CONFIGURE]).toBe(1);
  expect((await demoState(request)).configure_log).toEqual([]);
  await signIn(page, 'admin');
  await page.getByRole('button', { name: 'Retry save' }).click();
  await expect(page.getByRole('status')).toContainText('1 of 1');
});

test('plain http to a remote host is refused unless the risk is confirmed', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('ThoughtSpot host').fill('http://thoughtspot.example.invalid');
  await page.getByLabel('Bearer token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('alert')).toContainText('Plain http:// would send the token unencrypted');
  await page.getByText('Advanced', { exact: true }).click();
  await page.getByLabel('Allow plain http:// to a host that is not this computer').check();
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('alert')).toContainText('The host did not answer');
});

test('org names with script are shown as text and never run', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
  await connectWithToken(page);
  await expect(page.locator('.org-table td.name', { hasText: '<img src=x onerror=alert(1)>' })).toBeVisible();
  await expect(page.locator('.org-table td.name', { hasText: '<script>alert(2)</script>' })).toBeVisible();
  await expect(page.locator('.org-table img, .org-table script, .org-table b')).toHaveCount(0);
  // Editing and reviewing these Orgs shows the names as text too.
  await page.getByLabel('Mode for <script>alert(2)</script>').selectOption('override');
  await expect(page.getByTestId('changes')).toContainText('<script>alert(2)</script> (id 2033445566)');
  await expect(page.locator('.review script')).toHaveCount(0);
  expect(dialogs).toBe(0);
});
