// Journey: open a real saved news page (one of the ScrapingHub benchmark's dev pages, unpacked at test
// time into a temporary directory, never into the repository) through "Open file…": the page shows the
// same article text as `marginalia extract` of that file and requests nothing from the network. And a
// saved page whose article body carries the XSS payloads: nothing in it runs, and the payload text that
// reaches the article is shown as inert text.
//
// The dev pages live in ../shared/data/html/dev (MARGINALIA_SHARED overrides ../shared); without them the
// first test is skipped with a message, unless MARGINALIA_REQUIRE_DATA=1 makes that a failure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { serveDist, openPage, foreignRequests, ROOT, MARGINALIA } from './harness.mjs';
import { PAYLOADS } from './xss-payloads.mjs';

const SHARED = process.env.MARGINALIA_SHARED ?? join(ROOT, '..', 'shared');
const DEV = join(SHARED, 'data', 'html', 'dev');
// A BBC News page; any other dev page is taken when it is absent.
const PREFERRED = 'c7e39ac49fa1';

let server;
let dir;
before(async () => {
  server = await serveDist();
  dir = mkdtempSync(join(tmpdir(), 'marginalia-saved-page-'));
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The dev page to use, unpacked into the temporary directory, or null when the data is missing. */
function devPage() {
  if (!existsSync(DEV)) return null;
  const pages = readdirSync(DEV).filter((f) => f.endsWith('.html.gz')).sort();
  const name = pages.find((f) => f.startsWith(PREFERRED)) ?? pages[0];
  if (!name) return null;
  const path = join(dir, name.replace(/\.gz$/, ''));
  writeFileSync(path, gunzipSync(readFileSync(join(DEV, name))));
  return path;
}

/** Opens `path` through the page's "Open file…" input and returns the article text once it is set. */
async function openThroughFileInput(s, path, firstLine) {
  await s.page.setInputFiles('[data-testid=open-file] input[type=file]', path);
  await s.page.waitForFunction(
    (line) => document.querySelector('[data-testid=article-input]').value.startsWith(line),
    firstLine,
  );
  return s.page.inputValue('[data-testid=article-input]');
}

test('a saved news page opened from disk shows the text `marginalia extract` gives, and loads nothing', async (t) => {
  const path = devPage();
  if (!path) {
    const message = `no dev pages in ${DEV}: the saved-page test needs ../shared/data/html/dev`;
    if (process.env.MARGINALIA_REQUIRE_DATA === '1') assert.fail(message);
    t.skip(message);
    return;
  }
  const cli = execFileSync(MARGINALIA, ['extract', path], { encoding: 'utf8', maxBuffer: 64 << 20 }).replace(/\n$/, '');
  assert.ok(cli.length > 500, `extract gave little text: ${cli}`);
  const s = await openPage(server.url);
  try {
    const text = await openThroughFileInput(s, path, cli.split('\n')[0]);
    assert.equal(text, cli);
    // The analysis ran on it: the headline is the title line.
    await s.page.waitForSelector('[data-testid=headline]');
    assert.equal((await s.page.textContent('[data-testid=headline]')).trim(), cli.split('\n')[0]);
    // The saved page's scripts, styles, images and trackers never load.
    assert.deepEqual(foreignRequests(s.requests, server.url), []);
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});

const TITLE = 'Lighthouse keepers return to Skerry Point';
const HOSTILE = `<!doctype html><html><head><meta charset="utf-8"><title>${TITLE} | Coast News</title>
<meta property="article:published_time" content="2026-03-05T09:00:00Z">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"<img src=x onerror=window.__pwned=1>","author":"<script>window.__pwned=2</script>"}</script>
</head><body><main><article><h1>${TITLE}</h1>
<p>The lighthouse at Skerry Point has keepers again for the first time in forty years, the coast trust said on Tuesday.</p>
${PAYLOADS.map((p) => `<p>Reader comment quoted in full: ${p} and the sentence goes on after it.</p>`).join('\n')}
<p>The keepers will live in the cottages beside the tower and guide visitors through the summer season.</p>
</article></main></body></html>`;

test('a saved page with XSS payloads in its article body runs none of them; their text stays inert', async () => {
  const path = join(dir, 'hostile.html');
  writeFileSync(path, HOSTILE);
  const cli = execFileSync(MARGINALIA, ['extract', path], { encoding: 'utf8' }).replace(/\n$/, '');
  const s = await openPage(server.url, {
    init: () => {
      window.__dialogs = 0;
      for (const name of ['alert', 'confirm', 'prompt', 'print']) {
        window[name] = () => { window.__dialogs += 1; };
      }
    },
  });
  try {
    const text = await openThroughFileInput(s, path, TITLE);
    assert.equal(text, cli);
    // (Unclosed payload elements nest what follows them, as a browser's parser would; the extraction
    // may then lose the paragraph before them, but keeps the rest.)
    assert.ok(text.includes('guide visitors through the summer season'), text);
    assert.ok(text.includes('Reader comment quoted in full'), text);
    // Payloads written as entities decode to markup-like text, which the page shows as text.
    assert.ok(text.includes('<script>window.__xss=31</script>'), text);
    await s.page.waitForSelector('[data-testid=headline]');
    // Give anything that might run (timers, image errors, focus handlers) a moment.
    await s.page.waitForTimeout(500);
    const ran = await s.page.evaluate(() => ({ xss: window.__xss, pwned: window.__pwned, dialogs: window.__dialogs }));
    assert.deepEqual(ran, { xss: undefined, pwned: undefined, dialogs: 0 });
    // No element of the saved page became an element of ours: the text is shown as text.
    const hostileElements = await s.page.evaluate(() =>
      [...document.querySelectorAll('[onerror], [onload], [onfocus], [ontoggle], [onbegin], [onstart], [src^="x"], [href^="javascript:"], [srcdoc]')]
        .map((e) => e.outerHTML.slice(0, 80)));
    assert.deepEqual(hostileElements, []);
    // The annotated article shows the decoded markup as characters.
    const shown = await s.page.evaluate(() => document.body.innerText);
    assert.ok(shown.includes('guide visitors through the summer season'), 'the article is shown');
    assert.ok(shown.includes('<script>window.__xss=31</script>'), 'the payload text is shown as text');
    assert.deepEqual(s.consoleErrors.filter((e) => e.startsWith('dialog')), []);
    assert.deepEqual(foreignRequests(s.requests, server.url), []);
  } finally {
    await s.close();
  }
});
