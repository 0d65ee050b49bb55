// Journey: bad input gets a clear message and loses nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, openPage } from './harness.mjs';

let server;
before(async () => { server = await serveDist(); });
after(async () => { await server.close(); });

test('a dropped file that is not UTF-8 gives a message and keeps the text', async () => {
  const s = await openPage(server.url);
  try {
    await s.page.fill('[data-testid=article-input]', 'Angela Merkel visited Paris in 2019.');
    await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label]');
    await s.page.evaluate(() => {
      const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x81]);
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'archive.zip', { type: 'application/zip' }));
      const area = document.querySelector('[data-testid=article-input]');
      area.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    await s.page.waitForSelector('[data-testid=notice]');
    const notice = await s.page.textContent('[data-testid=notice]');
    assert.match(notice, /archive\.zip/);
    assert.match(notice, /not UTF-8 text/);
    assert.equal(await s.page.inputValue('[data-testid=article-input]'), 'Angela Merkel visited Paris in 2019.');
    assert.ok(await s.page.locator('[data-testid=annotated-text] mark[data-label]').count() > 0);
  } finally {
    await s.close();
  }
});

test('a dropped UTF-8 text file replaces the text', async () => {
  const s = await openPage(server.url);
  try {
    await s.page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['Prices rose 4.5% in 2018.'], 'note.txt', { type: 'text/plain' }));
      document.querySelector('[data-testid=article-input]')
        .dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label=PERCENT]');
    assert.equal(await s.page.inputValue('[data-testid=article-input]'), 'Prices rose 4.5% in 2018.');
  } finally {
    await s.close();
  }
});

test('empty text shows the empty state and no highlights', async () => {
  const s = await openPage(server.url);
  try {
    await s.page.fill('[data-testid=article-input]', '   \n  ');
    assert.ok(await s.page.locator('[data-testid=annotated-text] .empty-state').isVisible());
    assert.equal(await s.page.locator('[data-testid=annotated-text] mark').count(), 0);
    assert.ok(await s.page.locator('[data-testid=download-json]').isDisabled());
  } finally {
    await s.close();
  }
});

test('a text over the page limit stays in the input with a message; the last analysis stays', async () => {
  const s = await openPage(server.url);
  try {
    await s.page.fill('[data-testid=article-input]', 'Angela Merkel visited Paris in 2019.');
    await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label]');
    const huge = 'Angela Merkel visited Paris in 2019. '.repeat(130000);
    await s.page.$eval('[data-testid=article-input]', (el, t) => { el.value = t; el.dispatchEvent(new InputEvent('input', { bubbles: true })); }, huge);
    await s.page.waitForSelector('[data-testid=notice]');
    assert.match(await s.page.textContent('[data-testid=notice]'), /MB.*command-line tool/);
    assert.equal((await s.page.inputValue('[data-testid=article-input]')).length, huge.length);
    assert.ok(await s.page.locator('[data-testid=annotated-text] mark[data-label]').count() > 0);
    // The page still works: a short text is analyzed again.
    await s.page.fill('[data-testid=article-input]', 'Prices rose 4.5% in 2018.');
    await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label=PERCENT]');
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }
});
