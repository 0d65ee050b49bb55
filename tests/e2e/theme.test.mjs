// Journey: read in the light or in the dark; the page follows the system, the menu overrides it and is
// remembered; dimmed furniture stays readable (WCAG AA, 4.5:1) in both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, openPage } from './harness.mjs';

let server;
before(async () => { server = await serveDist(); });
after(async () => { await server.close(); });

/** WCAG contrast ratio of an element's text colour against the background of `backgroundOf`. */
async function contrast(page, selector, backgroundOf) {
  return page.evaluate(([sel, bg]) => {
    const rgb = (c) => c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const fg = lum(rgb(getComputedStyle(document.querySelector(sel)).color));
    const back = lum(rgb(getComputedStyle(document.querySelector(bg)).backgroundColor));
    return (Math.max(fg, back) + 0.05) / (Math.min(fg, back) + 0.05);
  }, [selector, backgroundOf]);
}

const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('the page follows a dark system setting, and furniture keeps AA contrast there', async () => {
  const s = await openPage(server.url, { colorScheme: 'dark' });
  try {
    assert.equal(await background(s.page), 'rgb(22, 23, 26)');
    await s.page.click('[data-testid=sample-article]');
    await s.page.waitForSelector('[data-testid=annotated-text] .boilerplate');
    const ratio = await contrast(s.page, '[data-testid=annotated-text] .boilerplate', '[data-testid=annotated-text]');
    assert.ok(ratio >= 4.5, `furniture contrast in the dark: ${ratio.toFixed(2)}`);
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});

test('the theme menu overrides the system, is remembered, and "system" gives the choice back', async () => {
  const s = await openPage(server.url, { colorScheme: 'light' });
  try {
    assert.equal(await background(s.page), 'rgb(251, 250, 247)');
    await s.page.click('[data-testid=sample-article]');
    await s.page.waitForSelector('[data-testid=annotated-text] .boilerplate');
    const light = await contrast(s.page, '[data-testid=annotated-text] .boilerplate', '[data-testid=annotated-text]');
    assert.ok(light >= 4.5, `furniture contrast in the light: ${light.toFixed(2)}`);
    await s.page.selectOption('[data-testid=theme-menu]', 'dark');
    assert.equal(await s.page.getAttribute('html', 'data-theme'), 'dark');
    assert.equal(await background(s.page), 'rgb(22, 23, 26)');
    await s.page.reload();
    await s.page.waitForSelector('[data-testid=article-input]');
    await s.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    assert.equal(await s.page.inputValue('[data-testid=theme-menu]'), 'dark');
    await s.page.selectOption('[data-testid=theme-menu]', 'system');
    assert.equal(await s.page.getAttribute('html', 'data-theme'), null);
    assert.equal(await background(s.page), 'rgb(251, 250, 247)');
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});
