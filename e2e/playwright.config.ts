import { defineConfig } from '@playwright/test';

// The release build in ../dist is served by the demo ThoughtSpot server itself,
// so the panel talks to it same-origin (host left empty), or cross-origin
// through CORS when a test types http://localhost:PORT as the host.
export const port = Number(process.env.E2E_PORT ?? 8790);
export const token = 'e2e-admin-token';

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
  webServer: {
    command: `../target/debug/demo-server --listen 127.0.0.1:${port} --static-dir ../dist --token ${token}`,
    url: `http://127.0.0.1:${port}/__demo/state`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
  },
});
