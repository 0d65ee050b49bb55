// Where a cold load of the page spends its time (prints numbers; asserts nothing): Chromium's sampling
// profiler from navigation until the sample article, pasted as soon as the text area is there, has its
// first highlight; then the functions with the most time of their own, each with its caller and the
// caller's caller. Wasm functions have names only in a build that keeps them: add data-keep-debug="true"
// and -g to data-wasm-opt-params in index.html, run trunk build --release, and put index.html back.
// Run: node tests/e2e/profile.mjs [--top N]
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveDist, ROOT } from './harness.mjs';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 30;

const server = await serveDist();
const sample = await readFile(join(ROOT, 'static', 'sample.txt'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=article-input]');
  await page.fill('[data-testid=article-input]', sample);
  await page.waitForSelector('[data-testid=annotated-text] mark');
  const { profile } = await cdp.send('Profiler.stop');
  const modelMs = await page.evaluate(() => document.documentElement.dataset.modelMs);

  const node = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id) => (node.get(id)?.callFrame.functionName || '?').replace(/::h[0-9a-f]{16}$/, '').slice(-70);
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const key = `${name(id)}  <-  ${name(parent.get(id))}  <-  ${name(parent.get(parent.get(id)))}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  console.log(`names model load on the page's thread (data-model-ms): ${modelMs} ms`);
  console.log('ms of its own | function  <-  caller  <-  caller\'s caller');
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${(us / 1000).toFixed(1).padStart(8)} | ${key}`);
  }
} finally {
  await browser.close();
  await server.close();
}
