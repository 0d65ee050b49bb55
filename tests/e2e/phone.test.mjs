// Journey: use the page on a phone (390 px wide): every toolbar control is on screen, inside the
// viewport's width, and reachable with the Tab key; nothing makes the page scroll sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, openPage } from './harness.mjs';

let server;
before(async () => { server = await serveDist(); });
after(async () => { await server.close(); });

const WIDTH = 390;

test('at 390 px every toolbar control is visible, within the viewport and reachable by Tab', async () => {
  const s = await openPage(server.url, { viewport: { width: WIDTH, height: 844 } });
  try {
    await s.page.click('[data-testid=sample-article]');
    await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label]');
    // The controls: buttons, selects and the file pickers' labels (their inputs are visually hidden).
    const controls = await s.page.evaluate(() => {
      const bar = document.querySelector('[data-testid=toolbar]');
      return [...bar.querySelectorAll('button, select, label.button')].map((el, i) => {
        el.dataset.control = String(i);
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return {
          i, name: el.dataset.testid || el.getAttribute('aria-label') || el.textContent.trim(),
          left: r.left, right: r.right, width: r.width, height: r.height,
          visible: style.visibility !== 'hidden' && style.display !== 'none' && r.width > 0 && r.height > 0,
        };
      });
    });
    assert.ok(controls.length >= 8, `toolbar controls found: ${controls.map((c) => c.name).join(', ')}`);
    for (const c of controls) {
      assert.ok(c.visible, `${c.name} is visible`);
      assert.ok(c.left >= 0 && c.right <= WIDTH, `${c.name} lies within the viewport: ${c.left}–${c.right}`);
    }
    const scrollWidth = await s.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= WIDTH, `the page does not scroll sideways: ${scrollWidth} px wide`);

    // Tab from the page's title: each control (or the file input inside its label) takes the focus.
    await s.page.click('.topbar h1');
    const reached = new Set();
    for (let n = 0; n < 40 && reached.size < controls.length; n++) {
      await s.page.keyboard.press('Tab');
      const index = await s.page.evaluate(() => document.activeElement?.closest('[data-control]')?.dataset.control);
      if (index !== undefined) reached.add(Number(index));
    }
    const missed = controls.filter((c) => !reached.has(c.i)).map((c) => c.name);
    assert.deepEqual(missed, [], 'every toolbar control is reachable by Tab');
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});
