import { test as base, expect, type Page, type APIRequestContext, type Download } from '@playwright/test';
import { readFileSync } from 'fs';
import { token } from '../playwright.config';

export { token, expect };

/** The password of every demo login. */
export const PASSWORD = 'demo-password';

/** Where a test has let a token be: the tab's memory (sessionStorage), a curl shown with the token. */
type OptIn = 'sessionStorage' | 'curl';

/**
 * Every secret a test meets: the static token, every token `auth/token/full`
 * hands the page, every password typed. Tests add what they type with
 * `secrets.password(...)` and say what the admin opted into with `secrets.optIn(...)`.
 */
export class Secrets {
  tokens = new Set<string>([token]);
  passwords = new Set<string>([PASSWORD]);
  opted = new Set<OptIn>();
  /** Console reports of a policy a test expects (another site framing the panel is refused). */
  expectedRefusals: RegExp[] = [];
  password(p: string) { this.passwords.add(p); }
  optIn(where: OptIn) { this.opted.add(where); }
  all(): string[] { return [...this.tokens, ...this.passwords]; }
}

function leaks(text: string, secrets: Iterable<string>): string[] {
  return [...secrets].filter((s) => s && text.includes(s));
}

/**
 * Every test runs with these watchers: a Content-Security-Policy violation
 * fails it, and so does any secret the test met appearing in the console, a
 * request URL, the page's URL, the page text (a curl the admin asked to hold
 * the token aside), localStorage, sessionStorage (the token only where the
 * admin opted in; a password never), or a downloaded file. localStorage may
 * hold only the panel's draft and journal keys.
 */
export const test = base.extend<{ secrets: Secrets; watch: void }>({
  secrets: async ({}, use) => {
    await use(new Secrets());
  },
  watch: [
    async ({ page, secrets }, use) => {
      const console: string[] = [];
      const errors: string[] = [];
      const urls: string[] = [];
      const downloads: Download[] = [];
      page.on('console', (m) => console.push(m.text()));
      // An uncaught error (a wasm panic aborts the module: "unreachable").
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('request', (r) => urls.push(r.url()));
      page.on('framenavigated', (f) => urls.push(f.url()));
      page.on('download', (d) => downloads.push(d));
      page.on('response', async (r) => {
        if (r.url().includes('/api/rest/2.0/auth/token/full') && r.ok()) {
          try {
            const t = (await r.json()).token;
            if (typeof t === 'string') secrets.tokens.add(t);
          } catch { /* not JSON: the test that asked for it fails on its own */ }
        }
      });
      await page.addInitScript(() => {
        (window as any).__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          (window as any).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      await use();
      expect(errors, 'errors the page did not catch (a panic aborts the panel)').toEqual([]);
      const all = secrets.all();
      const refusals = console.filter((l) => l.includes('Content Security Policy'));
      expect(refusals.filter((l) => !secrets.expectedRefusals.some((r) => r.test(l))), 'CSP console reports').toEqual([]);
      expect(console.flatMap((l) => leaks(l, all)), 'a secret in the console').toEqual([]);
      expect(urls.flatMap((u) => leaks(u, all)), 'a secret in a URL').toEqual([]);
      if (page.url().startsWith('http')) {
        const csp = await page.evaluate(() => (window as any).__csp ?? []);
        expect(csp, 'CSP violations').toEqual([]);
        const seen = await page.evaluate((curlOk) => {
          const local = { ...localStorage };
          const session = { ...sessionStorage };
          let text = document.body.innerText;
          if (curlOk) {
            for (const c of document.querySelectorAll('[data-testid=curl]')) text = text.replace((c as HTMLElement).innerText, '');
          }
          return { local, session, text };
        }, secrets.opted.has('curl'));
        const foreign = Object.keys(seen.local).filter((k) => !/^tspanel\.(draft|journal|cluster)\.v1:/.test(k));
        expect(foreign, 'localStorage keys that are not the panel\'s drafts or journal').toEqual([]);
        expect(leaks(JSON.stringify(seen.local), all), 'a secret in localStorage').toEqual([]);
        const sessionAllowed = secrets.opted.has('sessionStorage') ? [...secrets.passwords] : all;
        expect(leaks(JSON.stringify(seen.session), sessionAllowed), 'a secret in sessionStorage').toEqual([]);
        expect(leaks(seen.text, all), 'a secret in the page text').toEqual([]);
      }
      for (const d of downloads) {
        const path = await d.path();
        expect(leaks(readFileSync(path, 'utf8'), all), `a secret in the download ${d.suggestedFilename()}`).toEqual([]);
      }
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

/** Waits until the demo server has answered `n` calls to `path` (its call log), then returns its state. */
export async function callsLanded(request: APIRequestContext, path: string, n: number) {
  await expect.poll(async () => (await demoState(request)).calls[path] ?? 0, { message: `${n} call(s) to ${path}` }).toBe(n);
  return demoState(request);
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
  await connectHere(page, host);
}

/** Connects from the connect form on screen (the page is not loaded again). */
export async function connectHere(page: Page, host = '') {
  await page.getByLabel('ThoughtSpot host').fill(host);
  await page.getByLabel('Bearer token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
}

/**
 * Waits until nothing the panel starts on its own after connecting is still
 * in flight: the Orgs are shown and every Deliveries cell on the page has
 * its answer (those calls wait for the release read). A fault set after this
 * meets the call the test makes, not a late background read.
 */
export async function settled(page: Page) {
  await expect(page.getByTestId('org-count')).toBeVisible();
  // The table shows the preference answer first; the load has ended (the Org
  // list and webhooks added) when Reload is offered again.
  await expect(page.getByTestId('reload')).toHaveText('Reload');
  await expect(page.locator('.org-table td.deliveries', { hasText: '…' })).toHaveCount(0);
}

export function row(page: Page, name: string) {
  return page.locator('.org-table tbody tr', { has: page.locator('td.name', { hasText: name }) });
}

export async function signIn(page: Page, username: string) {
  await page.getByLabel('With username and password').check();
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Holds back the answers to the panel's API calls that `match` picks (by
 * path and method), until `release()`: meanwhile the test clicks what an
 * admin would. A call the page aborted meanwhile is let go quietly.
 */
export async function hold(page: Page, match: (path: string, method: string) => boolean) {
  const held: import('@playwright/test').Route[] = [];
  let holding = true;
  await page.route('**/api/rest/2.0/**', async (route) => {
    const r = route.request();
    const path = new URL(r.url()).pathname.replace('/api/rest/2.0', '');
    if (holding && match(path, r.method())) {
      held.push(route);
      return;
    }
    await route.continue().catch(() => {});
  });
  return {
    /** Waits until at least `n` calls are held. */
    async waitFor(n = 1) {
      await expect.poll(() => held.length, { message: `${n} call(s) held` }).toBeGreaterThanOrEqual(n);
    },
    count: () => held.length,
    async release() {
      holding = false;
      for (const r of held.splice(0)) await r.continue().catch(() => {});
    },
  };
}

/**
 * Collects the errors a page did not catch (a panic aborts the wasm module),
 * for pages a test opens besides its own; `check()` fails on any.
 */
export function watchErrors(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { check: () => expect(errors, 'errors the page did not catch').toEqual([]) };
}

/**
 * Connects, changes Support's mode and clicks Save with the configure call's
 * answer held back: the save is under way when this returns.
 */
export async function saveUnderWay(page: Page) {
  await connectWithToken(page);
  await settled(page);
  await page.getByLabel('Mode for Support').selectOption('override');
  const held = await hold(page, (p) => p === '/system/preferences/communication-channels/configure');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await held.waitFor();
  return held;
}
