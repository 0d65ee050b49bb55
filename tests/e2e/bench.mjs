// Browser benchmark (prints numbers; asserts nothing): page weight, time to interactive (cold cache, each
// in a fresh browser: navigation start → the text area in the page, and → the sample article, pasted as
// soon as the text area is there, analyzed with its first highlight in the document), and for the sample
// article and a 100,000-word document built from the BBC dev articles, analysis time in wasm, tokens per
// second, paste-to-first-highlights, paste-to-fully-drawn, the longest main-thread task, and the longest
// from the last frame before the analysis was taken in until fully drawn (for long texts, the worker's
// answer arriving and being drawn; the paste itself comes before). In the cold runs it also prints how long
// the names model took to load on the page's thread (`data-model-ms`).
// The sample article is measured twice: pasted right after load, and again once the page has warmed up
// (`data-warm` on the document element: the names model loaded and the analysis compiled in idle time);
// the 100,000-word document twice too, the second time with a word added (the first analysis of a long text
// in the worker also grows its memory).
// Run after `trunk build --release`: node tests/e2e/bench.mjs [--cpu-slowdown N] [path/to/bbc-summary-dev.jsonl]
// (--cpu-slowdown: Chromium slows the page's main thread N times, as on a slower machine; not the worker).
import { readFile, readdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { serveDist, openPage, ROOT } from './harness.mjs';

const args = process.argv.slice(2);
const slowdownAt = args.indexOf('--cpu-slowdown');
const slowdown = slowdownAt >= 0 ? Number(args.splice(slowdownAt, 2)[1]) : 1;
const bbcPath = args[0] ?? join(ROOT, '..', 'shared', 'data', 'bbc-summary-dev.jsonl');

async function pageWeight() {
  const dist = join(ROOT, 'dist');
  let raw = 0; let gz = 0;
  for (const name of await readdir(dist)) {
    if (name.startsWith('.')) continue;
    const body = await readFile(join(dist, name));
    raw += body.length; gz += gzipSync(body, { level: 9 }).length;
  }
  return { raw, gz };
}

// Runs in the page before its own scripts: pastes the sample as soon as the text area is in the page and
// records when that was and when the sample's highlights were drawn (milliseconds from navigation start).
function interactiveProbe(sample) {
  const probe = (text) => {
    window.__interactive = {};
    const paste = () => {
      const area = document.querySelector('[data-testid=article-input]');
      if (!area) return false;
      window.__interactive.input = performance.now();
      area.value = text;
      area.dispatchEvent(new InputEvent('input', { bubbles: true }));
      return true;
    };
    const analyzed = () => {
      if (document.querySelector('[data-testid=annotated-text] mark')) {
        window.__interactive.analyzed = performance.now();
        return true;
      }
      return false;
    };
    let pasted = false;
    new MutationObserver((_, observer) => {
      if (!pasted) pasted = paste();
      if (pasted && analyzed()) observer.disconnect();
    }).observe(document, { childList: true, subtree: true, attributes: true });
  };
  return `(${probe})(${JSON.stringify(sample)});`;
}

async function interactive(url, sample) {
  const s = await openPage(url, { init: { content: interactiveProbe(sample) } });
  try {
    await s.page.waitForFunction(() => window.__interactive?.analyzed !== undefined);
    return await s.page.evaluate(() => ({ ...window.__interactive, modelMs: +document.documentElement.dataset.modelMs }));
  } finally {
    await s.close();
  }
}

async function longDocument(words) {
  const lines = (await readFile(bbcPath, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l).text);
  const parts = []; let n = 0;
  for (let i = 0; n < words; i++) {
    const text = lines[i % lines.length];
    parts.push(text); n += text.split(/\s+/).filter(Boolean).length;
  }
  return parts.join('\n\n');
}

async function measure(page, text) {
  await page.evaluate(() => { window.__longtasks = []; });
  const result = await page.evaluate(async (text) => {
    const area = document.querySelector('[data-testid=article-input]');
    const before = document.querySelector('[data-testid=annotated-text]')?.dataset.tokens;
    const t0 = performance.now();
    area.value = text;
    area.dispatchEvent(new InputEvent('input', { bubbles: true }));
    const el = () => document.querySelector('[data-testid=annotated-text]');
    // Analyzed (long texts go to the worker, shown with a progress line) and drawn.
    const done = () => el()?.querySelector('mark') && !document.querySelector('[data-testid=progress]') && el().dataset.tokens !== before;
    // The last frame before the analysis was taken in: tasks from then on take in and draw the result.
    let waiting = t0;
    await new Promise((r) => { const check = () => { if (done()) { r(); } else { waiting = performance.now(); requestAnimationFrame(check); } }; check(); });
    const first = performance.now() - t0;
    await new Promise((r) => { const check = () => (el().dataset.rendered === el().dataset.chunks ? r() : setTimeout(check, 5)); check(); });
    await new Promise((r) => requestAnimationFrame(() => r()));
    const full = performance.now() - t0;
    return { first, full, waiting, analysis: +el().dataset.analysisMs, tokens: +el().dataset.tokens, chunks: +el().dataset.chunks };
  }, text);
  await page.waitForTimeout(100);
  const tasks = await page.evaluate(() => window.__longtasks.map((t) => [t.startTime, t.duration]));
  result.longest = Math.max(0, ...tasks.map(([, d]) => d));
  result.longestArrival = Math.max(0, ...tasks.filter(([start]) => start >= result.waiting).map(([, d]) => d));
  return result;
}

const server = await serveDist();
const sample = await readFile(join(ROOT, 'static', 'sample.txt'), 'utf8');
const cold = [];
for (let i = 0; i < 3; i++) cold.push(await interactive(server.url, sample));
const s = await openPage(server.url, {
  init: () => {
    window.__longtasks = [];
    new PerformanceObserver((list) => { window.__longtasks.push(...list.getEntries()); }).observe({ type: 'longtask', buffered: true });
  },
});
try {
  if (slowdown > 1) {
    const cdp = await s.page.context().newCDPSession(s.page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    console.log(`main thread slowed ${slowdown}×`);
  }
  const weight = await pageWeight();
  const rows = [];
  // A short text first (the first analysis loads the names model), then the sample right after load.
  await measure(s.page, sample.slice(0, 200));
  rows.push(['sample article, right after load', sample.split(/\s+/).length, await measure(s.page, sample)]);
  await s.page.waitForSelector('html[data-warm]', { timeout: 10000 }).catch(() => {});
  await measure(s.page, sample.slice(0, 300));
  rows.push(['sample article, page warmed up', sample.split(/\s+/).length, await measure(s.page, sample)]);
  const long = await longDocument(100000);
  rows.push(['100,000-word document', long.split(/\s+/).filter(Boolean).length, await measure(s.page, long)]);
  // Again with a word added: the worker's memory has grown to the document's size by now, which the first
  // analysis of a long text pays for.
  const again = `${long} again`;
  rows.push(['100,000-word document, again (a word added)', again.split(/\s+/).filter(Boolean).length, await measure(s.page, again)]);
  console.log(`page weight: ${(weight.raw / 1048576).toFixed(2)} MB raw, ${(weight.gz / 1048576).toFixed(2)} MB gzip (MiB; ${weight.gz} bytes gzip)`);
  const ms = (xs) => xs.map((x) => x.toFixed(0)).join(', ');
  console.log(`cold, fresh browser: text area at ${ms(cold.map((c) => c.input))} ms; sample pasted then, analyzed, first highlight in the document at ${ms(cold.map((c) => c.analyzed))} ms`);
  console.log(`cold, names model load on the page's thread (part of the above): ${ms(cold.map((c) => c.modelMs))} ms`);
  console.log('| text | words | tokens | analysis in wasm | tokens/s (wasm) | paste → first highlights | paste → fully drawn | chunks | longest main-thread task | longest once analyzed |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const [name, words, m] of rows) {
    const tps = m.tokens / (m.analysis / 1000);
    console.log(`| ${name} | ${words} | ${m.tokens} | ${m.analysis.toFixed(1)} ms | ${(tps / 1000).toFixed(0)}k | ${m.first.toFixed(0)} ms | ${m.full.toFixed(0)} ms | ${m.chunks} | ${m.longest.toFixed(0)} ms | ${m.longestArrival.toFixed(0)} ms |`);
  }
} finally {
  await s.close();
  await server.close();
}
