/** Debian's chromium for the browser tests, driven by playwright-core (which never downloads a browser of its own). */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** CHROMIUM_PATH, else the first chromium (Debian), chromium-browser (Ubuntu) or google-chrome on PATH. */
export function findChromium(): string | undefined {
  const isExecutable = (path: string) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (process.env.CHROMIUM_PATH) return isExecutable(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) {
    for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
      if (isExecutable(join(dir, name))) return join(dir, name);
    }
  }
  return undefined;
}
export const CHROMIUM = findChromium();
export const IN_CI = Boolean(process.env.CI) && !/^(0|false)$/i.test(process.env.CI!);
/** Locally the test skips without a browser; in CI (CI set) it fails instead: a skipped browser test would pass unnoticed. */
export const NO_BROWSER = `no Chromium found (CHROMIUM_PATH${process.env.CHROMIUM_PATH ? `=${process.env.CHROMIUM_PATH} is not executable` : ' unset, none on PATH'}; .ci/run installs Debian's chromium)`;
/** Headless in a container: no sandbox, no GPU, nothing fetched in the background. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
