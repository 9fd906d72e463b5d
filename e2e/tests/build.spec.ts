import { readFileSync, readdirSync, statSync } from 'fs';
import { join } from 'path';
import { test, expect, connectWithToken, resetDemo, row, token } from './helpers';
import { port } from '../playwright.config';

// The release build is split: the connect screen is the first load, the
// signed-in part a wasm file of its own, fetched in the background once the
// connect screen has rendered.

const PART = /\/split_[^/]*\.wasm$/;

test.beforeEach(async ({ request }) => {
  await resetDemo(request);
});

test('the connect screen works without the signed-in part, which is fetched once it has rendered', async ({ page }) => {
  const order: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) order.push(r.url()); });
  await page.route(PART, async (route) => {
    // Hold the part back until the connect form is on screen.
    await expect(page.getByLabel('Bearer token', { exact: true })).toBeVisible();
    await route.continue();
  });
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Connect' })).toBeEnabled();
  await expect.poll(() => order.length).toBe(2);
  expect(order[0]).not.toMatch(PART);
  expect(order[1]).toMatch(PART);
  await page.getByLabel('Bearer token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('org-count')).toHaveText('15 of 15 Orgs');
  // Connect did not fetch it again.
  expect(order.filter((u) => PART.test(u))).toHaveLength(1);
});

test('a failed fetch of the signed-in part says so and Retry brings it', async ({ page }) => {
  await page.route(PART, (route) => route.abort('connectionreset'));
  await connectWithToken(page);
  const failed = page.getByTestId('part-failed');
  await expect(failed).toContainText('The rest of the panel could not be downloaded.');
  await expect(failed).toContainText('You are still signed in.');
  await page.unroute(PART);
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('org-count')).toHaveText('15 of 15 Orgs');
  await expect(page.getByText('Signed in as')).toBeVisible();
});

test('a build for a sub-path works there, and reaches the API of its origin', async ({ page }) => {
  const dir = join(__dirname, '..', '..', 'target', 'dist-subpath');
  const served: string[] = [];
  await page.route(`http://127.0.0.1:${port}/tools/channels/**`, async (route) => {
    const url = new URL(route.request().url());
    let file = join(dir, url.pathname.replace('/tools/channels/', ''));
    if (url.pathname.endsWith('/')) file = join(file, 'index.html');
    served.push(url.pathname);
    const type = file.endsWith('.wasm') ? 'application/wasm' : file.endsWith('.js') ? 'text/javascript'
      : file.endsWith('.css') ? 'text/css' : 'text/html';
    await route.fulfill({ body: readFileSync(file), contentType: type });
  });
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  expect(html).toMatch(/href="\/tools\/channels\/pkg-[0-9a-f]+\/main\.css"/);
  await page.goto(`http://127.0.0.1:${port}/tools/channels/`);
  await page.getByLabel('Bearer token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('org-count')).toHaveText('15 of 15 Orgs');
  await expect(row(page, 'Legal')).toBeVisible();
  expect(served.some((p) => PART.test(p))).toBe(true);
  expect(served.every((p) => p.startsWith('/tools/channels/'))).toBe(true);
  // Every file of the build sits under the sub-path's content-named folder.
  const pkg = readdirSync(dir).filter((f) => statSync(join(dir, f)).isDirectory());
  expect(pkg).toHaveLength(1);
});
