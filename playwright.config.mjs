// Browser tests: the built app (dist/) served on loopback and driven in the system's Chromium.
// Playwright never downloads a browser here; scripts/bootstrap.sh installs Chromium.
import { defineConfig } from '@playwright/test';
import { launchOptions } from './scripts/chromium.mjs';

const PORT = Number(process.env.LEDE_TEST_PORT || 4173);
// The built site to serve; LEDE_DIST lets a build elsewhere be tested without touching dist/.
const DIST = process.env.LEDE_DIST || 'dist';

export default defineConfig({
  testDir: 'tests/browser',
  testMatch: /.*\.spec\.mjs$/,
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: launchOptions(),
  },
  webServer: {
    command: `node scripts/serve.mjs ${DIST} ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
