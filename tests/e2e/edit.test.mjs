// Journey: correct the machine. Add, retag, remove, undo and redo by mouse and by keys; reload restores.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { typeWithReferenceDate, serveDist, openPage } from './harness.mjs';

let server;
before(async () => { server = await serveDist(); });
after(async () => { await server.close(); });

const TEXT = 'The committee met in Geneva on Monday. Zorblat Quenby chaired the committee.';

/** Highlights as {label, text, source}. */
const marks = (page) => page.$$eval('[data-testid=annotated-text] mark[data-label]', (els) =>
  els.map((e) => ({ label: e.dataset.label, text: e.textContent, source: e.dataset.source, start: +e.dataset.start, end: +e.dataset.end })));

/** Selects the code-point range [start, end) of the annotated text with the mouse-equivalent DOM API. */
async function selectText(page, start, end) {
  await page.evaluate(([start, end]) => {
    const root = document.querySelector('[data-testid=annotated-text]');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let pos = 0; let range = document.createRange(); let node;
    while ((node = walker.nextNode())) {
      const len = node.data.length;
      if (pos <= start && start <= pos + len) range.setStart(node, start - pos);
      if (pos <= end && end <= pos + len) { range.setEnd(node, end - pos); break; }
      pos += len;
    }
    const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
  }, [start, end]);
}

test('add by selection and button, retag, remove, undo and redo with the mouse', async () => {
  const s = await openPage(server.url);
  try {
    await s.page.fill('[data-testid=article-input]', TEXT);
    await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label]');
    const start = TEXT.indexOf('committee');
    await selectText(s.page, start, start + 'committee'.length);
    await s.page.click('[data-testid=label-ORG]');
    let now = await marks(s.page);
    assert.ok(now.some((m) => m.text === 'committee' && m.label === 'ORG' && m.source === 'user' && m.start === start));
    // Click it, retag to MISC.
    await s.page.click(`[data-testid=annotated-text] mark[data-start="${start}"]`);
    await s.page.waitForSelector('[data-testid=entity-editor]');
    await s.page.click('[data-testid=label-MISC]');
    now = await marks(s.page);
    assert.ok(now.some((m) => m.start === start && m.label === 'MISC' && m.source === 'user'));
    // Remove it.
    await s.page.click(`[data-testid=annotated-text] mark[data-start="${start}"]`);
    await s.page.click('[data-testid=remove-entity]');
    now = await marks(s.page);
    assert.ok(!now.some((m) => m.start === start));
    // Undo twice: back to ORG, then MISC is redone.
    await s.page.click('[data-testid=undo]');
    now = await marks(s.page);
    assert.ok(now.some((m) => m.start === start && m.label === 'MISC'));
    await s.page.click('[data-testid=undo]');
    now = await marks(s.page);
    assert.ok(now.some((m) => m.start === start && m.label === 'ORG'));
    await s.page.click('[data-testid=redo]');
    now = await marks(s.page);
    assert.ok(now.some((m) => m.start === start && m.label === 'MISC'));
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});

test('keyboard only: move between highlights, retag with a number key, remove, undo, redo', async () => {
  const s = await openPage(server.url);
  try {
    await s.page.fill('[data-testid=article-input]', TEXT);
    await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label]');
    const before = await marks(s.page);
    await s.page.focus('[data-testid=annotated-text]');
    await s.page.keyboard.press('ArrowRight');
    await s.page.waitForSelector('mark.focused');
    const first = await s.page.$eval('mark.focused', (e) => +e.dataset.start);
    assert.equal(first, before[0].start);
    await s.page.keyboard.press('4'); // MISC
    let now = await marks(s.page);
    assert.equal(now.find((m) => m.start === first).label, 'MISC');
    await s.page.keyboard.press('Delete');
    now = await marks(s.page);
    assert.ok(!now.some((m) => m.start === first));
    await s.page.keyboard.press('Control+z');
    now = await marks(s.page);
    assert.equal(now.find((m) => m.start === first).label, 'MISC');
    await s.page.keyboard.press('Control+Shift+z');
    now = await marks(s.page);
    assert.ok(!now.some((m) => m.start === first));
    // Add from a keyboard selection in the input area.
    await s.page.focus('[data-testid=article-input]');
    const at = TEXT.indexOf('chaired');
    await s.page.$eval('[data-testid=article-input]', (el, [a, b]) => el.setSelectionRange(a, b), [at, at + 'chaired'.length]);
    await s.page.click('[data-testid=label-MISC]');
    now = await marks(s.page);
    assert.ok(now.some((m) => m.start === at && m.text === 'chaired' && m.source === 'user'));
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});

test('edits and text survive a reload; saved documents are listed and deletable', async () => {
  const s = await openPage(server.url);
  try {
    await s.page.fill('[data-testid=article-input]', TEXT);
    await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label]');
    const start = TEXT.indexOf('committee');
    await selectText(s.page, start, start + 'committee'.length);
    await s.page.click('[data-testid=label-ORG]');
    await s.page.reload();
    await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label]');
    assert.equal(await s.page.inputValue('[data-testid=article-input]'), TEXT);
    const now = await marks(s.page);
    assert.ok(now.some((m) => m.start === start && m.label === 'ORG' && m.source === 'user'));
    // A second document, then both are listed.
    await s.page.click('[data-testid=new-document]');
    await s.page.fill('[data-testid=article-input]', 'Second story about Paris in 2020.');
    await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label]');
    await s.page.click('[data-testid=saved-documents]');
    const titles = await s.page.$$eval('[data-testid=saved-entry] button.link', (els) => els.map((e) => e.textContent));
    assert.deepEqual(titles.sort(), ['Second story about Paris in 2020.', TEXT].sort());
    // Open the first one again, from the list.
    await s.page.click(`[data-testid=saved-entry] button.link:text-is("${TEXT}")`);
    assert.equal(await s.page.inputValue('[data-testid=article-input]'), TEXT);
    await s.page.click('[data-testid=saved-documents]');
    await s.page.click('[data-testid=saved-entry]:has-text("Second story") [data-testid=delete-saved]');
    const left = await s.page.$$eval('[data-testid=saved-entry] button.link', (els) => els.map((e) => e.textContent));
    assert.deepEqual(left, [TEXT]);
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});

test('the reference date survives a reload and still resolves relative dates', async () => {
  const text = 'Talks resumed last Monday and will end later this year, officials said.';
  const s = await openPage(server.url);
  try {
    await typeWithReferenceDate(s.page, text, '2021-03-05');
    const before = await s.page.$$eval('[data-testid=timeline-row] .value', (els) => els.map((e) => e.textContent));
    assert.ok(before.includes('2021'), before.join());
    await s.page.reload();
    await s.page.waitForSelector('[data-testid=timeline-row] .value');
    assert.equal(await s.page.inputValue('[data-testid=anchor-date]'), '2021-03-05');
    const after = await s.page.$$eval('[data-testid=timeline-row] .value', (els) => els.map((e) => e.textContent));
    assert.deepEqual(after, before);
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});
