// Journey: download the annotations; the file equals the CLI's output for the same text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { serveDist, openPage, foreignRequests, ROOT, MARGINALIA } from './harness.mjs';

let server;
before(async () => { server = await serveDist(); });
after(async () => { await server.close(); });

for (const name of ['sample', 'unicode']) {
  test(`downloaded JSON equals "marginalia annotate" byte for byte (${name})`, async () => {
    const text = name === 'sample'
      ? await readFile(join(ROOT, 'static', 'sample.txt'), 'utf8')
      : 'Les Échos 😀👩‍👩‍👧 reported on 2019 in 東京.\r\n"It rose 5%," said Anna Berg.\n';
    const cli = execFileSync(MARGINALIA, ['annotate'], { input: text }).toString();
    const s = await openPage(server.url);
    try {
      await s.page.fill('[data-testid=article-input]', text);
      await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label]');
      const [download] = await Promise.all([
        s.page.waitForEvent('download'),
        s.page.click('[data-testid=download-json]'),
      ]);
      const body = await readFile(await download.path(), 'utf8');
      // A textarea normalizes CRLF to LF, as the browser's form rules require; compare with the same text.
      const cliSame = execFileSync(MARGINALIA, ['annotate'], { input: text.replace(/\r\n?/g, '\n') }).toString();
      assert.equal(body, cliSame);
      assert.equal(JSON.parse(body).schema, 'marginalia/1');
      if (name === 'sample') assert.equal(body, cli);
      assert.deepEqual(s.consoleErrors, []);
      assert.deepEqual(foreignRequests(s.requests, server.url), []);
    } finally {
      await s.close();
    }
  });
}
