// Browser tests: the built app (dist/) served on loopback and driven in the system's Chromium.
// Playwright never downloads a browser here; scripts/bootstrap.sh installs Chromium.
import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

function chromiumPath() {
  if (process.env.LEDE_CHROMIUM) return process.env.LEDE_CHROMIUM;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const p = execSync(`command -v ${name}`, { shell: '/bin/sh' }).toString().trim();
      if (p && existsSync(p)) return p;
    } catch { /* not installed under that name */ }
  }
  return undefined;
}

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
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `node scripts/serve.mjs ${DIST} ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
