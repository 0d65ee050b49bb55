// Takes the README's screenshots: the sample article in the light and the dark theme, 1200×800, into
// docs/screenshot-light.png and docs/screenshot-dark.png. Needs a release build of the page in dist/
// (`trunk build --release`) and Debian's Chromium; run with `node scripts/screenshots.mjs`.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { serveDist, openPage, ROOT } from '../tests/e2e/harness.mjs';

const server = await serveDist();
try {
  for (const colorScheme of ['light', 'dark']) {
    const s = await openPage(server.url, { colorScheme, viewport: { width: 1200, height: 800 } });
    try {
      await s.page.click('[data-testid=sample-article]');
      await s.page.waitForSelector('[data-testid=annotated-text] mark[data-label]');
      await s.page.waitForSelector('[data-testid=key-sentence]');
      // The text box scrolled out of the way, so that the shot shows highlights beside the sidebar.
      await s.page.evaluate(() => document.activeElement?.blur());
      await s.page.locator('[data-testid=edit-bar]').evaluate((e) => e.scrollIntoView());
      await s.page.mouse.move(0, 0);
      const file = join(ROOT, 'docs', `screenshot-${colorScheme}.png`);
      await s.page.screenshot({ path: file });
      // Smaller files (a 256-colour palette) where pngquant is installed (`apt-get install pngquant`).
      try {
        execFileSync('pngquant', ['--force', '--skip-if-larger', '--quality=80-98', '--output', file, '--', file]);
      } catch { /* optional: the shot stays as Chromium wrote it */ }
      console.log(file);
    } finally {
      await s.close();
    }
  }
} finally {
  await server.close();
}
