// Journey: copy an article from a news page (the clipboard carries HTML beside plain text) or drop a
// saved page; the page reads the article out of the HTML, as a person reads it, without running or
// loading anything in it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, openPage, foreignRequests, MARGINALIA } from './harness.mjs';
import { PAYLOADS } from './xss-payloads.mjs';

let server;
before(async () => { server = await serveDist(); });
after(async () => { await server.close(); });

const PAGE = `<!doctype html><html><head><title>Harbour Daily – Floods close the harbour</title>
<link rel="stylesheet" href="https://cdn.example.com/site.css"><script src="https://ads.example.com/ad.js"></script></head>
<body><header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article class="story">
<h1>Floods close the harbour at Kestrel Bay</h1>
<p class="byline">By Ada Quill</p>
<p>Heavy rain closed the harbour at Kestrel Bay on Tuesday, and the port authority said it would stay shut until Friday.</p>
<figure><img src="https://img.example.com/harbour.jpg" alt=""><figcaption>Boats moored at the harbour wall on Tuesday. Photo: Ben Stone</figcaption></figure>
<p>"We have never seen water this high," said Mara Lind, who has fished from the bay for thirty years.</p>
<p>The town council met in emergency session and opened two shelters for families whose homes were flooded.</p>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Storm season starts early</a></li><li><a href="/b">Council budget approved</a></li></ul></aside>
<p>Forecasters expect the rain to ease by the weekend, though rivers upstream are still rising.</p>
${PAYLOADS.slice(0, 8).join('\n')}
</article>
<section class="comments"><h2>Comments</h2><form><textarea placeholder="Add a comment"></textarea><button>Post comment</button></form><p>Be the first to comment.</p></section>
</main><footer><p>© 2026 Harbour Daily. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>`;

const PLAIN = 'Home World Sport Floods close the harbour at Kestrel Bay By Ada Quill Heavy rain closed the harbour…';

/** Checks what the page made of PAGE: the text area holds the article as a person reads it. */
async function checkArticle(s) {
  await s.page.waitForFunction(() => document.querySelector('[data-testid=article-input]').value.startsWith('Floods close'));
  const text = await s.page.inputValue('[data-testid=article-input]');
  assert.equal(text.split('\n')[0], 'Floods close the harbour at Kestrel Bay');
  for (const words of ['Heavy rain closed the harbour', 'We have never seen water this high', 'opened two shelters', 'rain to ease by the weekend']) {
    assert.ok(text.includes(words), `missing ${words}: ${text}`);
  }
  for (const furniture of ['Home', 'Post comment', 'Be the first to comment', 'All rights reserved', 'Privacy', 'window.__xss']) {
    assert.ok(!text.includes(furniture), `${furniture} in ${text}`);
  }
  await s.page.waitForSelector('[data-testid=headline]');
  assert.equal((await s.page.textContent('[data-testid=headline]')).trim(), 'Floods close the harbour at Kestrel Bay');
  const keys = await s.page.$$eval('[data-testid=key-sentence]', (els) => els.map((e) => e.textContent));
  assert.ok(keys.length > 0 && keys.every((k) => !k.includes('Floods close the harbour at Kestrel Bay')), keys.join(' | '));
  assert.equal(await s.page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(foreignRequests(s.requests, server.url), []);
  assert.deepEqual(s.consoleErrors, []);
}

test('a paste that carries HTML beside plain text gives the article out of the HTML', async () => {
  const s = await openPage(server.url);
  try {
    await s.page.evaluate(([html, plain]) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', plain);
      const area = document.querySelector('[data-testid=article-input]');
      area.focus();
      area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, [PAGE, PLAIN]);
    await checkArticle(s);
  } finally {
    await s.close();
  }
});

/** Pastes `html` (with its plain-text version) into the text area, as a copy from a browser would. */
async function pasteHtml(page, html, plain) {
  await page.evaluate(([h, p]) => {
    const data = new DataTransfer();
    data.setData('text/html', h);
    data.setData('text/plain', p);
    const area = document.querySelector('[data-testid=article-input]');
    area.focus();
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, [html, plain]);
}

const FURNITURE = ['Boats moored at the harbour wall on Tuesday', 'Storm season starts early', 'Council budget approved'];

/** The caption and the related links are dimmed as furniture, and no key sentence is one of theirs. */
async function checkFurniture(s) {
  await s.page.waitForSelector('[data-testid=annotated-text] .boilerplate');
  const dimmed = (await s.page.$$eval('[data-testid=annotated-text] .boilerplate', (els) => els.map((e) => e.textContent))).join('\n');
  for (const words of FURNITURE) assert.ok(dimmed.includes(words), `${words} is not dimmed: ${dimmed}`);
  const keys = await s.page.$$eval('[data-testid=key-sentence]', (els) => els.map((e) => e.textContent));
  assert.ok(keys.length >= 3, `key sentences: ${keys.length}`);
  for (const key of keys) {
    for (const words of [...FURNITURE, 'Related stories', 'Photo: Ben Stone']) {
      assert.ok(!key.includes(words), `a key sentence is furniture: ${key}`);
    }
  }
}

test("a pasted page's caption and related links are dimmed, never key sentences, and stay so after a reload", async () => {
  const s = await openPage(server.url);
  try {
    await pasteHtml(s.page, PAGE, PLAIN);
    await checkArticle(s);
    // Ask for more key sentences than the article has body sentences for, so furniture would be picked.
    for (let i = 0; i < 4; i++) await s.page.click('[data-testid=more-sentences]');
    await s.page.waitForFunction(() => document.querySelector('[data-testid=summary-k]').textContent === '7');
    await checkFurniture(s);
    await s.page.waitForTimeout(300);
    await s.page.reload();
    await s.page.waitForFunction(() => document.querySelector('[data-testid=article-input]')?.value.startsWith('Floods close'));
    await checkFurniture(s);
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});

test('a paste of plain text alone, or of HTML without paragraphs, stays as the browser pastes it', async () => {
  const s = await openPage(server.url);
  try {
    const prevented = await s.page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/html', '<span>Kestrel Bay</span>');
      data.setData('text/plain', 'Kestrel Bay');
      const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      document.querySelector('[data-testid=article-input]').dispatchEvent(event);
      return event.defaultPrevented;
    });
    assert.equal(prevented, false);
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});

test('a dropped saved page gives the article out of it', async () => {
  const s = await openPage(server.url);
  try {
    await s.page.evaluate((html) => {
      const data = new DataTransfer();
      data.items.add(new File([html], 'harbour.html', { type: 'text/html' }));
      const area = document.querySelector('[data-testid=article-input]');
      area.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, PAGE);
    await checkArticle(s);
  } finally {
    await s.close();
  }
});

// A made-up saved page: a publication date in Open Graph, authors in JSON-LD (one of them an XSS
// payload, which must show as text), and "yesterday" in the body, which resolves against that date.
const XSS_AUTHOR = '<img src=x onerror=window.__xss=1>';
const DATED_PAGE = `<!doctype html><html><head><title>Kestrel Post – Ferry returns to Kestrel Bay</title>
<meta property="article:published_time" content="2021-03-05T09:30:00Z"><meta property="og:site_name" content="Kestrel Post">
<script type="application/ld+json">${JSON.stringify({
  '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Ferry returns to Kestrel Bay',
  author: [{ '@type': 'Person', name: 'Ada Quill' }, { '@type': 'Person', name: XSS_AUTHOR }],
})}</script></head>
<body><article><h1>Ferry returns to Kestrel Bay</h1>
<p>The ferry to Kestrel Bay sailed again yesterday after a month in dock, the harbour office said.</p>
<p>Passengers queued from dawn, and the first crossing was full within an hour of the ticket office opening.</p>
<p>"We missed it more than we expected," said Mara Lind, who runs the café by the pier.</p>
</article></body></html>`;

/** The "Download annotations" file, as text. */
async function downloadJson(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-json]')]);
  return readFile(await download.path(), 'utf8');
}

/** The page shows the dated page's metadata as text, dates "yesterday" from it, and downloads what the CLI writes. */
async function checkDatedPage(s, cli) {
  await s.page.waitForSelector('[data-testid=page-metadata]');
  await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label=DATE]');
  const text = (id) => s.page.textContent(`[data-testid=${id}]`);
  assert.equal(await text('page-title'), 'Ferry returns to Kestrel Bay');
  assert.ok((await text('page-published')).startsWith('2021-03-05'), await text('page-published'));
  assert.equal(await text('page-authors'), `Ada Quill, ${XSS_AUTHOR}`);
  assert.equal(await text('page-site'), 'Kestrel Post');
  assert.equal(await s.page.$$eval('[data-testid=page-metadata] *', (els) => els.filter((e) => !['P', 'SPAN'].includes(e.tagName)).length), 0);
  assert.equal(await s.page.$('img'), null);
  // The page's date is the reference date, shown as coming from the page; the person's own is unset.
  assert.equal(await s.page.inputValue('[data-testid=anchor-date]'), '');
  assert.equal(await text('anchor-from-page'), 'from the page: 2021-03-05');
  const body = await downloadJson(s.page);
  const yesterday = JSON.parse(body).entities.find((e) => e.text === 'yesterday');
  assert.equal(yesterday?.label, 'DATE');
  assert.equal(yesterday?.value?.iso, '2021-03-04');
  assert.deepEqual(JSON.parse(body).metadata.authors, ['Ada Quill', XSS_AUTHOR]);
  assert.equal(body, cli);
  assert.equal(await s.page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(foreignRequests(s.requests, server.url), []);
  assert.deepEqual(s.consoleErrors, []);
}

test("an opened saved page's title, date and authors show above the text, date its relative dates, and download as the CLI writes them", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-dated-page-'));
  const path = join(dir, 'ferry.html');
  writeFileSync(path, DATED_PAGE);
  const cli = execFileSync(MARGINALIA, ['annotate', path], { encoding: 'utf8' });
  assert.ok(JSON.parse(cli).metadata, `the CLI writes metadata: ${cli}`);
  const s = await openPage(server.url);
  try {
    await s.page.setInputFiles('[data-testid=open-file] input[type=file]', path);
    await checkDatedPage(s, cli);
    // Saved with the document: all of it is back after a reload.
    await s.page.waitForTimeout(300);
    await s.page.reload();
    await s.page.waitForFunction(() => document.querySelector('[data-testid=article-input]')?.value.startsWith('Ferry returns'));
    await checkDatedPage(s, cli);
    // An explicit reference date wins over the page's.
    await s.page.fill('[data-testid=anchor-date]', '2022-01-10');
    await s.page.dispatchEvent('[data-testid=anchor-date]', 'change');
    await s.page.waitForFunction(() => document.querySelector('[data-testid=anchor-from-page]')?.textContent.includes("page's"));
    const chosen = execFileSync(MARGINALIA, ['annotate', '--anchor', '2022-01-10', path], { encoding: 'utf8' });
    let body = await downloadJson(s.page);
    for (let i = 0; i < 50 && body !== chosen; i++) {
      await s.page.waitForTimeout(100);
      body = await downloadJson(s.page);
    }
    assert.equal(body, chosen);
    assert.equal(JSON.parse(body).entities.find((e) => e.text === 'yesterday')?.value?.iso, '2022-01-09');
    // Another text in place of the page's: its metadata goes, and the download is the plain text's.
    const plain = 'The council met yesterday in Kestrel Bay.';
    await s.page.fill('[data-testid=article-input]', plain);
    await s.page.waitForSelector('[data-testid=page-metadata]', { state: 'detached' });
    await s.page.waitForFunction(() => document.querySelector('[data-testid=annotated-text]')?.textContent.startsWith('The council'));
    const plainBody = await downloadJson(s.page);
    assert.equal(plainBody, execFileSync(MARGINALIA, ['annotate', '--anchor', '2022-01-10'], { input: plain, encoding: 'utf8' }));
    assert.equal(JSON.parse(plainBody).metadata, undefined);
    assert.deepEqual(foreignRequests(s.requests, server.url), []);
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a pasted page's metadata shows above the text and comes along in the download", async () => {
  const s = await openPage(server.url);
  try {
    await pasteHtml(s.page, DATED_PAGE, 'Ferry returns to Kestrel Bay');
    await s.page.waitForSelector('[data-testid=page-metadata]');
    assert.equal(await s.page.textContent('[data-testid=page-authors]'), `Ada Quill, ${XSS_AUTHOR}`);
    assert.equal(await s.page.textContent('[data-testid=anchor-from-page]'), 'from the page: 2021-03-05');
    await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label=DATE]');
    const body = JSON.parse(await downloadJson(s.page));
    assert.equal(body.metadata.published, '2021-03-05T09:30:00Z');
    assert.equal(body.entities.find((e) => e.text === 'yesterday')?.value?.iso, '2021-03-04');
    assert.equal(await s.page.evaluate(() => window.__xss), undefined);
    assert.deepEqual(foreignRequests(s.requests, server.url), []);
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});
