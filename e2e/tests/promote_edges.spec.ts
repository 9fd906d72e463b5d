import { test, expect, connectWithToken, connectHere, demoState, resetDemo, settled, PASSWORD } from './helpers';
import type { APIRequestContext, Page, Route } from '@playwright/test';
import { otherPort } from '../playwright.config';
import { B, stateOfB, faultsOnB, recordCalls, connectBoth, compareAB } from './two_clusters';

/**
 * The edges of a promotion from A (this site's cluster) to B (the second
 * demo cluster): an answer lost after B acted, a secret left empty, B's own
 * pending changes, the cluster default the API cannot un-set, a promotion
 * dropped before it runs, and B disconnected while it runs.
 */

const API = '/api/rest/2.0';
const CREATE = `${API}/webhooks/create`;
/** B's webhook updates: `webhooks/{id}/update`. */
const UPDATE = /^\/api\/rest\/2\.0\/webhooks\/[^/]+\/update$/;
const CONFIGURE = `${API}/system/preferences/communication-channels/configure`;
const LS = 'LIVEBOARD_SCHEDULE';

/** How many calls to a path `path` matches a demo state's call log counts. */
function callsTo(state: any, path: RegExp): number {
  return Object.entries(state.calls as Record<string, number>)
    .filter(([p]) => path.test(p))
    .reduce((n, [, k]) => n + k, 0);
}

test.beforeEach(async ({ request }) => {
  await resetDemo(request);
  expect((await request.post(`${B}/__demo/reset`)).status()).toBe(204);
  // No fault left over from another spec; B as it started.
  await faultsOnB(request, {});
});

/** Picks the named Orgs and opens the review of their promotion. */
async function review(page: Page, names: string[]) {
  for (const name of names) await page.getByLabel(`Pick ${name} for promotion`).check();
  await expect(page.getByTestId('picked-count')).toHaveText(`${names.length} picked`);
  await page.getByRole('button', { name: `Review the promotion of ${names.length} Org(s)` }).click();
}

const financeLabel = 'Bearer token for "Finance archive" (Org Finance)';
const marketingLabel = 'Bearer token for "Marketing schedules" (Org Marketing)';

test('an answer lost: B created the webhook, the page saw a network error; the rest finds it there and creates nothing twice', async ({ page, request, secrets }) => {
  await connectBoth(page);
  await compareAB(page);
  await review(page, ['Finance']);
  const card = page.getByTestId('promotion');
  const steps = card.getByTestId('promotion-steps').locator('li');
  // Finance's preferences are the same on both: only the webhook create.
  await expect(steps).toHaveCount(1);
  await expect(steps.nth(0)).toContainText('Create webhook "Finance archive" in Org Finance');
  const secret = 'fin-lost-answer-71c3';
  secrets.password(secret);
  await steps.nth(0).getByLabel(financeLabel).fill(secret);
  await card.getByLabel('Password').fill(PASSWORD);

  // B gets the create and acts on it; the page gets a network error instead of the answer.
  let lost = 0;
  await page.route(`${B}${CREATE}`, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const resp = await route.fetch();
    expect(resp.ok(), 'B answered the create').toBeTruthy();
    lost += 1;
    await route.abort('failed');
  }, { times: 1 });
  await card.getByRole('button', { name: 'Promote to B' }).click();
  await expect(steps.nth(0)).toHaveAttribute('data-state', 'failed');
  // The page read no answer: the note is one of the network ones (B answered
  // before, so the panel guesses a gateway without CORS headers), not a refusal.
  await expect(steps.nth(0)).toContainText(/ — (Network or CORS error|The host did not answer|The server answered without CORS headers)/);
  expect(lost).toBe(1);
  let b = await stateOfB(request);
  expect(b.cluster.webhooks.filter((w: any) => w.name === 'Finance archive')).toHaveLength(1);
  expect(b.calls[CREATE]).toBe(1);
  await expect(card.getByTestId('promotion-done')).toHaveCount(0);

  // Run the rest: the webhook is found as asked, and not created again.
  await card.getByRole('button', { name: 'Run the rest' }).click();
  await expect(card.getByTestId('promotion-done')).toBeVisible();
  await expect(steps.nth(0)).toHaveAttribute('data-state', 'done');
  await expect(steps.nth(0)).toContainText('Already on B as asked');
  b = await stateOfB(request);
  const finance = b.cluster.webhooks.filter((w: any) => w.name === 'Finance archive');
  expect(finance).toHaveLength(1);
  expect(finance[0].org_id).toBe(b.cluster.orgs.find((o: any) => o.name === 'Finance').id);
  expect(finance[0].authentication.BEARER_TOKEN).toBe(secret);
  expect(b.calls[CREATE]).toBe(1);
});

test('a needed secret left empty: that step fails with the form\'s message and sends nothing; filled, the rest finishes', async ({ page, request, secrets }) => {
  const calls = recordCalls(page);
  await connectBoth(page);
  await compareAB(page);
  await review(page, ['Finance', 'Marketing']);
  const card = page.getByTestId('promotion');
  const steps = card.getByTestId('promotion-steps').locator('li');
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(0)).toContainText('Create webhook "Finance archive" in Org Finance');
  await expect(steps.nth(1)).toContainText('Update webhook "Marketing schedules" in Org Marketing');
  const financeSecret = 'fin-empty-case-2b8e';
  const marketingSecret = 'mkt-empty-case-5d1a';
  secrets.password(financeSecret);
  secrets.password(marketingSecret);
  await steps.nth(0).getByLabel(financeLabel).fill(financeSecret);
  await card.getByLabel('Password').fill(PASSWORD);
  // Marketing's new kind of authentication needs its secret: left empty.
  await card.getByRole('button', { name: 'Promote to B' }).click();
  await expect(steps.nth(1)).toHaveAttribute('data-state', 'failed');
  await expect(steps.nth(0)).toHaveAttribute('data-state', 'done');
  await expect(steps.nth(1)).toContainText('Enter the secret for this authentication.');
  let b = await stateOfB(request);
  expect(callsTo(b, UPDATE), 'updates that reached B').toBe(0);
  expect(b.calls[CREATE] ?? 0).toBe(1);
  expect(calls.filter((c) => UPDATE.test(new URL(c.url).pathname))).toEqual([]);
  const marketing = () => b.cluster.webhooks.find((w: any) => w.name === 'Marketing schedules');
  expect(marketing().url).toBe('https://receiver.example.net/marketing');
  expect(marketing().authentication.API_KEY).toBeTruthy();

  // Filled: the rest is only the update; the create is not made again.
  await steps.nth(1).getByLabel(marketingLabel).fill(marketingSecret);
  await card.getByRole('button', { name: 'Run the rest' }).click();
  await expect(card.getByTestId('promotion-done')).toBeVisible();
  b = await stateOfB(request);
  expect(callsTo(b, UPDATE)).toBe(1);
  expect(b.calls[CREATE]).toBe(1);
  expect(marketing().url).toBe('https://hooks.example.com/marketing');
  expect(marketing().authentication.BEARER_TOKEN).toBe(marketingSecret);
  expect(b.cluster.webhooks.filter((w: any) => w.name === 'Finance archive')).toHaveLength(1);
  expect(calls.filter((c) => c.status === 400 || c.status === 415)).toEqual([]);
});

test('B has pending changes of its own: the review of a promotion is refused, and B\'s draft is left as it was', async ({ page, request }) => {
  await connectBoth(page);
  // On B's preferences screen: Engineering inherits there; make it an override.
  await expect(page.getByLabel('Mode for Engineering')).toHaveValue('inherit');
  await expect(page.getByLabel('Mode for Support')).toHaveValue('override');
  await page.getByLabel('Mode for Engineering').selectOption('override');
  await expect(page.getByTestId('changes').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('changes')).toContainText('Engineering');
  await compareAB(page);
  await review(page, ['Support', 'Sales Americas']);
  const card = page.locator('section.promote');
  await expect(card.getByRole('alert')).toHaveText('B has pending changes of its own: save or discard them on B first.');
  await expect(page.getByTestId('promotion')).toHaveCount(0);
  // The picks stay, for after B's draft is dealt with.
  await expect(page.getByTestId('picked-count')).toHaveText('2 picked');

  // B's draft: its own change only; Support and Sales Americas as B holds them.
  await page.getByRole('button', { name: 'Channel preferences' }).click();
  await expect(page.locator('.session-bar .who')).toContainText(String(otherPort));
  await expect(page.getByTestId('changes').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('changes')).toContainText('Engineering');
  await expect(page.getByTestId('changes')).not.toContainText('Support');
  await expect(page.getByLabel('Mode for Engineering')).toHaveValue('override');
  await expect(page.getByLabel('Mode for Support')).toHaveValue('override');
  await expect(page.getByLabel('Mode for Sales Americas')).toHaveValue('override');
  const b = await stateOfB(request);
  expect(b.configure_log).toEqual([]);
  expect(b.calls[CONFIGURE] ?? 0).toBe(0);
});

test('the cluster default: A\'s never set, B\'s EMAIL; promoting it says the API cannot un-set B\'s, and sends no default', async ({ page, request }) => {
  const calls = recordCalls(page);
  await connectBoth(page);
  await compareAB(page);
  await expect(page.getByTestId('compare-default')).toHaveAttribute('data-differs', 'differs');
  await expect(page.getByTestId('compare-default')).toContainText('never set');
  await page.getByLabel('The cluster default too').check();
  await review(page, ['Support']);
  const card = page.getByTestId('promotion');
  await expect(card.getByTestId('promotion-cannot')).toContainText('the API cannot un-set B\'s');
  await expect(card.getByTestId('promotion-cannot')).toContainText('EMAIL');
  // B's default is EMAIL already: the only change is Support's.
  await expect(card.getByTestId('promotion-changes').locator('li')).toHaveCount(1);
  await expect(card.getByTestId('promotion-changes')).toContainText('Support');
  const steps = card.getByTestId('promotion-steps').locator('li');
  await expect(steps).toHaveCount(1);
  await expect(steps.nth(0)).toContainText('One configure call with 1 preference change(s)');
  await card.getByRole('button', { name: 'Promote to B' }).click();
  await expect(card.getByTestId('promotion-done')).toBeVisible();

  const b = await stateOfB(request);
  expect(b.configure_log).toHaveLength(1);
  const body = b.configure_log[0];
  expect(body.cluster_preferences ?? [], 'a cluster default sent to B').toEqual([]);
  const support = b.cluster.orgs.find((o: any) => o.name === 'Support');
  expect(body.org_preferences).toEqual([{ org_identifier: String(support.id), operation: 'RESET', reset_events: [LS] }]);
  expect(b.cluster.defaults).toEqual({ [LS]: ['EMAIL'] });
  expect(support.preferences).toEqual({});
  const refused = calls.filter((c) => c.status === 400 || c.status === 415);
  expect(refused, 'requests refused').toEqual([]);
  // Nothing went to A.
  expect((await demoState(request)).configure_log).toEqual([]);
});

test('"Drop this promotion" before it runs: B\'s draft is what it was, and B\'s configure endpoint is never called', async ({ page, request }) => {
  const calls = recordCalls(page);
  await connectBoth(page);
  await compareAB(page);
  await review(page, ['Support', 'Engineering', 'Finance']);
  const card = page.getByTestId('promotion');
  await expect(card.getByTestId('promotion-changes').locator('li')).toHaveCount(2);
  await expect(card.getByTestId('promotion-steps').locator('li')).toHaveCount(2);
  await card.getByRole('button', { name: 'Drop this promotion' }).click();
  await expect(page.getByTestId('promotion')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Review the promotion of/ })).toBeVisible();

  // B's review: nothing pending; B's values as B holds them.
  await page.getByRole('button', { name: 'Channel preferences' }).click();
  await expect(page.locator('.session-bar .who')).toContainText(String(otherPort));
  await settled(page);
  await expect(page.locator('#review-title')).toHaveText('Review (no pending changes)');
  await expect(page.getByTestId('changes')).toHaveCount(0);
  await expect(page.getByLabel('Mode for Support')).toHaveValue('override');
  await expect(page.getByLabel('Mode for Engineering')).toHaveValue('inherit');
  // Nor is a draft kept for B in this browser.
  const drafts = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('tspanel.draft.v1:')));
  for (const [k, v] of drafts) expect(`${k} ${v}`).not.toMatch(/Support|Engineering|RESET|REPLACE/);
  const b = await stateOfB(request);
  expect(b.calls[CONFIGURE] ?? 0).toBe(0);
  expect(b.calls[CREATE] ?? 0).toBe(0);
  expect(b.configure_log).toEqual([]);
  expect(calls.filter((c) => /configure|webhooks\/(create|update|delete)/.test(c.url))).toEqual([]);
});

test('B disconnected while a promotion runs: the page goes on, and A stays connected and usable', async ({ page, request, secrets }) => {
  await connectBoth(page);
  await compareAB(page);
  await review(page, ['Support', 'Finance']);
  const card = page.getByTestId('promotion');
  const steps = card.getByTestId('promotion-steps').locator('li');
  await expect(steps).toHaveCount(2);
  const secret = 'fin-disconnect-3a9f';
  secrets.password(secret);
  await steps.nth(1).getByLabel(financeLabel).fill(secret);
  await card.getByLabel('Password').fill(PASSWORD);

  // B's answer to the create is held until B is disconnected.
  const held: Route[] = [];
  await page.route(`${B}${CREATE}`, (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    held.push(route);
  });
  await card.getByRole('button', { name: 'Promote to B' }).click();
  await expect.poll(() => held.length, { message: 'the create held' }).toBe(1);
  await expect(steps.nth(0)).toHaveAttribute('data-state', 'done');
  await expect(card.getByText('Running…')).toBeVisible();

  await expect(page.locator('.session-bar .who')).toContainText(String(otherPort));
  await page.locator('.session-bar').getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.locator('.session-bar .who')).not.toContainText(String(otherPort));
  await expect(page.locator('.session-bar .who')).toContainText("this site's proxy");
  await expect(page.locator('.cluster-tab')).toHaveCount(1);
  await expect(page.getByTestId('promotion')).toHaveCount(0);

  // Let the create go: its answer (or its failure) meets a cluster that is gone.
  const finished = new Promise<void>((resolve) => {
    const done = (r: import('@playwright/test').Request) => { if (r.url() === `${B}${CREATE}`) resolve(); };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
  });
  await held[0].continue().catch(() => {});
  await finished;
  await page.unroute(`${B}${CREATE}`);

  // A is still connected, on its own, and works: a change saved on A.
  await expect(page.getByTestId('compare-needs-two')).toBeVisible();
  await page.getByRole('button', { name: 'Channel preferences' }).click();
  await settled(page);
  await expect(page.getByTestId('changes')).toHaveCount(0);
  await page.getByLabel('Mode for Support').selectOption('override');
  await expect(page.getByTestId('changes').locator('li')).toHaveCount(1);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText(/Saved\. The server now holds 1 of 1 change\(s\)\./)).toBeVisible();
  const a = await demoState(request);
  expect(a.configure_log).toHaveLength(1);
  expect(a.calls[CREATE] ?? 0).toBe(0);
  // Nothing of the promotion went to A; B got its configure call only once.
  const b = await stateOfB(request);
  expect(b.configure_log).toHaveLength(1);
  expect(b.cluster.webhooks.filter((w: any) => w.name === 'Finance archive').length).toBeLessThanOrEqual(1);
});
