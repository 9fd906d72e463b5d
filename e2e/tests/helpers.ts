import { expect, type Page, type APIRequestContext } from '@playwright/test';
import { token } from '../playwright.config';

export { token };

/** The demo server's whole state: cluster, configure log, call counts. */
export async function demoState(request: APIRequestContext) {
  const r = await request.get('/__demo/state');
  expect(r.ok()).toBeTruthy();
  return r.json();
}

export async function resetDemo(request: APIRequestContext) {
  const r = await request.post('/__demo/reset');
  expect(r.status()).toBe(204);
}

export async function setFaults(request: APIRequestContext, faults: object) {
  const r = await request.post('/__demo/faults', { data: faults });
  expect(r.ok()).toBeTruthy();
}

/** Opens the panel and connects with the demo token (host empty: same origin). */
export async function connectWithToken(page: Page, host = '') {
  await page.goto('/');
  await page.getByLabel('ThoughtSpot host').fill(host);
  await page.getByLabel('Bearer token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
}
