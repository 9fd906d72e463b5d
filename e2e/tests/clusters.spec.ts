import { readFileSync } from 'fs';
import { test, expect, connectWithToken, connectHere, demoState, resetDemo, settled, row, token, PASSWORD } from './helpers';
import type { APIRequestContext, Page } from '@playwright/test';
import { otherPort, otherRelease } from '../playwright.config';
import { B, stateOfB, faultsOnB, recordCalls, connectBoth, compareAB } from './two_clusters';

test.beforeEach(async ({ request }) => {
  await resetDemo(request);
  expect((await request.post(`${B}/__demo/reset`)).status()).toBe(204);
});

test('two clusters side by side: each keeps its draft and screen, with a name and colour kept per host', async ({ page }) => {
  await connectWithToken(page);
  await settled(page);
  await page.getByLabel('Mode for Support').selectOption('override');
  await page.getByRole('button', { name: 'Connect another cluster' }).click();
  await connectHere(page, B);
  await expect(page.locator('.cluster-tab')).toHaveCount(2);
  await settled(page);
  // B's own Orgs (Staging Lab is only there), and no draft of A's.
  await expect(row(page, 'Staging Lab')).toHaveCount(1);
  await expect(page.getByTestId('release')).toContainText(otherRelease);
  await expect(page.getByTestId('changes')).toHaveCount(0);
  await expect(page.getByLabel('Mode for Engineering')).toHaveValue('inherit');
  await page.locator('summary', { hasText: 'Name and colour' }).click();
  await page.getByLabel('Name of this cluster').fill('Staging');
  await page.getByLabel('Colour').selectOption({ index: 3 });
  await page.getByRole('button', { name: 'Keep' }).click();
  await expect(page.locator('.cluster-tab[aria-pressed=true]')).toContainText('Staging');
  // Back to A: its draft is as it was left.
  await page.locator('.cluster-tab[aria-pressed=false]').click();
  await expect(row(page, 'Legal')).toHaveCount(1);
  await expect(page.getByLabel('Mode for Support')).toHaveValue('override');
  await expect(page.getByTestId('changes').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('changes')).toContainText('Support');
  // The name is kept for B's host in this browser (never a token).
  const kept = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('tspanel.cluster.v1:')));
  expect(kept).toHaveLength(1);
  expect(kept[0][0]).toContain(String(otherPort));
  expect(kept[0][1]).toContain('Staging');
  expect(kept[0][1]).not.toContain(token);
});

test('compare: the cluster default and the Orgs as the seeds differ, filtered, paged and exported', async ({ page }) => {
  await connectBoth(page);
  await compareAB(page);
  const tally = page.getByTestId('compare-tally');
  // The seeds: 13 Orgs match by name; Sales Americas, Zürich Analytics,
  // Engineering, Support and Data Science differ in preferences, Finance and
  // Marketing in their webhooks; Legal and Sales EMEA are only on A, Staging
  // Lab and "sales  emea" only on B, and the two near-duplicates are flagged.
  await expect(tally).toHaveAttribute('data-differing', '7');
  await expect(tally).toHaveAttribute('data-same', '6');
  await expect(tally).toHaveAttribute('data-only-a', '2');
  await expect(tally).toHaveAttribute('data-only-b', '2');
  await expect(tally).toHaveAttribute('data-similar', '2');
  await expect(page.getByTestId('compare-default')).toHaveAttribute('data-differs', 'differs');
  await expect(page.getByTestId('compare-default')).toContainText('never set');

  const rows = page.locator('.compare-table tbody tr');
  await expect(rows).toHaveCount(17);
  await page.getByLabel('Show').selectOption('differences');
  await expect(rows).toHaveCount(11);
  await expect(page.locator('.compare-table tr[data-org="HR"]')).toHaveCount(0);
  await page.getByLabel('Show').selectOption('only-b');
  await expect(rows).toHaveCount(2);
  await expect(page.locator('.compare-table tr[data-org="sales  emea"]')).toContainText('not matched: the other side has "Sales EMEA"');
  await page.getByLabel('Show').selectOption('all');
  await page.getByLabel('Filter').fill('market');
  await expect(rows).toHaveCount(1);
  const marketing = page.locator('.compare-table tr[data-org="Marketing"]');
  await expect(marketing.locator('.differs-cell')).toHaveText('webhook URL, authentication, header names');
  await expect(marketing).toContainText('Bearer token (secret set)');
  await expect(marketing).toContainText('headers X-Team');
  await expect(marketing).not.toContainText('***');
  await expect(marketing).not.toContainText('marketing"');
  // Delivery health, on each side that has it (B is at 26.4: it has).
  await page.getByLabel('Filter').fill('HR');
  const hr = page.locator('.compare-table tr[data-org="HR"]');
  await expect(hr).toContainText(/A: .*failed/);
  await expect(hr).toContainText(/B: .*failed/);

  await page.getByLabel('Filter').fill('');
  await page.getByLabel('Show').selectOption('differences');
  const csv = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const text = readFileSync(await (await csv).path(), 'utf8');
  const lines = text.trim().split(/\r?\n/);
  expect(lines).toHaveLength(1 + 1 + 11);
  expect(lines[1]).toContain('(cluster default)');
  expect(text).toContain('Support');
  expect(text).not.toContain('HR schedules');
  expect(text).not.toContain('***');
  const json = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const doc = JSON.parse(readFileSync(await (await json).path(), 'utf8'));
  expect(doc.format).toBe('ts-channels-panel/comparison');
  expect(doc.orgs).toHaveLength(11);
});

test('promote A → B: a draft and webhook steps, a failure in the middle, the rest on retry, nothing twice', async ({ page, request, secrets }) => {
  const calls = recordCalls(page);
  await connectBoth(page);
  await compareAB(page);
  const before = await demoState(request);
  await page.getByLabel('Show').selectOption('differences');
  for (const name of ['Support', 'Engineering', 'Finance', 'Marketing']) {
    await page.getByLabel(`Pick ${name} for promotion`).check();
  }
  await expect(page.getByTestId('picked-count')).toHaveText('4 picked');
  await page.getByRole('button', { name: 'Review the promotion of 4 Org(s)' }).click();
  const card = page.getByTestId('promotion');
  await expect(card.getByTestId('promotion-changes').locator('li')).toHaveCount(2);
  await expect(card.getByTestId('promotion-changes')).toContainText('Support');
  const steps = card.getByTestId('promotion-steps').locator('li');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toContainText('One configure call with 2 preference change(s)');
  await expect(steps.nth(1)).toContainText('Create webhook "Finance archive" in Org Finance');
  await expect(steps.nth(2)).toContainText('Update webhook "Marketing schedules" in Org Marketing');
  // B's release (26.4) lacks nothing A's webhooks use; the status field is never sent.
  // Secrets are asked for: Finance's new webhook and Marketing's new kind of authentication.
  const financeSecret = 'fin-bearer-9f2c1d';
  const marketingSecret = 'mkt-bearer-4e7a0b';
  secrets.password(financeSecret);
  secrets.password(marketingSecret);
  await steps.nth(1).getByLabel('Bearer token for "Finance archive" (Org Finance)').fill(financeSecret);
  await steps.nth(2).getByLabel('Bearer token for "Marketing schedules" (Org Marketing)').fill(marketingSecret);
  // Finance's webhook is created in Finance: an Org switch on B, with one password.
  await expect(card.locator('fieldset.org-switch legend')).toHaveText('Sign-in for 1 Org switch(es) on B');
  await card.getByLabel('Password').fill(PASSWORD);
  // The create fails once: the configure call has landed, the rest has not.
  await faultsOnB(request, { status: 500, path: '/webhooks/create', times: 1 });
  await card.getByRole('button', { name: 'Promote to B' }).click();
  await expect(steps.nth(1)).toHaveAttribute('data-state', 'failed');
  await expect(steps.nth(0)).toHaveAttribute('data-state', 'done');
  await expect(steps.nth(2)).toHaveAttribute('data-state', 'pending');
  let b = await stateOfB(request);
  expect(b.configure_log).toHaveLength(1);
  expect(b.cluster.webhooks.filter((w: any) => w.name === 'Finance archive')).toHaveLength(0);
  // Run the rest: the create and the update, each read back; the configure call is not made again.
  await faultsOnB(request, {});
  await card.getByRole('button', { name: 'Run the rest' }).click();
  await expect(card.getByTestId('promotion-done')).toBeVisible();
  b = await stateOfB(request);
  expect(b.configure_log).toHaveLength(1);
  const org = (name: string) => b.cluster.orgs.find((o: any) => o.name === name);
  const aOrg = (name: string) => before.cluster.orgs.find((o: any) => o.name === name);
  for (const name of ['Support', 'Engineering']) {
    expect(org(name).preferences, name).toEqual(aOrg(name).preferences);
  }
  // Not picked: as it was.
  expect(org('Sales Americas').preferences).not.toEqual(aOrg('Sales Americas').preferences);
  const finance = b.cluster.webhooks.filter((w: any) => w.name === 'Finance archive');
  expect(finance).toHaveLength(1);
  expect(finance[0].org_id).toBe(org('Finance').id);
  expect(finance[0].url).toBe('https://hooks.example.com/finance');
  expect(finance[0].authentication.BEARER_TOKEN).toBe(financeSecret);
  const marketing = b.cluster.webhooks.find((w: any) => w.name === 'Marketing schedules');
  expect(marketing.url).toBe('https://hooks.example.com/marketing');
  expect(marketing.authentication.BEARER_TOKEN).toBe(marketingSecret);
  expect(marketing.additional_headers ?? []).toEqual([]);
  // A is untouched; no request was refused for the spec or B's release; no `***`.
  const after = await demoState(request);
  expect(after.cluster).toEqual(before.cluster);
  expect(after.configure_log).toEqual([]);
  const refused = calls.filter((c) => c.status === 400 || c.status === 415);
  expect(refused, 'requests the spec or the release refused').toEqual([]);
  expect(calls.filter((c) => c.body.includes('***'))).toEqual([]);
  const creates = calls.filter((c) => c.url.startsWith(B) && c.url.endsWith('/webhooks/create'));
  expect(creates).toHaveLength(2);
  expect(calls.filter((c) => !c.url.startsWith(B) && /configure|webhooks\/(create|update|delete)/.test(c.url))).toEqual([]);
  // The comparison follows: the promoted Orgs are the same now.
  await expect(page.getByTestId('compare-tally')).toHaveAttribute('data-differing', '3');

  // B's journal records the promotion and where it came from; revert puts B's preferences back in a draft.
  await page.getByRole('button', { name: 'Save journal' }).click();
  await expect(page.getByTestId('entry-origin')).toContainText('Promoted from');
  await page.getByRole('button', { name: /^Revert the save of/ }).click();
  await expect(page).toHaveURL(/#\/preferences$/);
  await expect(page.getByLabel('Mode for Support')).toHaveValue('override');
});
