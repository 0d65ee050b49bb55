// Journey: paste an article, read the highlights and the sidebar.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { serveDist, openPage, foreignRequests, ROOT, MARGINALIA } from './harness.mjs';

let server;
before(async () => { server = await serveDist(); });
after(async () => { await server.close(); });

test('text pasted while the page is still loading is kept, analyzed and keeps the focus', async () => {
  const sample = await readFile(join(ROOT, 'static', 'sample.txt'), 'utf8');
  const expected = JSON.parse(execFileSync(MARGINALIA, ['annotate'], { input: sample }).toString());
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  // The wasm module is held back until the text is in: the page shows only its shell until then.
  const setup = (page) => page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  const s = await openPage(server.url, { setup, waitFor: '[data-testid=article-input]' });
  try {
    assert.equal(await s.page.locator('[data-testid=toolbar]').count(), 0, 'the app is not there yet');
    await s.page.fill('[data-testid=article-input]', sample);
    await s.page.evaluate(() => document.querySelector('[data-testid=article-input]').setSelectionRange(5, 9));
    release();
    await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label]');
    assert.equal(await s.page.locator('[data-testid=article-input]').count(), 1, 'the shell is gone');
    assert.equal(await s.page.inputValue('[data-testid=article-input]'), sample);
    const marks = await s.page.$$eval('[data-testid=annotated-text] mark[data-label]', (els) =>
      els.map((e) => ({ label: e.dataset.label, start: +e.dataset.start, end: +e.dataset.end })));
    assert.deepEqual(marks, expected.entities.map((e) => ({ label: e.label, start: e.start, end: e.end })));
    const focus = await s.page.evaluate(() => {
      const area = document.activeElement;
      return [area?.dataset.testid, area?.selectionStart, area?.selectionEnd];
    });
    assert.deepEqual(focus, ['article-input', 5, 9]);
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});

test('pasting the sample highlights what the CLI finds, with exact offsets', async () => {
  const sample = await readFile(join(ROOT, 'static', 'sample.txt'), 'utf8');
  const expected = JSON.parse(execFileSync(MARGINALIA, ['annotate'], { input: sample }).toString());
  const s = await openPage(server.url);
  try {
    assert.ok(await s.page.locator('[data-testid=annotated-text] .empty-state').isVisible());
    await s.page.fill('[data-testid=article-input]', sample);
    await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label]');
    const marks = await s.page.$$eval('[data-testid=annotated-text] mark[data-label]', (els) =>
      els.map((e) => ({ label: e.dataset.label, start: +e.dataset.start, end: +e.dataset.end, text: e.textContent })));
    const want = expected.entities.map((e) => ({ label: e.label, start: e.start, end: e.end, text: e.text }));
    assert.deepEqual(marks, want);
    // What is highlighted is what the offsets say (code points).
    const chars = Array.from(sample);
    for (const m of marks) assert.equal(chars.slice(m.start, m.end).join(''), m.text);
    // The whole text is shown, line breaks included.
    assert.equal(await s.page.textContent('[data-testid=annotated-text]'), sample);
    // The sidebar counts every type found.
    const sidebar = await s.page.textContent('[data-testid=sidebar]');
    for (const label of new Set(want.map((e) => e.label))) {
      const n = want.filter((e) => e.label === label).length;
      const row = await s.page.textContent(`[data-testid=type-counts] [data-label=${label}] .n`);
      assert.equal(+row, n, `${label} count`);
    }
    assert.ok(sidebar.length > 0);
    assert.deepEqual(s.consoleErrors, []);
    assert.deepEqual(foreignRequests(s.requests, server.url), []);
  } finally {
    await s.close();
  }
});

test('the sample button loads the bundled article', async () => {
  const s = await openPage(server.url);
  try {
    await s.page.click('[data-testid=sample-article]');
    await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label]');
    const value = await s.page.inputValue('[data-testid=article-input]');
    assert.ok(value.startsWith('Dozens Detained By Police'));
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});
