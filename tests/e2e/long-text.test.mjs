// Journey: a long text. It is analyzed in the worker with a progress line, drawn a part at a time, and
// the result is the same as the CLI's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { serveDist, openPage, foreignRequests, ROOT, MARGINALIA } from './harness.mjs';

let server;
before(async () => { server = await serveDist(); });
after(async () => { await server.close(); });

test('a 150 KB text goes through the worker and comes out as the CLI has it', async () => {
  const sample = await readFile(join(ROOT, 'static', 'sample.txt'), 'utf8');
  const text = Array.from({ length: 48 }, (_, i) => `Part ${i + 1}\n\n${sample}`).join('\n\n');
  assert.ok(text.length > 140000);
  const cli = execFileSync(MARGINALIA, ['annotate'], { input: text, maxBuffer: 1 << 28 }).toString();
  const expected = JSON.parse(cli);
  const s = await openPage(server.url);
  try {
    await s.page.fill('[data-testid=article-input]', text);
    // The page answers while the worker works: the input can still be focused and read.
    await s.page.focus('[data-testid=article-input]');
    assert.equal((await s.page.inputValue('[data-testid=article-input]')).length, text.length);
    await s.page.waitForFunction(() => {
      const el = document.querySelector('[data-testid=annotated-text]');
      return !document.querySelector('[data-testid=progress]') && el && el.dataset.analyzedIn === 'worker';
    }, null, { timeout: 120000 });
    await s.page.waitForFunction(() => {
      const el = document.querySelector('[data-testid=annotated-text]');
      return el && +el.dataset.rendered >= +el.dataset.chunks;
    }, null, { timeout: 120000 });
    const chunks = await s.page.$eval('[data-testid=annotated-text]', (el) => +el.dataset.chunks);
    assert.ok(chunks > 10, `${chunks} chunks`);
    const marks = await s.page.$$eval('[data-testid=annotated-text] mark[data-label]', (els) =>
      els.map((e) => [e.dataset.label, +e.dataset.start, +e.dataset.end]));
    assert.deepEqual(marks, expected.entities.map((e) => [e.label, e.start, e.end]));
    assert.equal(await s.page.textContent('[data-testid=annotated-text]'), text);
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('[data-testid=download-json]')]);
    assert.equal(await readFile(await download.path(), 'utf8'), cli);
    assert.deepEqual(s.consoleErrors, []);
    assert.deepEqual(foreignRequests(s.requests, server.url), []);
  } finally {
    await s.close();
  }
});
