// Journey: hostile and broken input. Pasted, dropped or imported markup never runs; storage that is
// disabled, full or damaged gives a message and loses nothing; the page talks to no other origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, openPage, foreignRequests } from './harness.mjs';
import { PAYLOADS } from './xss-payloads.mjs';

let server;
before(async () => { server = await serveDist(); });
after(async () => { await server.close(); });

/** Tags inside the annotated text that the app itself draws. */
const APP_TAGS = new Set(['MARK', 'SPAN']);

async function assertNothingRan(s, where) {
  assert.equal(await s.page.evaluate(() => window.__xss), undefined, `${where}: a payload ran`);
  const foreign = await s.page.$$eval('[data-testid=annotated-text] *', (els) => els.map((e) => e.tagName));
  for (const tag of foreign) assert.ok(APP_TAGS.has(tag), `${where}: unexpected <${tag}> in the annotated text`);
  assert.deepEqual(s.consoleErrors.filter((e) => e.startsWith('dialog')), [], `${where}: a dialog opened`);
}

test(`${PAYLOADS.length} payloads pasted one by one and together never run`, async () => {
  assert.ok(PAYLOADS.length >= 50);
  const s = await openPage(server.url);
  try {
    for (const payload of PAYLOADS) {
      const text = `Anna Berg said in Paris: ${payload} on March 3, 2025.`;
      await s.page.fill('[data-testid=article-input]', text);
      await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label]');
      assert.equal(await s.page.textContent('[data-testid=annotated-text]'), text);
      await assertNothingRan(s, payload);
    }
    await s.page.fill('[data-testid=article-input]', PAYLOADS.join('\n'));
    await s.page.hover('[data-testid=annotated-text]');
    await s.page.waitForTimeout(200);
    await assertNothingRan(s, 'all payloads');
    assert.deepEqual(foreignRequests(s.requests, server.url), []);
  } finally {
    await s.close();
  }
});

test('payloads in a dropped file, an imported file (text, labels, fields) and the HTML report never run', async () => {
  const s = await openPage(server.url);
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-xss-'));
  try {
    const text = PAYLOADS.join('\n') + '\nAnna Berg visited Paris.';
    await s.page.evaluate((t) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([t], '<img src=x onerror=window.__xss=90>.txt', { type: 'text/plain' }));
      document.querySelector('[data-testid=article-input]')
        .dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, text);
    await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label]');
    await assertNothingRan(s, 'dropped file');
    // The HTML report of that text: load it as a page of its own; nothing runs.
    await s.page.selectOption('[data-testid=export-format]', 'html');
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('[data-testid=export]')]);
    const report = await readFile(await download.path(), 'utf8');
    assert.ok(!/<script/i.test(report), 'the report has no script element');
    assert.ok(!/<img|<svg|<iframe/i.test(report), 'the report has no markup from the text');
    const reportPage = await s.page.context().newPage();
    let reportDialog = false;
    reportPage.on('dialog', (d) => { reportDialog = true; d.dismiss(); });
    await reportPage.setContent(report);
    await reportPage.waitForTimeout(200);
    assert.equal(await reportPage.evaluate(() => window.__xss), undefined);
    assert.equal(reportDialog, false);
    await reportPage.close();
    // Imported files with payloads in the text, a label and other fields.
    const files = {
      'text.json': JSON.stringify({ schema: 'marginalia/1', text: PAYLOADS[2] + ' Paris', entities: [{ start: PAYLOADS[2].length + 1, end: PAYLOADS[2].length + 6, label: 'LOC', source: 'user' }] }),
      'label.json': JSON.stringify({ schema: 'marginalia/1', text: 'Paris', entities: [{ start: 0, end: 5, label: PAYLOADS[3], source: 'model' }] }),
      'source.json': JSON.stringify({ schema: 'marginalia/1', text: 'Paris', entities: [{ start: 0, end: 5, label: 'LOC', source: PAYLOADS[0] }] }),
      'doccano.jsonl': JSON.stringify({ text: 'Paris ' + PAYLOADS[4], label: [[0, 5, PAYLOADS[5]]] }),
      'schema.json': JSON.stringify({ schema: PAYLOADS[6], text: 'x' }),
    };
    for (const [name, body] of Object.entries(files)) {
      const path = join(dir, name);
      await writeFile(path, body);
      await s.page.setInputFiles('[data-testid=import-input]', path);
      await s.page.waitForTimeout(150);
      await assertNothingRan(s, `import ${name}`);
      const notice = await s.page.locator('[data-testid=notice]').count();
      if (notice) {
        const html = await s.page.innerHTML('[data-testid=notice]');
        assert.ok(!/<img|<script|<svg/i.test(html), `notice escapes markup: ${html}`);
      }
    }
    assert.deepEqual(foreignRequests(s.requests, server.url), []);
  } finally {
    await s.close();
  }
});

test('the page declares a Content-Security-Policy limited to its own origin', async () => {
  const s = await openPage(server.url);
  try {
    const csp = await s.page.$eval('meta[http-equiv=Content-Security-Policy]', (m) => m.content);
    assert.match(csp, /default-src 'self'/);
    assert.ok(!/unsafe-inline|unsafe-eval'|\*/.test(csp.replace("'wasm-unsafe-eval'", '')), csp);
    // A request to another origin is refused by the policy.
    const blocked = await s.page.evaluate(() => fetch('http://127.0.0.2:9/x').then(() => false, () => true));
    assert.equal(blocked, true);
  } finally {
    await s.close();
  }
});

test('storage disabled: a clear message, and the page works in memory', async () => {
  const s = await openPage(server.url, {
    init: () => Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } }),
  });
  try {
    await s.page.waitForSelector('[data-testid=notice]');
    assert.match(await s.page.textContent('[data-testid=notice]'), /Saving is unavailable/);
    await s.page.fill('[data-testid=article-input]', 'Anna Berg visited Paris in 2019.');
    await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label]');
    assert.equal(await s.page.inputValue('[data-testid=article-input]'), 'Anna Berg visited Paris in 2019.');
  } finally {
    await s.close();
  }
});

test('storage full: a clear message, and the work stays', async () => {
  const s = await openPage(server.url, {
    init: () => { Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); }; },
  });
  try {
    await s.page.fill('[data-testid=article-input]', 'Anna Berg visited Paris in 2019.');
    await s.page.waitForSelector('[data-testid=notice]');
    assert.match(await s.page.textContent('[data-testid=notice]'), /Storage is full/);
    assert.ok(await s.page.locator('[data-testid=annotated-text] mark[data-label]').count() > 0);
    assert.equal(await s.page.inputValue('[data-testid=article-input]'), 'Anna Berg visited Paris in 2019.');
  } finally {
    await s.close();
  }
});

test('damaged saved state: a clear message, and a working page', async () => {
  const s = await openPage(server.url, {
    init: () => {
      if (!sessionStorage.getItem('seeded')) {
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem('marginalia:index', JSON.stringify([{ id: 'a', title: 'Broken', saved_at: 1 }]));
        localStorage.setItem('marginalia:doc:a', '{"version": 1, "text": 42');
      }
    },
  });
  try {
    await s.page.waitForSelector('[data-testid=notice]');
    assert.match(await s.page.textContent('[data-testid=notice]'), /could not be opened/);
    await s.page.fill('[data-testid=article-input]', 'Anna Berg visited Paris in 2019.');
    await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label]');
    // A damaged index too.
    await s.page.evaluate(() => localStorage.setItem('marginalia:index', 'not json'));
    await s.page.reload();
    await s.page.waitForSelector('[data-testid=notice]');
    assert.match(await s.page.textContent('[data-testid=notice]'), /damaged/);
  } finally {
    await s.close();
  }
});
