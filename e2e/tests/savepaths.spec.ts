import { test, expect, connectWithToken, demoState, callsLanded, resetDemo, setFaults, row, configureBehindTheBack } from './helpers';

// The save paths a server that always holds exactly what was sent never shows:
// a change the server did not keep, a read-back that fails, nothing left to
// send, values from a newer server, and the error shape of live clusters.

const LS = 'LIVEBOARD_SCHEDULE';
const CONFIGURE = '/api/rest/2.0/system/preferences/communication-channels/configure';

test.beforeEach(async ({ request }) => {
  await resetDemo(request);
});

test('a change the server did not keep gets a ✗ line naming the Org and what the server holds', async ({ page, request }) => {
  await setFaults(request, { ignore_org: '583464508' });
  await connectWithToken(page);
  await page.getByLabel('Mode for Finance').selectOption('inherit');
  await page.getByLabel('Mode for Legal').selectOption('inherit');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const verified = page.locator('.verified');
  await expect(verified).toContainText('Saved. The server now holds 1 of 2 change(s).');
  await expect(verified.locator('li.differs')).toHaveText(
    '✗ Finance (id 583464508), LIVEBOARD_SCHEDULE: override: EMAIL → inherits the cluster default — the server holds: override: EMAIL');
  await expect(verified.locator('li.ok')).toHaveText(
    '✓ Legal (id 1170024401), LIVEBOARD_SCHEDULE: override: none (all channels off) → inherits the cluster default');
  // The draft follows the server: Finance's change is pending again, Legal's is done.
  await expect(page.getByTestId('changes').locator('li')).toHaveText([
    'Finance (id 583464508), LIVEBOARD_SCHEDULE: override: EMAIL → inherits the cluster default',
  ]);
});

test('saved but not confirmed: the changes are kept and can be checked again', async ({ page, request }) => {
  await connectWithToken(page);
  await setFaults(request, { readback_fail: true });
  await page.getByLabel('Mode for Legal').selectOption('inherit');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const unconfirmed = page.getByTestId('unconfirmed');
  await expect(unconfirmed).toContainText('Saved, but reading the preferences back failed: 1 change(s) are not confirmed.');
  await expect(unconfirmed).toContainText('Server error (HTTP 500');
  await expect(unconfirmed.locator('li')).toHaveText([
    'Legal (id 1170024401), LIVEBOARD_SCHEDULE: override: none (all channels off) → inherits the cluster default',
  ]);
  // What was sent is shown as the server's state; nothing is pending.
  await expect(page.getByRole('heading', { name: /Review/ })).toHaveText('Review (no pending changes)');
  const state = await callsLanded(request, CONFIGURE, 1);
  expect(state.configure_log).toHaveLength(1);
  await unconfirmed.getByRole('button', { name: 'Check again' }).click();
  await expect(page.locator('.verified')).toContainText('Saved. The server now holds 1 of 1 change(s).');
  await expect(page.getByTestId('unconfirmed')).toHaveCount(0);
  // Checking again reads; it never sends the change a second time.
  expect((await demoState(request)).configure_log).toHaveLength(1);
});

test('when the server already holds the draft, nothing is sent', async ({ page, request }) => {
  await connectWithToken(page);
  await page.getByLabel('Mode for Legal').selectOption('inherit');
  await configureBehindTheBack(request, {
    org_preferences: [{ org_identifier: '1170024401', operation: 'RESET', reset_events: [LS] }],
  });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('The server already holds all of your changes: nothing to send.')).toBeVisible();
  await expect(page.getByRole('heading', { name: /Review/ })).toHaveText('Review (no pending changes)');
  const state = await callsLanded(request, CONFIGURE, 1);
  expect(state.configure_log).toHaveLength(1); // only the one made behind the back
});

test('values from a newer server survive a real save', async ({ page, request }) => {
  await setFaults(request, { newer_server: true });
  await connectWithToken(page);
  await expect(page.getByRole('note').filter({ hasText: 'This server sent values this panel does not know' }))
    .toContainText('ALERT_DIGEST');
  const zurich = row(page, 'Zürich Analytics');
  await expect(zurich).toContainText('SLACK (unknown to this panel, kept)');
  await page.getByLabel('WEBHOOK for Zürich Analytics', { exact: true }).check();
  const body = JSON.parse(await page.getByTestId('request-body').innerText());
  expect(body).toEqual({
    org_preferences: [{
      org_identifier: '1402876615', operation: 'REPLACE',
      preferences: [
        { event_type: 'ALERT_DIGEST', channels: ['WEBHOOK'] },
        { event_type: LS, channels: ['EMAIL', 'WEBHOOK', 'SLACK'] },
      ],
    }],
  });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('.verified')).toContainText('Saved. The server now holds 1 of 1 change(s).');
  const state = await demoState(request);
  expect(state.configure_log).toEqual([body]);
  const held = state.cluster.orgs.find((o: any) => o.name === 'Zürich Analytics').preferences;
  expect(held).toEqual({ ALERT_DIGEST: ['WEBHOOK'], [LS]: ['EMAIL', 'WEBHOOK', 'SLACK'] });
  // Orgs not touched are not in the body, and keep their unknown values.
  expect(state.cluster.orgs.find((o: any) => o.name === 'Support').preferences).toEqual({ ALERT_DIGEST: ['SLACK'] });
  expect(state.cluster.defaults.ALERT_DIGEST).toEqual(['EMAIL']);
});

test('the error shape of live clusters is shown with its message and incident id', async ({ page, request }) => {
  await connectWithToken(page);
  await setFaults(request, { live_error_shape: true, status: 500, times: 1, path: 'configure' });
  await page.getByLabel('Mode for Legal').selectOption('inherit');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const alert = page.getByRole('alert').first();
  await expect(alert).toContainText('Server error (HTTP 500, code 10038): Injected fault: the demo server was told to fail this call.');
  await expect(alert).toContainText(/ThoughtSpot reference: incident [0-9a-f]{8}-[0-9a-f]{4}-/);
  await expect(page.getByTestId('changes').locator('li')).toHaveCount(1);
});

test('no request reaches a plain-http host that only looks like this computer until the admin confirms', async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (r) => { if (r.url().includes('evil.example')) asked.push(r.url()); });
  await page.goto('/');
  for (const host of ['http://127.evil.example:8790', 'http://127.0.0.1.nip.example:8790', 'http://localhost.example:8790']) {
    await page.getByLabel('ThoughtSpot host').fill(host);
    await page.getByLabel('Bearer token', { exact: true }).fill('any-token');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByRole('alert')).toContainText('Plain http:// would send the token unencrypted');
  }
  expect(asked).toEqual([]);
  await page.getByLabel('ThoughtSpot host').fill('http://127.evil.example:8790');
  await page.getByText('Advanced', { exact: true }).click();
  await page.getByLabel('Allow plain http:// to a host that is not this computer').check();
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('alert')).not.toContainText('Plain http://');
  await expect.poll(() => asked.length).toBeGreaterThan(0);
});
