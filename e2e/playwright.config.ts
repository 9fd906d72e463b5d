import { defineConfig } from '@playwright/test';

// The release build in ../dist is served by the demo ThoughtSpot server itself,
// so the panel talks to it same-origin (host left empty), or cross-origin
// through CORS when a test types http://localhost:PORT as the host.
export const port = Number(process.env.E2E_PORT ?? 8790);
/** A second demo server with 10,000 generated Orgs. */
export const bigPort = port + 1;
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
  webServer: [port, bigPort].map((p) => ({
    command: `${server} --listen 127.0.0.1:${p} --static-dir ${dist} --token ${token}${p === bigPort ? ' --orgs 10000' : ''}`,
    url: `http://127.0.0.1:${p}/__demo/state`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore' as const,
  })),
});
