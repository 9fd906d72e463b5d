// What the two-cluster specs share: the second demo cluster (B), its state
// and faults, a record of the page's calls, and connecting and comparing both.
import { expect, connectWithToken, connectHere, settled } from './helpers';
import type { APIRequestContext, Page } from '@playwright/test';
import { otherPort, otherRelease } from '../playwright.config';

/** The second demo cluster (B): the other variant, at an older release. */
export const B = `http://127.0.0.1:${otherPort}`;

export async function stateOfB(request: APIRequestContext) {
  const r = await request.get(`${B}/__demo/state`);
  expect(r.ok()).toBeTruthy();
  return r.json();
}

/** Faults on B (its release and the page's origins stay as it started). */
export async function faultsOnB(request: APIRequestContext, faults: object) {
  const origins = ['http://127.0.0.1', 'http://localhost'].map((h) => `${h}:${otherPort - 2}`);
  const r = await request.post(`${B}/__demo/faults`, { data: { release: otherRelease, cors_origins: origins, ...faults } });
  expect(r.ok()).toBeTruthy();
}

/** Every API call the page makes, with its answer's status. */
export function recordCalls(page: Page) {
  const calls: { url: string; method: string; body: string; status?: number }[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/rest/2.0/')) calls.push({ url: r.url(), method: r.method(), body: r.postData() ?? '' });
  });
  page.on('response', (r) => {
    const c = calls.find((c) => c.url === r.url() && c.status === undefined && r.request().postData() === (c.body || null));
    if (c) c.status = r.status();
  });
  return calls;
}

/** Connects A (this site) and then B, from the cluster bar; B is shown. */
export async function connectBoth(page: Page) {
  await connectWithToken(page);
  await settled(page);
  await page.getByRole('button', { name: 'Connect another cluster' }).click();
  await connectHere(page, B);
  await expect(page.getByRole('button', { name: 'Connect another cluster' })).toBeVisible();
  await expect(page.locator('.cluster-tab')).toHaveCount(2);
  await expect(page.locator('.session-bar .who')).toContainText(String(otherPort));
  await settled(page);
}

/** The compare screen with A = this site's cluster, B = the second. */
export async function compareAB(page: Page) {
  await page.getByRole('button', { name: 'Compare clusters' }).click();
  await expect(page).toHaveURL(/#\/compare$/);
  // The shown cluster (B) is A by default: swap, so that A is the first.
  await page.getByRole('button', { name: 'Swap A and B' }).click();
  await expect(page.locator('.compare-pair')).toContainText(`B: `);
  await expect(page.locator('#compare-b option:checked')).toContainText(String(otherPort));
  await expect(page.getByTestId('compare-tally')).toBeVisible();
}
