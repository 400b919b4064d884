// The system's Chromium for the browser tests and the scripts that drive a page (screenshots,
// icons, the browser benchmark): where it is, how to start it on this closed network, and a
// loopback server for the built site. Playwright never downloads a browser of its own here.
import { existsSync } from 'node:fs';
import { execSync, spawn } from 'node:child_process';

/** The Chromium to drive: $LEDE_CHROMIUM, else the first of chromium, chromium-browser, google-chrome on PATH. */
export function chromiumPath() {
  if (process.env.LEDE_CHROMIUM) return process.env.LEDE_CHROMIUM;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const p = execSync(`command -v ${name}`, { shell: '/bin/sh' }).toString().trim();
      if (p && existsSync(p)) return p;
    } catch { /* not installed under that name */ }
  }
  return undefined;
}

/** Flags for a headless run that makes no background connections. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Launch options for Playwright's `chromium.launch`. */
export const launchOptions = () => ({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });

/** Serve `dir` on 127.0.0.1:`port` with scripts/serve.mjs; resolves once it answers. Call `.kill()` when done. */
export async function serve(dir, port) {
  const server = spawn('node', ['scripts/serve.mjs', dir, String(port)], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false)) return server;
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error(`the server for ${dir} did not answer on port ${port}`);
}
