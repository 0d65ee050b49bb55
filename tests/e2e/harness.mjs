// Shared harness for the end-to-end tests: serves dist/ on 127.0.0.1, launches Debian's Chromium through
// playwright-core, and records console errors and every request the page makes.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(ROOT, 'dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Serves dist/ on an ephemeral loopback port. */
export async function serveDist() {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(DIST, path.endsWith('/') ? join(path, 'index.html') : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

/** Launches headless Chromium and opens the page; returns the page plus what it logged and requested.
 * `setup(page)` runs before the page is opened (routes, say); `waitFor` is what to wait for then (by
 * default the app's toolbar). */
export async function openPage(url, { init, colorScheme = 'light', viewport, setup, waitFor } = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ acceptDownloads: true, colorScheme, ...(viewport ? { viewport } : {}) });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const consoleErrors = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => { consoleErrors.push(`dialog opened: ${d.message()}`); d.dismiss(); });
  if (setup) await setup(page);
  await page.goto(url, { waitUntil: 'commit' });
  // By default the app, not index.html's shell (a text area shown while the wasm module loads): its toolbar.
  await page.waitForSelector(waitFor ?? '[data-testid=toolbar]');
  return { browser, page, consoleErrors, requests, close: () => browser.close() };
}

/** Requests to any origin but the page's own. */
export function foreignRequests(requests, url) {
  const origin = new URL(url).origin;
  return requests.filter((r) => !r.startsWith(origin) && !r.startsWith('data:') && !r.startsWith('blob:'));
}

export const MARGINALIA = process.env.MARGINALIA_BIN ?? join(ROOT, 'target', 'release', 'marginalia');

/** Types `text` into the page, then sets the reference date and waits until the timeline shows values. */
export async function typeWithReferenceDate(page, text, date) {
  await page.fill('[data-testid=article-input]', text);
  await page.waitForSelector('[data-testid=anchor-date]');
  await page.fill('[data-testid=anchor-date]', date);
  await page.dispatchEvent('[data-testid=anchor-date]', 'change');
  await page.waitForSelector('[data-testid=timeline-row] .value');
}

/** Presses "Sample article" and waits until its highlights and key sentences are drawn. */
export async function loadSample(page) {
  await page.click('[data-testid=sample-article]');
  await page.waitForSelector('[data-testid=annotated-text] mark[data-label]');
  await page.waitForSelector('[data-testid=key-sentence]');
}
