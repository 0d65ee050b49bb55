// Keyboard and screen readers: with the sample loaded, Tab reaches every control in reading order (the
// toolbar, the text box, the edit bar, the annotated text as one stop, then the sidebar from top to
// bottom), each showing a focus ring; Enter on an entity row, a key sentence or a highlight does what a
// click does; highlights, rows and key sentences carry names that say what they are; and the polite
// live region announces an analysis once, when the typing stops.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, openPage, loadSample } from './harness.mjs';

let server;
before(async () => { server = await serveDist(); });
after(async () => { await server.close(); });

async function withPage(options, body) {
  const s = await openPage(server.url, options);
  try {
    await s.page.setViewportSize({ width: 1300, height: 900 });
    await body(s.page);
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
}

/** Where a part of the page's Tab order starts: the first focusable element matching each selector. */
const ORDER = [
  '[data-testid=sample-article]', '[data-testid=new-document]', '[data-testid=saved-documents]',
  '[data-testid=theme-menu]', '[data-testid=article-input]', '[data-testid=label-PER]',
  '[data-testid=annotated-text]', '[data-testid=entity-row]', '[data-testid=quote-row]',
  '[data-testid=anchor-date]', '[data-testid=timeline-row]', '[data-testid=figure-button]',
  '[data-testid=more-sentences]', '[data-testid=key-sentence]',
];

for (const colorScheme of ['light', 'dark']) {
  test(`Tab reaches every control in order, each with a focus ring (${colorScheme})`, async () => {
    await withPage({ colorScheme }, async (page) => {
      await loadSample(page);
      // Number every element a keyboard should reach: enabled controls and tab stops, in document order.
      const expected = await page.evaluate(() => {
        const all = [...document.querySelectorAll('button, input, select, textarea, a[href], [tabindex]')]
          .filter((e) => !e.disabled && e.tabIndex >= 0 && !e.closest('[hidden], [inert]'));
        all.forEach((e, i) => { e.dataset.kbd = String(i); });
        return all.length;
      });
      // Start at the first control; a date field's day, month and year are one element, three stops.
      await page.focus('[data-testid=sample-article]');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Shift+Tab');
      const reached = [];
      for (let i = 0; i < expected + 10; i++) {
        if (i > 0) await page.keyboard.press('Tab');
        const at = await page.evaluate(() => {
          const e = document.activeElement;
          if (!e || e === document.body) return null;
          // A visually hidden file input shows its ring on the button-styled label around it.
          const ringed = e.classList.contains('visually-hidden') ? e.closest('.button') ?? e : e;
          const style = getComputedStyle(ringed);
          const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
          return { kbd: e.dataset.kbd, testid: e.dataset.testid ?? e.tagName, ring };
        });
        if (!at || reached.slice(0, -1).some((r) => r.kbd === at.kbd)) break;
        if (reached.at(-1)?.kbd !== at.kbd) reached.push(at);
      }
      const missed = await page.evaluate((seen) => [...document.querySelectorAll('[data-kbd]')]
        .filter((e) => !seen.includes(e.dataset.kbd)).map((e) => e.dataset.testid ?? e.outerHTML.slice(0, 60)),
      reached.map((r) => r.kbd));
      assert.deepEqual(missed, [], 'every control is reached by Tab');
      assert.deepEqual(reached.filter((r) => !r.ring).map((r) => r.testid), [], 'every focused control shows a ring');
      // Tab follows the document order (no positive tabindex), and the parts come in reading order.
      assert.deepEqual(reached.map((r) => Number(r.kbd)), [...reached.map((r) => Number(r.kbd))].sort((a, b) => a - b));
      const firsts = await page.evaluate((order) => order.map((sel) => document.querySelector(sel)?.dataset.kbd), ORDER);
      const positions = firsts.map((kbd, i) => {
        const at = reached.findIndex((r) => r.kbd === kbd);
        assert.ok(at >= 0, `${ORDER[i]} is reached`);
        return at;
      });
      assert.deepEqual(positions, [...positions].sort((a, b) => a - b), `parts in order: ${ORDER.join(' → ')}`);
      // The annotated text is one stop, not one per highlight.
      assert.equal(reached.filter((r) => r.testid === 'annotated-text').length, 1);
      assert.ok(!reached.some((r) => r.testid === 'MARK'));
    });
  });
}

test('highlights, entity rows and key sentences say what they are', async () => {
  await withPage({}, async (page) => {
    await loadSample(page);
    // A mark's own name is prohibited in ARIA; what a screen reader reads of it is its content, which
    // starts with the type (the alternative text of its ::before).
    const text = await page.locator('[data-testid=annotated-text]').ariaSnapshot();
    assert.match(text, /- mark: "Person: Nursultan Nazarbaev"/);
    assert.match(text, /- mark: "Place: Kazakhstan"/);
    assert.doesNotMatch(text, /PER|LOC|ORG/, 'the visible codes are not read after each highlight');
    // The visible type code stays beside each highlight.
    const code = await page.$eval('mark.ent-PER', (m) => getComputedStyle(m, '::after').content);
    assert.match(code, /PER/);
    const row = page.getByRole('button', { name: /^Person: Nursultan Nazarbaev, \d+ mentions?$/ });
    assert.equal(await row.count(), 1);
    const names = await page.getByRole('button', { name: /^Key sentence \d of \d: / }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    const k = Number(await page.textContent('[data-testid=summary-k]'));
    assert.equal(names.length, k);
    names.forEach((name, i) => assert.ok(name.startsWith(`Key sentence ${i + 1} of ${k}: `), name));
    const snapshot = await page.locator('[data-testid=entities]').ariaSnapshot();
    assert.match(snapshot, /button "Person: Nursultan Nazarbaev, \d+ mentions?"/);
    assert.ok(await page.getByRole('button', { name: /^Money: / }).count() + await page.getByRole('button', { name: /^Count: / }).count() >= 1,
      'figure rows are buttons named by their type');
  });
});

test('Enter on an entity row, a key sentence and a highlight does what a click does', async () => {
  await withPage({}, async (page) => {
    await loadSample(page);
    // An entity row: its mentions are marked, the first chosen; Enter again steps to the next.
    const row = page.getByRole('button', { name: /^Place: Kazakhstan, \d+ mentions$/ });
    const group = await row.getAttribute('data-group');
    await row.focus();
    await page.keyboard.press('Enter');
    assert.equal(await row.getAttribute('aria-pressed'), 'true');
    const inGroup = await page.$$eval('mark.in-group', (els) => els.map((e) => e.dataset.entity));
    assert.ok(inGroup.length >= 2);
    assert.equal(await page.$eval('mark.focused', (e) => e.dataset.entity), inGroup[0]);
    await page.keyboard.press('Enter');
    assert.equal(await page.$eval('mark.focused', (e) => e.dataset.entity), inGroup[1]);
    assert.equal(await page.$eval('[data-testid=entity-row].selected', (e) => e.dataset.group), group);

    // A key sentence: the text scrolls to it.
    const last = page.getByRole('button', { name: /^Key sentence \d of \d: / }).last();
    const sentence = await last.getAttribute('data-sentence');
    await page.evaluate(() => window.scrollTo(0, 0));
    await last.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((s) => {
      const top = document.querySelector(`[data-testid=annotated-text] [data-sentence="${s}"]`)?.getBoundingClientRect().top;
      return top !== undefined && top >= 0 && top < window.innerHeight;
    }, sentence, { timeout: 5000 });

    // A highlight: Tab to the text, an arrow key chooses a highlight (and the live region names it),
    // Enter shows it and its row as a click does.
    await page.focus('[data-testid=annotated-text]');
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const second = await page.$$eval('[data-testid=annotated-text] mark[data-entity]', (els) => els[1].dataset.entity);
    assert.equal(await page.$eval('mark.focused', (e) => e.dataset.entity), second);
    await page.waitForFunction(() => /^Place: Kazakhstan, highlight 2 of \d+$/.test(document.querySelector('[data-testid=analysis-status]').textContent));
    const outcome = () => page.evaluate(() => ({
      focused: document.querySelector('mark.focused')?.dataset.entity,
      inGroup: [...document.querySelectorAll('mark.in-group')].map((e) => e.dataset.entity),
      row: document.querySelector('[data-testid=entity-row].selected')?.dataset.group,
      editor: document.querySelector('[data-testid=entity-editor] .chip')?.textContent,
    }));
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const byKey = await outcome();
    assert.equal(byKey.focused, second);
    assert.equal(byKey.editor, 'Kazakhstan');
    assert.ok(byKey.row !== undefined && byKey.inGroup.includes(second));
    await page.keyboard.press('Escape');
    await page.click(`mark[data-entity="${second}"]`);
    assert.deepEqual(await outcome(), byKey, 'Enter on a highlight does what a click does');
  });
});

test('the live region announces an analysis once, when typing stops', async () => {
  await withPage({}, async (page) => {
    const status = page.locator('[data-testid=analysis-status]');
    assert.equal(await status.getAttribute('role'), 'status');
    assert.equal(await status.getAttribute('aria-live'), 'polite');
    assert.equal((await status.textContent()).trim(), '');
    // The progress note changes at each keystroke: it is not a live region.
    await page.evaluate(() => {
      window.announced = [];
      const region = document.querySelector('[data-testid=analysis-status]');
      new MutationObserver(() => window.announced.push(region.textContent))
        .observe(region, { childList: true, characterData: true, subtree: true });
    });
    await page.click('[data-testid=article-input]');
    await page.keyboard.type('Angela Merkel met Emmanuel Macron in Paris on Monday.', { delay: 20 });
    await page.waitForFunction(() => window.announced.length > 0, null, { timeout: 5000 });
    await page.waitForTimeout(1500);
    const announced = await page.evaluate(() => window.announced);
    assert.equal(announced.length, 1, `one announcement: ${JSON.stringify(announced)}`);
    assert.match(announced[0], /^Analysis done: \d+ highlights?, \d+ entit(y|ies), \d+ key sentences?\.$/);
    assert.equal(await page.locator('[data-testid=progress][role=status], [data-testid=progress][aria-live]').count(), 0);
    // A paste is announced once too.
    await page.evaluate(() => { window.announced = []; });
    await page.fill('[data-testid=article-input]', 'Police in Almaty detained dozens of protesters on Sunday.');
    await page.waitForFunction(() => window.announced.length > 0, null, { timeout: 5000 });
    await page.waitForTimeout(1500);
    assert.equal((await page.evaluate(() => window.announced)).length, 1);
  });
});
