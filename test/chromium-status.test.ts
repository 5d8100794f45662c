/** When the HTML report's browser test may be skipped: only outside CI, only without Chromium, and never silently. */
import { createRequire } from 'node:module';

type Status = { path: string; run: boolean; reason?: string };
const { chromiumStatus } = createRequire(import.meta.url)('./chromium.cjs') as { chromiumStatus: (env: NodeJS.ProcessEnv) => Status };
const missing = '/nonexistent/chromium';

describe('the browser test on a machine without Chromium', () => {
  test('outside CI it is skipped, with a reason that says how to install Chromium', () => {
    const s = chromiumStatus({ PREFLIGHT_CHROMIUM: missing });
    expect(s.run).toBe(false);
    expect(s.reason).toContain('apt-get install chromium');
    expect(s.reason).toContain('PREFLIGHT_CHROMIUM=');
  });

  test('in CI it runs (and so fails for want of Chromium)', () => {
    for (const CI of ['true', '1']) expect(chromiumStatus({ PREFLIGHT_CHROMIUM: missing, CI }).run).toBe(true);
    expect(chromiumStatus({ PREFLIGHT_CHROMIUM: missing, CI: 'false' }).run).toBe(false);
  });

  test('with Chromium present it runs', () => {
    expect(chromiumStatus({ PREFLIGHT_CHROMIUM: process.execPath }).run).toBe(true);
  });
});
