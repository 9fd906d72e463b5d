import { test, expect, connectWithToken, demoState, resetDemo, token } from './helpers';
import { port } from '../playwright.config';

test.beforeEach(async ({ request }) => {
  await resetDemo(request);
});

test('the wasm app loads and a token connects through the same origin', async ({ page, request }) => {
  const before = (await demoState(request)).calls['/api/rest/2.0/auth/session/user'] ?? 0;
  await connectWithToken(page);
  await expect(page.getByText('Signed in as')).toContainText('Demo Administrator');
  await expect(page.getByText('Current Org:')).toContainText('Primary (id 0)');
  await expect(page.getByText('may edit the cluster default and Org overrides')).toBeVisible();
  const after = (await demoState(request)).calls['/api/rest/2.0/auth/session/user'];
  expect(after).toBe(before + 1);
  // The token is not left in the form, the URL or storage.
  expect(page.url()).not.toContain(token);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain(token);
});

test('a username and password sign in through auth/token/full', async ({ page, request }) => {
  await page.goto('/');
  await page.getByLabel('With username and password').check();
  await page.getByLabel('Username', { exact: true }).fill('developer');
  await page.getByLabel('Password', { exact: true }).fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Signed in as')).toContainText('Demo Developer');
  await expect(page.getByText('may edit Org overrides (the cluster default may need ADMINISTRATION)')).toBeVisible();
  const calls = (await demoState(request)).calls;
  expect(calls['/api/rest/2.0/auth/token/full']).toBe(1);
});

test('a direct host is reached cross-origin through CORS', async ({ page }) => {
  // The page is on 127.0.0.1; localhost is another origin.
  await connectWithToken(page, `http://localhost:${port}`);
  await expect(page.getByText('Signed in as')).toContainText(`on http://localhost:${port}`);
});

test('a wrong token shows the server message and stays on the form', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Bearer token', { exact: true }).fill('not-a-token');
  await page.getByRole('button', { name: 'Connect' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('HTTP 401');
  await expect(alert).toContainText('Enter a new token or sign in again');
  await expect(page.getByLabel('Bearer token', { exact: true })).toBeVisible();
});

test('an unreachable host is reported as unreachable, not as CORS', async ({ page }) => {
  await connectWithToken(page, 'http://127.0.0.1:9');
  await expect(page.getByRole('alert')).toContainText('The host did not answer: it is unreachable from this browser.');
  await expect(page.getByRole('alert')).not.toContainText('CORS');
});

test('disconnect forgets the session', async ({ page }) => {
  await connectWithToken(page);
  await expect(page.getByText('Signed in as')).toBeVisible();
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByLabel('Bearer token', { exact: true })).toHaveValue('');
});
