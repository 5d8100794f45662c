/**
 * The fleet index in a real browser (Debian's chromium driven by playwright-core), from a real
 * fleet run on sandbox companies: every company is listed worst first, the filters work, each row
 * links to that company's report, it makes no network request, reads without JavaScript and
 * prints every row. Skipped without chromium outside CI, as the report's browser test is.
 */
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import type { FleetIndex } from '../../src/fleet/index-model.js';
import { run, tempDir } from '../cli/helpers.js';
import { readIndex, startPortfolio } from './helpers.js';

const { chromiumStatus } = createRequire(import.meta.url)('../chromium.cjs') as {
  chromiumStatus: () => { path: string; run: boolean; reason?: string };
};
const status = chromiumStatus();
const describeBrowser = status.run ? describe : describe.skip;

describeBrowser(`fleet index in headless Chromium${status.run ? '' : ` (skipped: ${status.reason})`}`, () => {
  let browser: Browser;
  let out: string;
  let index: FleetIndex;
  let indexUrl: string;

  beforeAll(async () => {
    if (!existsSync(status.path)) throw new Error(`Chromium not found at ${status.path}, and CI requires this test: install it with \`apt-get install chromium\``);
    const portfolio = await startPortfolio(6);
    try {
      const cwd = tempDir('preflight-fleet-browser-');
      await run(['fleet', portfolio.manifest(cwd), '--out', 'out', '-q'], { cwd, env: portfolio.env(cwd) });
      out = join(cwd, 'out');
      index = readIndex(out);
      indexUrl = pathToFileURL(join(out, 'index.html')).href;
    } finally {
      await portfolio.close();
    }
    browser = await chromium.launch({
      executablePath: status.path,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens the index with every request outside the output folder blocked and recorded. */
  async function open(options: { javaScriptEnabled?: boolean } = {}) {
    const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const outside: string[] = [];
    const errors: string[] = [];
    const folder = pathToFileURL(out).href;
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${folder}/`)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(indexUrl, { waitUntil: 'load' });
    return { page, context, outside, errors };
  }

  test('lists every company worst first with its verdict and gate, makes no request, runs no error', async () => {
    const { page, context, outside, errors } = await open();
    await expect(page.getByRole('heading', { level: 1, name: '6 companies: 2 fail their gate · 1 could not be audited · 1 incomplete · 2 pass' }).isVisible()).resolves.toBe(true);
    const ids = await page.locator('tr.fleet-row').evaluateAll((rows) => rows.map((r) => r.id));
    expect(ids).toEqual(index.companies.map((c) => `row-${c.name}`));
    for (const row of index.companies) {
      const tr = page.locator(`tr#row-${row.name}`);
      await expect(tr.isVisible()).resolves.toBe(true);
      await expect(tr.innerText()).resolves.toContain(row.reason);
      for (const b of row.failingBlockers) await expect(tr.innerText()).resolves.toContain(b.id);
    }
    const embedded = await page.evaluate("JSON.parse(document.getElementById('preflight-fleet').textContent)");
    expect(embedded).toEqual(JSON.parse(readFileSync(join(out, 'fleet.json'), 'utf8')));
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  test('the outcome and verdict filters, and the presets, hide and show companies', async () => {
    const { page, context } = await open();
    const passed = index.companies.filter((c) => c.outcome === 'passed').map((c) => c.name);
    const row = (name: string) => page.locator(`tr#row-${name}`);
    await page.locator('#filters input[name="outcome"][value="passed"]').uncheck();
    for (const n of passed) await expect(row(n).isHidden()).resolves.toBe(true);
    await expect(page.locator('#filter-status').innerText()).resolves.toBe(`${6 - passed.length} of 6 companies`);
    await page.getByRole('button', { name: 'Show all' }).click();
    for (const n of passed) await expect(row(n).isVisible()).resolves.toBe(true);
    await page.locator('#filters input[name="verdict"][value="not-ready"]').uncheck();
    for (const c of index.companies.filter((r) => r.verdict === 'not-ready')) await expect(row(c.name).isHidden()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Only problems' }).click();
    for (const c of index.companies) await expect(row(c.name).isVisible()).resolves.toBe(c.outcome !== 'passed');
    // a first run has nothing new since a previous one
    await page.getByRole('button', { name: 'New since last run' }).click();
    await expect(page.locator('#filter-empty').isVisible()).resolves.toBe(true);
    await expect(page.locator('#filter-status').innerText()).resolves.toBe('0 of 6 companies');
    await context.close();
  }, 60_000);

  test("each row's link opens that company's own report", async () => {
    const { page, context, outside } = await open();
    const worst = index.companies[0]!;
    await page.locator(`tr#row-${worst.name} a`, { hasText: 'report' }).first().click();
    await page.waitForURL(`**/${worst.name}/report.html`);
    await expect(page.getByRole('heading', { level: 1, name: 'Not ready for go-live' }).isVisible()).resolves.toBe(true);
    expect(outside).toEqual([]);
    await context.close();
  }, 60_000);

  test('readable without JavaScript, and printed with every company', async () => {
    const plain = await open({ javaScriptEnabled: false });
    await expect(plain.page.locator('tr.fleet-row:visible').count()).resolves.toBe(6);
    await expect(plain.page.locator('#filters').isHidden()).resolves.toBe(true);
    await plain.context.close();

    const { page, context } = await open();
    await page.getByRole('button', { name: 'Only problems' }).click();
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('#filters').isHidden()).resolves.toBe(true);
    await expect(page.locator('tr.fleet-row:visible').count()).resolves.toBe(6);
    await context.close();
  }, 60_000);
});
