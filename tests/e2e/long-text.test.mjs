// Journey: a long text. It is analyzed in the worker with a progress line, drawn a part at a time, and
// the result is the same as the CLI's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { typeWithReferenceDate, serveDist, openPage, foreignRequests, ROOT, MARGINALIA } from './harness.mjs';

let server;
before(async () => { server = await serveDist(); });
after(async () => { await server.close(); });

/** Waits until the worker's analysis is shown, with at least one highlight. */
function analyzedInWorker(page) {
  return page.waitForFunction(() => {
    const el = document.querySelector('[data-testid=annotated-text]');
    return !document.querySelector('[data-testid=progress]') && el && el.dataset.analyzedIn === 'worker' && el.querySelector('mark');
  }, null, { timeout: 120000 });
}

/** Clicks the JSON download and returns the file's text. */
async function downloadJson(page) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-json]')]);
  return readFile(await file.path(), 'utf8');
}

/** Removes the first highlight by keyboard; returns a test for the removed entity in annotations JSON. */
async function removeFirstHighlight(page) {
  const first = await page.$eval('[data-testid=annotated-text] mark[data-entity="0"]', (m) => [m.dataset.label, +m.dataset.start, +m.dataset.end]);
  await page.focus('[data-testid=annotated-text]');
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('[data-testid=annotated-text] mark.focused[data-entity="0"]');
  await page.keyboard.press('Delete');
  return (e) => e.label === first[0] && e.start === first[1] && e.end === first[2];
}

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
    assert.equal(await downloadJson(s.page), cli);
    assert.deepEqual(s.consoleErrors, []);
    assert.deepEqual(foreignRequests(s.requests, server.url), []);
    // The worker runs the module the page compiled: downloaded once.
    assert.deepEqual(s.requests.filter((r) => r.endsWith('/app_bg.wasm')), [`${server.url}app_bg.wasm`]);
  } finally {
    await s.close();
  }
});

test('a long text pasted over another is drawn a part at a time from its first render', async () => {
  const sample = await readFile(join(ROOT, 'static', 'sample.txt'), 'utf8');
  const text = Array.from({ length: 48 }, (_, i) => `Part ${i + 1}\n\n${sample}`).join('\n\n');
  const next = `${text}\n\nPart 49\n\n${sample}`;
  const cli = JSON.parse(execFileSync(MARGINALIA, ['annotate'], { input: next, maxBuffer: 1 << 28 }).toString());
  // The worker's analysis of a text other than the one with `before` tokens, drawn in full.
  const drawnInFull = (page, before) => page.waitForFunction((before) => {
    const el = document.querySelector('[data-testid=annotated-text]');
    return !document.querySelector('[data-testid=progress]') && el && el.dataset.analyzedIn === 'worker'
      && +el.dataset.tokens !== before && +el.dataset.rendered >= +el.dataset.chunks;
  }, before, { timeout: 120000 });
  const s = await openPage(server.url);
  try {
    await s.page.fill('[data-testid=article-input]', text);
    await drawnInFull(s.page, 0);
    const first = await s.page.$eval('[data-testid=annotated-text]', (el) => +el.dataset.tokens);
    // What the text's element holds when the next analysis comes in (an observer of its attributes runs
    // right after the render that brings it).
    await s.page.evaluate(() => {
      const el = document.querySelector('[data-testid=annotated-text]');
      window.__arrival = null;
      new MutationObserver(() => {
        window.__arrival ??= {
          tokens: +el.dataset.tokens,
          chunks: +el.dataset.chunks,
          highlighted: el.querySelectorAll('.chunk:not(.pending)').length,
          marks: el.querySelectorAll('mark').length,
        };
      }).observe(el, { attributes: true, attributeFilter: ['data-tokens'] });
    });
    await s.page.fill('[data-testid=article-input]', next);
    await drawnInFull(s.page, first);
    const arrival = await s.page.evaluate(() => window.__arrival);
    assert.ok(arrival, 'the next analysis came into the same element');
    assert.ok(arrival.tokens > first, `${arrival.tokens} tokens after ${first}`);
    assert.ok(arrival.chunks > 10, `${arrival.chunks} chunks`);
    assert.equal(arrival.highlighted, 1, 'one part drawn with highlights when the analysis arrives');
    assert.ok(arrival.marks < cli.entities.length / 10, `${arrival.marks} highlights of ${cli.entities.length} at first`);
    const marks = await s.page.$$eval('[data-testid=annotated-text] mark[data-label]', (els) =>
      els.map((e) => [e.dataset.label, +e.dataset.start, +e.dataset.end]));
    assert.deepEqual(marks, cli.entities.map((e) => [e.label, e.start, e.end]));
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});

test('a long text collapses the text area until it is focused, and a short one opens it again', async () => {
  const sample = await readFile(join(ROOT, 'static', 'sample.txt'), 'utf8');
  const text = Array.from({ length: 48 }, (_, i) => `Part ${i + 1}\n\n${sample}`).join('\n\n');
  const s = await openPage(server.url);
  try {
    await s.page.fill('[data-testid=article-input]', text);
    await s.page.waitForSelector('[data-testid=article-input].collapsed');
    // The paste left the caret in the text area; it moves to the button that shows the text.
    assert.equal(await s.page.evaluate(() => document.activeElement?.dataset.testid), 'show-text');
    const note = await s.page.textContent('[data-testid=collapsed-note]');
    assert.ok(note.includes(`long text (${[...text].length} characters)`), note);
    assert.equal((await s.page.inputValue('[data-testid=article-input]')).length, text.length);
    await analyzedInWorker(s.page);
    await s.page.click('[data-testid=show-text]');
    await s.page.waitForSelector('[data-testid=article-input]:not(.collapsed)');
    assert.equal(await s.page.evaluate(() => document.activeElement?.dataset.testid), 'article-input');
    assert.equal(await s.page.$('[data-testid=collapsed-note]'), null);
    // A short text opens it; the next long one collapses it again, even though the text area has the focus.
    await s.page.fill('[data-testid=article-input]', 'Anna Berg visited Paris.');
    await s.page.waitForSelector('[data-testid=annotated-text] mark');
    await s.page.evaluate((text) => {
      const area = document.querySelector('[data-testid=article-input]');
      area.focus();
      area.value = text;
      area.dispatchEvent(new InputEvent('input', { bubbles: true }));
    }, text);
    await s.page.waitForSelector('[data-testid=article-input].collapsed');
    assert.equal(await s.page.evaluate(() => document.activeElement?.dataset.testid), 'show-text');
    // Focusing the text area (a click, or a tab to it) shows the text again.
    await s.page.focus('[data-testid=article-input]');
    await s.page.waitForSelector('[data-testid=article-input]:not(.collapsed)');
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});

test('a long text analyzed in the worker resolves relative dates against the reference date set in the page', async () => {
  const line = 'Talks resumed last Monday and will end later this year, officials said on March 3.';
  const text = Array.from({ length: 800 }, (_, i) => `${i + 1}. ${line}`).join('\n');
  assert.ok(text.length > 60000);
  const cli = execFileSync(MARGINALIA, ['annotate', '--anchor', '2021-03-05'], { input: text, maxBuffer: 1 << 28 }).toString();
  const values = JSON.parse(cli).entities.filter((e) => e.value).map((e) => e.value.iso);
  assert.ok(values.includes('2021'), 'the CLI resolves "later this year" against the reference date');
  const s = await openPage(server.url);
  try {
    await typeWithReferenceDate(s.page, line, '2021-03-05');
    await s.page.fill('[data-testid=article-input]', text);
    await s.page.waitForFunction((n) => {
      const el = document.querySelector('[data-testid=annotated-text]');
      return !document.querySelector('[data-testid=progress]') && el && el.dataset.analyzedIn === 'worker' && +el.dataset.tokens > n;
    }, 10000, { timeout: 120000 });
    assert.equal(await downloadJson(s.page), cli);
    // A new reference date for the long text: analyzed again (in the worker), as the CLI has it.
    const cli2019 = execFileSync(MARGINALIA, ['annotate', '--anchor', '2019-06-01'], { input: text, maxBuffer: 1 << 28 }).toString();
    await s.page.fill('[data-testid=anchor-date]', '2019-06-01');
    await s.page.dispatchEvent('[data-testid=anchor-date]', 'change');
    await s.page.waitForFunction(() => [...document.querySelectorAll('[data-testid=timeline-row] .value')].some((e) => e.textContent.startsWith('2019')), null, { timeout: 120000 });
    assert.equal(await downloadJson(s.page), cli2019);
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});

test('an edit of a long text survives its re-analysis in the worker, and undo still works', async () => {
  const line = 'Talks resumed last Monday and will end later this year, officials said on March 3.';
  const text = Array.from({ length: 800 }, (_, i) => `${i + 1}. ${line}`).join('\n');
  const cli2019 = execFileSync(MARGINALIA, ['annotate', '--anchor', '2019-06-01'], { input: text, maxBuffer: 1 << 28 }).toString();
  const s = await openPage(server.url);
  const download = () => downloadJson(s.page);
  try {
    await s.page.fill('[data-testid=article-input]', text);
    await analyzedInWorker(s.page);
    // Remove the first highlight, by keyboard.
    const removed = await removeFirstHighlight(s.page);
    assert.ok(!JSON.parse(await download()).entities.some(removed), 'removed');
    // A new reference date: the worker analyzes again; the removal is kept over its answer.
    await s.page.fill('[data-testid=anchor-date]', '2019-06-01');
    await s.page.dispatchEvent('[data-testid=anchor-date]', 'change');
    await s.page.waitForFunction(() => [...document.querySelectorAll('[data-testid=timeline-row] .value')].some((e) => e.textContent.startsWith('2019')), null, { timeout: 120000 });
    const expected = JSON.parse(cli2019).entities;
    assert.ok(expected.some(removed), 'the CLI finds the entity');
    const edited = JSON.parse(await download()).entities;
    assert.equal(edited.length, expected.length - 1);
    assert.ok(!edited.some(removed), 'still removed after the re-analysis');
    // Undo brings it back: the page's annotations are the CLI's again.
    await s.page.click('[data-testid=undo]');
    assert.equal(await download(), cli2019);
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});

test('a long saved text is analyzed in the worker on reload, with its edits', async () => {
  const line = 'Talks in Geneva resumed last Monday, officials of the United Nations said on March 3.';
  const text = Array.from({ length: 800 }, (_, i) => `${i + 1}. ${line}`).join('\n');
  const expected = JSON.parse(execFileSync(MARGINALIA, ['annotate'], { input: text, maxBuffer: 1 << 28 }).toString()).entities;
  const s = await openPage(server.url);
  const download = async () => JSON.parse(await downloadJson(s.page)).entities;
  try {
    await s.page.fill('[data-testid=article-input]', text);
    await analyzedInWorker(s.page);
    const removed = await removeFirstHighlight(s.page);
    assert.ok(expected.some(removed), 'the CLI finds the removed entity');
    assert.ok(!(await download()).some(removed), 'removed');
    await s.page.reload();
    await analyzedInWorker(s.page);
    assert.equal(await s.page.inputValue('[data-testid=article-input]'), text);
    const restored = await download();
    assert.equal(restored.length, expected.length - 1);
    assert.ok(!restored.some(removed), 'the removal survives the reload');
    assert.deepEqual(restored, expected.filter((e) => !removed(e)));
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});
