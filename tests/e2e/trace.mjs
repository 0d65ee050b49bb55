// Where a cold load's time goes, from Chromium's own trace (prints numbers; asserts nothing): each load in a
// fresh browser, the sample article pasted as soon as the text area is there (as `bench.mjs` does), and
// for each the milliseconds after navigation at which the module's download ended, its streaming
// compilation ended and the first highlight was in the document, then how much of the page's thread went
// to compiling wasm functions at their first call before that highlight (V8 compiles them lazily) and
// the longest such compilations (by function index; `profile.mjs` says how to build with names).
// Run after `trunk build --release`: node tests/e2e/trace.mjs [loads]
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveDist, ROOT } from './harness.mjs';

const loads = Number(process.argv[2] ?? 3);

// Runs in the page before its own scripts: pastes the sample as soon as the text area is in the page and
// marks the paste and the first highlight on the trace's clock (and the paste on the page's).
function probe(text) {
  window.__traced = {};
  let pasted = false;
  new MutationObserver((_, observer) => {
    const area = document.querySelector('[data-testid=article-input]');
    if (!pasted && area) {
      pasted = true;
      window.__traced.input = performance.now();
      performance.mark('marginalia-pasted');
      area.value = text;
      area.dispatchEvent(new InputEvent('input', { bubbles: true }));
    }
    if (pasted && document.querySelector('[data-testid=annotated-text] mark')) {
      performance.mark('marginalia-highlight');
      window.__traced.done = true;
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

/** The figures of one load's trace events; `input` is the paste's time after navigation (ms). */
function figures(events, input) {
  const mark = (name) => events.find((e) => e.name === name && e.cat?.includes('blink.user_timing'));
  const pasted = mark('marginalia-pasted');
  const highlight = mark('marginalia-highlight');
  if (!pasted || !highlight) return null;
  const origin = pasted.ts - input * 1000;
  const ms = (ts) => Math.round((ts - origin) / 1000);
  const page = (e) => e.pid === pasted.pid && e.tid === pasted.tid && e.ph === 'X' && e.ts < highlight.ts;
  const wasmRequest = events.find((e) => e.name === 'ResourceSendRequest' && e.args?.data?.url?.endsWith('.wasm'));
  const id = wasmRequest?.args?.data?.requestId;
  const downloaded = events.find((e) => e.name === 'ResourceFinish' && e.args?.data?.requestId === id);
  const compiled = events.find((e) => e.name === 'wasm.FinishStreaming' && page(e));
  const lazy = events.filter((e) => e.name === 'wasm.CompileLazy' && page(e));
  const lazyMs = lazy.reduce((sum, e) => sum + e.dur, 0) / 1000;
  const longest = [...lazy].sort((a, b) => b.dur - a.dur).slice(0, 5)
    .map((e) => `#${e.args?.func_index} ${(e.dur / 1000).toFixed(1)}`);
  return {
    downloaded: downloaded ? ms(downloaded.ts) : '?',
    compiled: compiled ? ms(compiled.ts + compiled.dur) : '?',
    highlight: ms(highlight.ts),
    lazy: `${lazyMs.toFixed(0)} ms in ${lazy.length} functions (longest: ${longest.join(', ')} ms)`,
  };
}

const server = await serveDist();
const sample = await readFile(join(ROOT, 'static', 'sample.txt'), 'utf8');
try {
  for (let i = 0; i < loads; i++) {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    try {
      const context = await browser.newContext();
      await context.addInitScript({ content: `(${probe})(${JSON.stringify(sample)});` });
      const page = await context.newPage();
      await browser.startTracing(page, {
        categories: ['devtools.timeline', 'loading', 'blink.user_timing', 'v8.wasm', 'disabled-by-default-v8.compile'],
      });
      await page.goto(server.url, { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__traced?.done === true, null, { timeout: 30000 });
      const input = await page.evaluate(() => window.__traced.input);
      const trace = JSON.parse((await browser.stopTracing()).toString());
      const f = figures(trace.traceEvents ?? trace, input);
      if (!f) {
        console.log(`load ${i + 1}: the trace has no marks`);
        continue;
      }
      console.log(`load ${i + 1}: module downloaded at ${f.downloaded} ms, compiled (streaming) at ${f.compiled} ms, `
        + `first highlight at ${f.highlight} ms; compiled at first call on the page's thread before it: ${f.lazy}`);
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}
