// Finds the system Chromium for the browser tests, installing Debian's package when it can.
// Never downloads a browser of its own (no `playwright install`).
import fs from 'node:fs';
import { aptInstall, canInstallWithApt } from './servers/system-packages.mjs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium() {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (fs.existsSync(configured)) return configured;
    throw new Error(`CHROMIUM_PATH=${configured} does not exist.`);
  }
  return CANDIDATES.find((candidate) => fs.existsSync(candidate)) ?? null;
}

/** The Chromium path, after installing Debian's `chromium` if it is missing and we are root. */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (!canInstallWithApt()) {
    throw new Error(
      'The browser tests need Chromium and none was found. Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) ' +
        'or set CHROMIUM_PATH to a Chromium/Chrome binary, then run the tests again.',
    );
  }
  aptInstall(['chromium'], 'the browser tests');
  const installed = findChromium();
  if (!installed) throw new Error('apt-get installed chromium but no binary was found at /usr/bin/chromium.');
  return installed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(ensureChromium());
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
