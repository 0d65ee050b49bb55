// Journey: take the annotations away in every format, and bring them back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, openPage, foreignRequests, MARGINALIA } from './harness.mjs';

let server;
before(async () => { server = await serveDist(); });
after(async () => { await server.close(); });

const TEXT = 'Anna Berg 😀 visited Paris on March 3, 2025. "It rose 5%," she said.';

test('every export format downloads and equals the CLI export of the same text', async () => {
  const s = await openPage(server.url);
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-export-'));
  try {
    await s.page.fill('[data-testid=article-input]', TEXT);
    await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label]');
    const formats = await s.page.$$eval('[data-testid=export-format] option', (els) => els.map((e) => e.value));
    assert.ok(formats.length >= 8, formats.join());
    const input = join(dir, 'in.txt');
    await writeFile(input, TEXT);
    for (const format of formats) {
      await s.page.selectOption('[data-testid=export-format]', format);
      const downloads = [];
      s.page.on('download', (d) => downloads.push(d));
      await s.page.click('[data-testid=export]');
      await s.page.waitForTimeout(300);
      s.page.removeAllListeners('download');
      assert.ok(downloads.length >= 1, `${format} downloaded`);
      if (format === 'brat') {
        const names = downloads.map((d) => d.suggestedFilename()).sort();
        assert.deepEqual(names, ['annotation.conf', 'annotations.ann', 'annotations.txt']);
      }
      execFileSync(MARGINALIA, ['export', '--format', format, '--output', join(dir, 'cli'), input]);
      for (const d of downloads) {
        const name = d.suggestedFilename();
        const body = await readFile(await d.path(), 'utf8');
        // A file with a fixed name (brat's annotation.conf) is written beside the CLI's base name.
        const cliName = name.startsWith('annotations') ? 'cli' + name.slice('annotations'.length) : name;
        const cli = await readFile(join(dir, cliName), 'utf8');
        assert.equal(body, cli, `${format}: ${name}`);
        if (name.endsWith('.html')) assert.ok(!/<script/i.test(body), 'the report has no scripts');
      }
    }
    assert.deepEqual(s.consoleErrors, []);
    assert.deepEqual(foreignRequests(s.requests, server.url), []);
  } finally {
    await s.close();
  }
});

test('importing an exported file restores the annotations; a bad file changes nothing', async () => {
  const s = await openPage(server.url);
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-import-'));
  try {
    await s.page.fill('[data-testid=article-input]', TEXT);
    await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label]');
    const before = await s.page.$$eval('mark[data-label]', (els) => els.map((e) => [e.dataset.label, e.dataset.start, e.dataset.end]));
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('[data-testid=download-json]')]);
    const saved = join(dir, 'a.json');
    await writeFile(saved, await readFile(await download.path()));
    // A bad file first: message, document untouched.
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"schema": "marginalia/1", "text": 5}');
    await s.page.setInputFiles('[data-testid=import-input]', bad);
    await s.page.waitForSelector('[data-testid=notice]');
    assert.match(await s.page.textContent('[data-testid=notice]'), /bad\.json.*could not be imported/);
    assert.equal(await s.page.inputValue('[data-testid=article-input]'), TEXT);
    // Then a new empty document, and the good file.
    await s.page.click('[data-testid=new-document]');
    await s.page.setInputFiles('[data-testid=import-input]', saved);
    await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label]');
    assert.equal(await s.page.inputValue('[data-testid=article-input]'), TEXT);
    const after = await s.page.$$eval('mark[data-label]', (els) => els.map((e) => [e.dataset.label, e.dataset.start, e.dataset.end]));
    assert.deepEqual(after, before);
  } finally {
    await s.close();
  }
});
