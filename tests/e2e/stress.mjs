// Big and odd input in the page (prints times; asserts nothing): a 10 MB paste, one 1 MB line without
// spaces, and a text with about 100,000 entities. For each: time until analyzed (progress line gone), until
// every chunk is drawn, whether the page answered a click meanwhile, and any page error.
// Run after `trunk build --release`: node tests/e2e/stress.mjs [NAME-PART…] (only the cases whose name
// contains one of the given parts; all when none is given).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveDist, openPage, ROOT } from './harness.mjs';

const sample = await readFile(join(ROOT, 'static', 'sample.txt'), 'utf8');
const cases = [
  ['10 MB paste (sample repeated; over the page limit)', () => { let t = ''; while (t.length < 10 * 1024 * 1024) t += sample + '\n\n'; return t; }],
  ['3.9 MB paste (sample repeated)', () => { let t = ''; while (t.length < 3.9 * 1024 * 1024) t += sample + '\n\n'; return t; }],
  ['1 MB line without spaces', () => 'Ab1'.repeat(350000)],
  ['~100,000 entities', () => Array.from({ length: 25000 }, (_, i) => `In ${1900 + (i % 120)}, Anna Berg paid $${i} in Paris.`).join('\n')],
];

const only = process.argv.slice(2);
const chosen = cases.filter(([name]) => !only.length || only.some((part) => name.includes(part)));

const server = await serveDist();
try {
  console.log('| input | bytes | analyzed after | all chunks drawn after | entities | page answered a click in | errors |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [name, make] of chosen) {
    const text = make();
    const s = await openPage(server.url);
    try {
      const t0 = Date.now();
      await s.page.$eval('[data-testid=article-input]', (el, t) => { el.value = t; el.dispatchEvent(new InputEvent('input', { bubbles: true })); }, text);
      // While it works: does a click get an answer? (the saved-documents menu opens)
      const c0 = Date.now();
      await s.page.click('[data-testid=saved-documents]', { timeout: 120000 });
      await s.page.waitForSelector('[data-testid=saved-list]', { timeout: 120000 });
      const click = Date.now() - c0;
      await s.page.click('[data-testid=saved-documents]');
      await s.page.waitForFunction(() => !document.querySelector('[data-testid=progress]') && (document.querySelector('[data-testid=annotated-text]')?.dataset.tokens > 0 || document.querySelector('[data-testid=notice]')), null, { timeout: 300000, polling: 200 });
      const analyzed = Date.now() - t0;
      // A text over the page's limit is not analyzed (a message says so): nothing to draw.
      await s.page.waitForFunction(() => { const el = document.querySelector('[data-testid=annotated-text]'); return !el.dataset.chunks || +el.dataset.rendered >= +el.dataset.chunks; }, null, { timeout: 600000, polling: 500 });
      const drawn = Date.now() - t0;
      const entities = await s.page.$$eval('[data-testid=annotated-text] mark', (els) => els.length);
      const notice = await s.page.locator('[data-testid=notice]').count() ? (await s.page.textContent('[data-testid=notice]')).slice(0, 60) : '';
      console.log(`| ${name} | ${text.length} | ${analyzed} ms | ${drawn} ms | ${entities} | ${click} ms | ${s.consoleErrors.length ? s.consoleErrors.join('; ').slice(0, 200) : 'none'} ${notice ? `(message: ${notice}…)` : ''} |`);
    } catch (e) {
      console.log(`| ${name} | ${text.length} | failed: ${String(e).split('\n')[0]} | | | | ${s.consoleErrors.join('; ').slice(0, 200)} |`);
    } finally {
      await s.close();
    }
  }
} finally {
  await server.close();
}
