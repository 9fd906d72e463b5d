import { test as base, expect, type Page, type APIRequestContext } from '@playwright/test';
import { token } from '../playwright.config';

export { token, expect };

/**
 * Every test runs with two watchers: any Content-Security-Policy violation, and
 * any console line or localStorage value holding the demo token, fails it.
 */
export const test = base.extend<{ watch: void }>({
  watch: [
    async ({ page }, use) => {
      const console: string[] = [];
      page.on('console', (m) => console.push(m.text()));
      await page.addInitScript(() => {
        (window as any).__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          (window as any).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      await use();
      if (page.url().startsWith('http')) {
        const csp = await page.evaluate(() => (window as any).__csp ?? []);
        expect(csp, 'CSP violations').toEqual([]);
        const local = await page.evaluate(() => JSON.stringify({ ...localStorage }));
        expect(local, 'the token in localStorage').not.toContain(token);
      }
      expect(console.filter((l) => l.includes('Content Security Policy')), 'CSP console reports').toEqual([]);
      expect(console.filter((l) => l.includes(token)), 'the token in the console').toEqual([]);
    },
    { auto: true },
  ],
});

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

/** Changes the demo server through its API, as another admin would. */
export async function configureBehindTheBack(request: APIRequestContext, body: object) {
  const r = await request.post('/api/rest/2.0/system/preferences/communication-channels/configure', {
    headers: { Authorization: `Bearer ${token}` },
    data: body,
  });
  expect(r.status()).toBe(204);
}

/** Opens the panel and connects with the demo token (host empty: same origin). */
export async function connectWithToken(page: Page, host = '') {
  await page.goto('/');
  await page.getByLabel('ThoughtSpot host').fill(host);
  await page.getByLabel('Bearer token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
}

export function row(page: Page, name: string) {
  return page.locator('.org-table tbody tr', { has: page.locator('td.name', { hasText: name }) });
}

export async function signIn(page: Page, username: string) {
  await page.getByLabel('With username and password').check();
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
}
