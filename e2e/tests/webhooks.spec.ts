import { test, expect, connectWithToken, demoState, resetDemo, setFaults, row, signIn } from './helpers';

test.beforeEach(async ({ request }) => {
  await resetDemo(request);
});

async function openWebhooks(page: any) {
  await connectWithToken(page);
  await page.getByRole('button', { name: 'Webhooks', exact: true }).click();
  await expect(page.getByTestId('webhook-count')).toHaveText('1–3 of 3');
}

test('create → test event → history → edit → delete, with secrets never sent back', async ({ page, request }) => {
  const bodies: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/webhooks/')) bodies.push(r.postData() ?? ''); });
  await openWebhooks(page);

  await page.getByRole('button', { name: 'New webhook' }).click();
  await expect(page.getByText('Created in the Org your session is scoped to: Primary (id 0).')).toBeVisible();
  await page.getByRole('button', { name: 'Create webhook' }).click();
  await expect(page.getByText('A name is required.')).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Primary schedules');
  await page.getByLabel('URL (https://)').fill('http://receiver.example.com/hook');
  await page.getByRole('button', { name: 'Create webhook' }).click();
  await expect(page.getByText('The URL must use https:// (http:// only for localhost).')).toBeVisible();
  await page.getByLabel('URL (https://)').fill('https://receiver.example.com/hook');
  await page.getByLabel('Authentication').selectOption('API_KEY');
  await page.getByLabel('API key name').fill('X-Api-Key');
  await page.getByLabel('API key value').fill('k3y-v4lue');
  await page.getByLabel('Additional headers (Name: value, one a line)').fill('X-Team: reporting');
  await page.getByRole('button', { name: 'Create webhook' }).click();
  await expect(page.getByText('Saved webhook "Primary schedules".')).toBeVisible();
  await expect(page.getByTestId('webhook-count')).toHaveText('1–4 of 4');
  let stored = (await demoState(request)).cluster.webhooks.find((w: any) => w.name === 'Primary schedules');
  expect(stored.org_id).toBe(0);
  expect(stored.authentication.API_KEY).toEqual({ key: 'X-Api-Key', value: 'k3y-v4lue' });
  expect(stored.additional_headers).toEqual([{ key: 'X-Team', value: 'reporting' }]);

  await page.getByRole('button', { name: 'Send test event to Primary schedules' }).click();
  await expect(page.getByTestId('test-result')).toContainText('SUCCESS');
  await expect(page.getByRole('cell', { name: 'HTTP_CONNECTION_CHECK' })).toBeVisible();
  await page.getByRole('button', { name: 'Deliveries of Primary schedules' }).click();
  await expect(page.getByTestId('history').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('history')).toContainText('SUCCESS');

  await page.getByRole('button', { name: 'Edit Primary schedules' }).click();
  await expect(page.getByLabel('API key value')).toHaveValue('');
  await page.getByLabel('Description').fill('Schedules of the primary Org');
  await page.getByRole('button', { name: 'Save webhook' }).click();
  // The toast of the create may still be up: wait for the update itself.
  await expect.poll(async () => (await demoState(request)).cluster.webhooks
    .find((w: any) => w.name === 'Primary schedules')?.description).toBe('Schedules of the primary Org');
  await expect(page.getByText('Saved webhook "Primary schedules".').last()).toBeVisible();
  stored = (await demoState(request)).cluster.webhooks.find((w: any) => w.name === 'Primary schedules');
  expect(stored.authentication.API_KEY.value).toBe('k3y-v4lue');
  const update = bodies.find((b) => b.includes('Schedules of the primary Org'))!;
  expect(JSON.parse(update)).toEqual({ description: 'Schedules of the primary Org' });
  expect(bodies.join('\n')).not.toContain('***');

  await page.getByRole('button', { name: 'Delete Primary schedules' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Delete webhook "Primary schedules"?');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('Deleted 1, failed 0.')).toBeVisible();
  await expect(page.getByTestId('webhook-count')).toHaveText('1–3 of 3');
});

test('a failing receiver shows the failed step, and an old server hides test and history', async ({ page, request }) => {
  await openWebhooks(page);
  await setFaults(request, { failing_receiver: true });
  await page.getByRole('button', { name: 'Send test event to HR schedules' }).click();
  await expect(page.getByTestId('test-result')).toContainText('FAILED');
  await expect(page.getByRole('cell', { name: 'The receiver answered HTTP 500 Internal Server Error.' })).toBeVisible();
  // The release said 26.8, but the test event now answers 404: a Beta API switched off.
  await setFaults(request, { release: '26.2.0.cl' });
  await page.getByRole('button', { name: 'Send test event to HR schedules' }).click();
  await expect(page.getByTestId('no-results')).toContainText('Test event is a Beta API that is not enabled on this cluster');
  await expect(page.getByRole('button', { name: /Send test event/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit HR schedules' })).toBeVisible();
});

test('the warning appears and disappears as the channel and the webhook change', async ({ page, request }) => {
  await connectWithToken(page);
  const eng = row(page, 'Engineering').locator('td.webhook');
  await expect(eng).toContainText('WEBHOOK on, no webhook');
  await expect(row(page, 'Finance').locator('td.webhook')).toContainText('Webhook unused');
  await expect(row(page, 'Marketing').locator('td.webhook')).not.toContainText('⚠');

  // One click: channel off for Engineering, on for Finance.
  await eng.getByRole('button', { name: 'Turn WEBHOOK off for Engineering' }).click();
  await expect(eng).not.toContainText('⚠');
  await row(page, 'Finance').locator('td.webhook').getByRole('button', { name: 'Turn WEBHOOK on for Finance' }).click();
  await expect(row(page, 'Finance').locator('td.webhook')).not.toContainText('⚠');
  await expect(page.getByTestId('changes').locator('li')).toHaveCount(2);

  // Before Save: a default of WEBHOOK would leave inheriting Orgs without a webhook.
  await page.locator('.cluster').getByLabel('WEBHOOK').check();
  await expect(page.getByTestId('webhook-warnings')).toContainText('will have WEBHOOK on and no webhook');
  await expect(page.getByTestId('webhook-warnings')).toContainText('Primary');

  // Sales EMEA: its webhook is made in its own Org, so the table offers to switch there.
  await row(page, 'Sales EMEA').locator('td.webhook')
    .getByRole('button', { name: 'Switch to this Org to create its webhook for Sales EMEA' }).click();
  await expect(page.getByRole('heading', { name: 'Switch to Org Sales EMEA (id 2100019165)' })).toBeVisible();
  await expect(page.getByText('To create one for Sales EMEA (id 2100019165), switch to that Org (your draft is kept).')).toBeVisible();
  await page.locator('.connect').getByRole('button', { name: 'Cancel' }).click();
  await page.locator('.webhook-form').getByRole('button', { name: 'Cancel' }).click();

  // A webhook made for Engineering elsewhere: after a reload the warning follows the server.
  const token = (await (await request.post('/api/rest/2.0/auth/token/full', {
    data: { username: 'admin', password: 'demo-password', org_id: 1744203987 },
  })).json()).token;
  const made = await request.post('/api/rest/2.0/webhooks/create', {
    headers: { Authorization: `Bearer ${token}` },
    data: { name: 'Engineering schedules', url: 'https://hooks.example.com/eng', events: ['LIVEBOARD_SCHEDULE'] },
  });
  expect(made.status()).toBe(200);
  await page.getByRole('button', { name: 'Channel preferences' }).click();
  await page.getByTestId('reload').click();
  // The draft turns WEBHOOK off for Engineering, which now has a webhook: the reverse warning.
  await expect(row(page, 'Engineering').locator('td.webhook')).toContainText('Webhook unused');
});

test('an Org goes from email to a working webhook without leaving the panel', async ({ page, request }) => {
  // Support inherits the default (never set: email) and has no webhook.
  await page.goto('/');
  await signIn(page, 'admin');
  const support = row(page, 'Support');
  await page.getByLabel('Mode for Support').selectOption('override');
  await page.getByLabel('WEBHOOK for Support', { exact: true }).check();
  await page.getByLabel('EMAIL for Support', { exact: true }).uncheck();
  await expect(support.locator('td.webhook')).toContainText('WEBHOOK on, no webhook');
  // One action: switch to Support (password asked again, username and host kept) and create its webhook.
  await support.getByRole('button', { name: 'Switch to this Org to create its webhook for Support' }).click();
  await expect(page.getByLabel('Username', { exact: true })).toHaveValue('admin');
  await page.getByLabel('Password', { exact: true }).fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Current Org:')).toContainText('Support (id 1889012345)');
  await expect(page.getByText('Created in the Org your session is scoped to: Support (id 1889012345).')).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Support schedules');
  await page.getByLabel('URL (https://)').fill('https://hooks.example.com/support');
  await page.getByLabel('Authentication').selectOption('BEARER_TOKEN');
  await page.getByLabel('Bearer token').fill('receiver-token');
  await page.getByRole('button', { name: 'Create webhook' }).click();
  await page.getByRole('button', { name: 'Send test event to Support schedules' }).click();
  await expect(page.getByTestId('test-result')).toContainText('SUCCESS');

  // Back in the Primary Org, the draft is intact and the warning is gone.
  await page.getByRole('button', { name: 'Switch to the Primary Org' }).click();
  await page.getByLabel('Password', { exact: true }).fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Current Org:')).toContainText('Primary (id 0)');
  await page.getByRole('button', { name: 'Channel preferences' }).click();
  await expect(page.getByTestId('changes')).toContainText('Support (id 1889012345), LIVEBOARD_SCHEDULE: inherits the cluster default → override: WEBHOOK');
  await expect(support.locator('td.webhook')).not.toContainText('⚠');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('1 of 1');
  const state = await demoState(request);
  expect(state.cluster.orgs.find((o: any) => o.name === 'Support').preferences).toEqual({ LIVEBOARD_SCHEDULE: ['WEBHOOK'] });
  expect(state.cluster.webhooks.find((w: any) => w.name === 'Support schedules').org_id).toBe(1889012345);
  // The password was never kept.
  const kept = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(kept).not.toContain('demo-password');
});
