// Takes docs/screenshot.png for the README: the sample file checked, its
// results and the "Make a safe copy" step after the safe copy was saved.
//   node scripts/screenshot.mjs      (after make dist)
import fs from 'node:fs';
import path from 'node:path';
import { DIST_URL, ROOT, allChecked, openPage } from '../tests/browser/support.mjs';

const { page, close } = await openPage(DIST_URL);
try {
  await page.setViewportSize({ width: 1200, height: 1000 });
  await page.click('#sample-button');
  await allChecked(page, 1);
  await page.waitForSelector('.decisions li');
  await Promise.all([page.waitForEvent('download'), page.click('.safe-step button:has-text("Download safe copy")')]);
  await page.waitForSelector('.safe-verdict');
  // the file's card: its results, the safe copy step and the second check
  const out = path.join(ROOT, 'docs', 'screenshot.png');
  await page.$eval('#file-list .file-card', (c) => c.scrollIntoView());
  await (await page.$('#file-list .file-card')).screenshot({ path: out });
  console.log(`${path.relative(ROOT, out)} ${fs.statSync(out).size.toLocaleString('en-GB')} bytes`);
} finally {
  await close();
}
