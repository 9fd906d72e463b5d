import { test, expect, connectWithToken, resetDemo, setFaults, token, settled } from './helpers';
import type { Page } from '@playwright/test';
import * as fs from 'fs';

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (all default rules) on the page and returns the violations, summarised. */
async function audit(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: no script tag, so the page's CSP is untouched.
  await page.evaluate(axeSource);
  const result: any = await page.evaluate(() => (window as any).axe.run(document));
  return result.violations.map(
    (v: any) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')).join(' | ')}`,
  );
}

test.beforeEach(async ({ request }) => {
  await resetDemo(request);
});

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('connect, Orgs, review, errors and webhooks screens have no axe violations', async ({ page, request }) => {
      await page.goto('/');
      await expect(page.getByLabel('Bearer token', { exact: true })).toBeVisible();
      expect(await audit(page), 'connect').toEqual([]);

      await page.getByLabel('Bearer token', { exact: true }).fill('wrong');
      await page.getByRole('button', { name: 'Connect' }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      expect(await audit(page), 'connect error').toEqual([]);

      await connectWithToken(page);
      await expect(page.getByTestId('org-count')).toHaveText('15 of 15 Orgs');
      await settled(page);
      expect(await audit(page), 'Orgs').toEqual([]);
      await page.screenshot({ path: `test-results/screens/orgs-${scheme}.png`, fullPage: true });

      await page.getByLabel('Mode for Legal').selectOption('inherit');
      await page.locator('.cluster').getByLabel('WEBHOOK').check();
      await page.getByRole('button', { name: 'Copy as curl' }).click();
      await expect(page.getByTestId('curl')).toBeVisible();
      expect(await audit(page), 'review').toEqual([]);
      await page.screenshot({ path: `test-results/screens/review-${scheme}.png`, fullPage: true });

      await setFaults(request, { status: 500, path: 'communication-channels/search', times: 1 });
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(page.getByText('Your changes are kept.')).toBeVisible();
      expect(await audit(page), 'save error').toEqual([]);

      await page.getByRole('button', { name: 'Webhooks', exact: true }).click();
      await expect(page.getByTestId('webhook-count')).toBeVisible();
      expect(await audit(page), 'webhooks').toEqual([]);
      await page.getByRole('button', { name: 'New webhook' }).click();
      await page.getByRole('button', { name: 'Create webhook' }).click();
      await expect(page.getByText('A name is required.')).toBeVisible();
      expect(await audit(page), 'webhook form with problems').toEqual([]);
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('button', { name: 'Delete HR schedules' }).click();
      await expect(page.getByRole('alertdialog')).toBeVisible();
      expect(await audit(page), 'delete dialog').toEqual([]);
      void token;
    });
  });
}
