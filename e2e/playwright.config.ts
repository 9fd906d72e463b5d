import { defineConfig } from '@playwright/test';

// The release build in ../dist is served by the demo ThoughtSpot server itself,
// so the panel talks to it same-origin (host left empty), or cross-origin
// through CORS when a test types http://localhost:PORT as the host.
export const port = Number(process.env.E2E_PORT ?? 8790);
/** A second demo server with 10,000 generated Orgs. */
export const bigPort = port + 1;
/**
 * Another demo cluster to compare with the first and promote settings to: the
 * second variant (other Org ids, Orgs on one side only, other preferences,
 * default and webhooks; the README lists them) at an older release. The page
 * reaches it cross-origin, so it allows the page's origins.
 */
export const otherPort = port + 2;
export const otherRelease = '26.4.0.cl';
export const token = 'e2e-admin-token';
/** The build and the demo server under test (another build can be tried with these). */
const dist = process.env.E2E_DIST ?? '../dist';
const server = process.env.E2E_SERVER ?? '../target/debug/demo-server';

export default defineConfig({
  testDir: './tests',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: './test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/lib/chromium/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: (
    [
      [port, `--static-dir ${dist} --token ${token}`],
      [bigPort, `--static-dir ${dist} --token ${token} --orgs 10000`],
      [
        otherPort,
        `--variant second --release ${otherRelease} --token ${token}` +
          ` --cors-origins http://127.0.0.1:${port},http://localhost:${port}`,
      ],
    ] as const
  ).map(([p, args]) => ({
    command: `${server} --listen 127.0.0.1:${p} ${args}`,
    url: `http://127.0.0.1:${p}/__demo/state`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore' as const,
  })),
});
