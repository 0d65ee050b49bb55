// Accessibility: axe-core (WCAG 2.x A and AA rules) finds no violation in each state a reader meets: the
// empty page, the sample article in light and in dark, the edit bar with a selection, the saved-documents
// menu open, and the page at phone width (390 px). axe is injected through the browser context (an init
// script), so the page's Content-Security-Policy stays as it is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { serveDist, openPage, loadSample } from './harness.mjs';

const require = createRequire(import.meta.url);
let server;
let axeSource;
before(async () => {
  server = await serveDist();
  axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
});
after(async () => { await server.close(); });

/** axe's violations of the page as it is now, one line each: rule, impact, and the first few targets. */
async function violations(page) {
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return found.map((v) => `${v.id} (${v.impact}): ${v.targets.slice(0, 4).join(', ')}${v.targets.length > 4 ? ', …' : ''}`);
}

async function withSample(options, body) {
  const s = await openPage(server.url, { init: axeSource, ...options });
  try {
    await body(s);
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
}

test('the empty page has no accessibility violation', async () => {
  await withSample({}, async (s) => {
    assert.deepEqual(await violations(s.page), []);
  });
});

for (const colorScheme of ['light', 'dark']) {
  test(`the sample article in ${colorScheme} has no accessibility violation`, async () => {
    await withSample({ colorScheme }, async (s) => {
      await s.page.setViewportSize({ width: 1300, height: 900 });
      await loadSample(s.page);
      assert.deepEqual(await violations(s.page), []);
    });
  });
}

test('the edit bar with a selection and the saved-documents menu have no accessibility violation', async () => {
  await withSample({}, async (s) => {
    await loadSample(s.page);
    // Select the first highlight's text: the edit bar offers labels for it.
    await s.page.evaluate(() => {
      const mark = document.querySelector('[data-testid=annotated-text] mark[data-label]');
      const range = document.createRange();
      range.selectNodeContents(mark);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      document.dispatchEvent(new Event('selectionchange'));
    });
    await s.page.waitForSelector('[data-testid=edit-bar]');
    assert.deepEqual(await violations(s.page), [], 'edit bar');
    await s.page.click('[data-testid=saved-documents]');
    await s.page.waitForSelector('[data-testid=saved-list]');
    assert.deepEqual(await violations(s.page), [], 'saved-documents menu');
  });
});

test('the page at 390 px width has no accessibility violation', async () => {
  await withSample({}, async (s) => {
    await s.page.setViewportSize({ width: 390, height: 844 });
    await loadSample(s.page);
    assert.deepEqual(await violations(s.page), []);
  });
});
