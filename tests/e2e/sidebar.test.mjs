// Journey: read the story from the sidebar; every row leads to its place in the text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { typeWithReferenceDate, serveDist, openPage } from './harness.mjs';

let server;
before(async () => { server = await serveDist(); });
after(async () => { await server.close(); });

test('clicking an entity row highlights all its mentions and steps through them', async () => {
  const s = await openPage(server.url);
  try {
    await s.page.setViewportSize({ width: 1300, height: 700 });
    await s.page.click('[data-testid=sample-article]');
    await s.page.waitForSelector('[data-testid=entity-row]');
    // A row with several mentions.
    const row = s.page.locator('[data-testid=entity-row]').filter({ hasText: '×3' }).first();
    const count = 3;
    await row.click();
    const inGroup = await s.page.$$eval('mark.in-group', (els) => els.map((e) => e.dataset.entity));
    assert.equal(inGroup.length, count);
    const firstFocused = await s.page.$eval('mark.focused', (e) => e.dataset.entity);
    assert.equal(firstFocused, inGroup[0]);
    await row.click();
    const secondFocused = await s.page.$eval('mark.focused', (e) => e.dataset.entity);
    assert.equal(secondFocused, inGroup[1]);
    // The focused mention is on screen.
    assert.ok(await s.page.locator('mark.focused').isVisible());
    const box = await s.page.locator('mark.focused').boundingBox();
    assert.ok(box.y >= 0 && box.y <= 700, `mention in view at y=${box.y}`);
    // Clicking a highlight reveals its row.
    await s.page.click(`mark[data-entity="${inGroup[2]}"]`);
    assert.equal(await s.page.locator('[data-testid=entity-row].selected').count(), 1);
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});

test('clicking a key sentence scrolls to it; k is adjustable', async () => {
  const s = await openPage(server.url);
  try {
    await s.page.setViewportSize({ width: 1300, height: 600 });
    await s.page.click('[data-testid=sample-article]');
    await s.page.waitForSelector('[data-testid=key-sentence]');
    assert.equal(await s.page.locator('[data-testid=key-sentence]').count(), 3);
    // The sample's first line is its headline: shown as the title, never a key sentence; nor is any of
    // its furniture (the player notice, the credit line).
    const sample = await readFile(new URL('../../static/sample.txt', import.meta.url), 'utf8');
    const headline = sample.split('\n')[0].trim();
    assert.equal((await s.page.textContent('[data-testid=headline]')).trim(), headline);
    const furniture = await s.page.$$eval('[data-testid=annotated-text] .boilerplate', (els) => els.map((e) => e.textContent.trim()));
    assert.ok(furniture.length >= 2, `furniture dimmed: ${JSON.stringify(furniture)}`);
    for (const text of await s.page.$$eval('[data-testid=key-sentence]', (els) => els.map((e) => e.textContent))) {
      assert.ok(!text.includes(headline), `headline among the key sentences: ${text}`);
      for (const f of furniture) assert.ok(!text.includes(f), `furniture ${f} in key sentence ${text}`);
    }
    const last = s.page.locator('[data-testid=key-sentence]').last();
    const sentence = await last.getAttribute('data-sentence');
    await last.click();
    await s.page.waitForTimeout(100);
    const box = await s.page.locator(`[data-testid=annotated-text] [data-sentence="${sentence}"]`).boundingBox();
    assert.ok(box && box.y >= 0 && box.y <= 600, `sentence anchor in view at y=${box?.y}`);
    await s.page.click('[data-testid=more-sentences]');
    assert.equal(await s.page.locator('[data-testid=key-sentence]').count(), 4);
    assert.equal(await s.page.textContent('[data-testid=summary-k]'), '4');
    assert.ok(await s.page.locator('[data-testid=timeline] [data-testid=timeline-row]').count() > 0);
    assert.ok(await s.page.locator('[data-testid=quotes] [data-testid=quote-row]').count() > 0);
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});

test('a reference date set in the page resolves relative dates as the CLI does', async () => {
  const { readFile } = await import('node:fs/promises');
  const { execFileSync } = await import('node:child_process');
  const { MARGINALIA } = await import('./harness.mjs');
  const text = 'Talks resumed last Monday and will end later this year, officials said on March 3.';
  const s = await openPage(server.url);
  try {
    await typeWithReferenceDate(s.page, text, '2021-03-05');
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('[data-testid=download-json]')]);
    const page = await readFile(await download.path(), 'utf8');
    const cli = execFileSync(MARGINALIA, ['annotate', '--anchor', '2021-03-05'], { input: text }).toString();
    assert.equal(page, cli);
    const values = JSON.parse(cli).entities.filter((e) => e.value).map((e) => e.value.iso);
    assert.ok(values.includes('2021'), values.join());
    const shown = await s.page.$$eval('[data-testid=timeline-row] .value', (els) => els.map((e) => e.textContent));
    for (const v of shown) assert.ok(values.includes(v), `${v} shown in the page is in the CLI output`);
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});

test('who said what lists each quote of the sample under its gold speaker', async () => {
  const gold = JSON.parse(await readFile(new URL('../fixtures/sample/kazakhstan-rallies.gold.json', import.meta.url), 'utf8'));
  const s = await openPage(server.url);
  try {
    await s.page.click('[data-testid=sample-article]');
    await s.page.waitForSelector('[data-testid=quotes] [data-testid=quote-row]');
    // Each speaker block: its heading and the quotes listed under it.
    const speakers = await s.page.$$eval('[data-testid=quotes] [data-testid=speaker]', (els) => els.map((el) => ({
      name: el.querySelector('[data-testid=speaker-name]')?.textContent.trim() ?? '',
      quotes: [...el.querySelectorAll('[data-testid=quote-row]')].map((row) => row.textContent),
    })));
    const rows = speakers.flatMap((sp) => sp.quotes);
    assert.equal(rows.length, gold.quotes_speakers.length, `quotes listed: ${JSON.stringify(rows)}`);
    for (const { quote, speaker } of gold.quotes_speakers) {
      // A row shows at most 160 characters of its quote: a longer one is cut and ends with an ellipsis.
      const shows = (row) => (row.endsWith('…') ? row.length > 1 && quote.startsWith(row.slice(0, -1)) : row === quote);
      const under = speakers.filter((sp) => sp.quotes.some(shows));
      assert.equal(under.length, 1, `${quote} listed once, under ${JSON.stringify(under.map((sp) => sp.name))}`);
      // The heading is the speaker's fullest name ("X Toqaev" for "Toqaev") or the words as written.
      assert.ok(under[0].name.includes(speaker), `${quote} is under "${under[0].name}", gold speaker "${speaker}"`);
    }
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});

test('clicking a quote in who said what scrolls to it and flashes its speaker as written', async () => {
  const gold = JSON.parse(await readFile(new URL('../fixtures/sample/kazakhstan-rallies.gold.json', import.meta.url), 'utf8'));
  const s = await openPage(server.url);
  try {
    await s.page.setViewportSize({ width: 1300, height: 600 });
    await s.page.click('[data-testid=sample-article]');
    await s.page.waitForSelector('[data-testid=quotes] [data-testid=quote-row]');
    const rows = s.page.locator('[data-testid=quotes] [data-testid=quote-row]');
    for (let i = 0; i < await rows.count(); i += 1) {
      const row = (await rows.nth(i).textContent()).replace(/…$/, '');
      const entry = gold.quotes_speakers.find(({ quote }) => quote.startsWith(row));
      assert.ok(entry, `gold has the quote ${row}`);
      await rows.nth(i).click();
      const flash = s.page.locator('[data-testid=annotated-text] [data-testid=speaker-flash]');
      await flash.waitFor();
      assert.equal(await flash.count(), 1);
      assert.equal((await flash.textContent()).trim(), entry.speaker);
      // The quote itself is the focused highlight, on screen.
      const focused = s.page.locator('[data-testid=annotated-text] mark.focused');
      assert.ok(entry.quote.startsWith((await focused.textContent()).replace(/QUOTE$/, '').slice(0, 20)));
      const box = await focused.boundingBox();
      assert.ok(box && box.y + box.height >= 0 && box.y <= 600, `quote in view at y=${box?.y}`);
    }
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});
