// An Excel workbook dropped on the page: every sheet is checked as a file of
// its own, a hidden sheet says so on its card, and the download equals the
// CLI's JSON for the same workbook. From file://, with nothing leaving.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import {
  DIST_URL, allChecked, axe, cliJson, downloadFindings, dropFiles, onlyOwnRequests, openPage, tripwire,
} from './support.mjs';
import { answerWithHiddenStaff } from './xlsx.mjs';

let wire;
before(async () => { wire = await tripwire(); });
after(async () => {
  assert.equal(wire.hits.length, 0, 'the loopback listener was reached');
  await wire.close();
});

test('file://: a workbook\'s hidden sheet is checked, marked hidden, and the download equals the CLI', async () => {
  const { page, log, close } = await openPage(DIST_URL);
  try {
    const book = { name: 'foi-answer.xlsx', bytes: answerWithHiddenStaff() };
    const expected = JSON.parse(cliJson([book]));
    assert.deepEqual(expected.map((r) => r.file), ['foi-answer.xlsx, sheet "Answer"', 'foi-answer.xlsx, sheet "Staff list"']);
    assert.equal(expected[0].summary.rows_flagged, 0, 'the answer itself identifies no one (the CLI flagged it)');
    assert.equal(expected[1].summary.rows_flagged, 5, 'every officer of the hidden sheet (the CLI said otherwise)');
    assert.deepEqual(expected[1].rows.map((r) => r.row), [2, 3, 4, 5, 6], 'Excel\'s row numbers');

    await page.setInputFiles('#file-input', [{
      name: book.name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: book.bytes,
    }]);
    await allChecked(page, 2);
    const cards = await page.$$eval('#file-list .file-card', (cs) => cs.map((c) => ({
      name: c.querySelector('.file-name').firstChild.textContent,
      hidden: (c.querySelector('.sheet-state') || { textContent: '' }).textContent,
      tag: c.querySelector('.file-card-head .tag').textContent,
      text: c.textContent,
    })));
    assert.deepEqual(cards.map((c) => [c.name, c.hidden, c.tag]), [
      ['foi-answer.xlsx, sheet "Answer"', '', 'Nothing flagged'],
      ['foi-answer.xlsx, sheet "Staff list"', 'Hidden sheet', '5 rows flagged'],
    ]);
    // The sheet's warnings, in the card's notes, as the CLI has them.
    for (const w of expected[1].warnings) assert.ok(cards[1].text.includes(w.reason), `the card says: ${w.reason}`);
    assert.match(cards[1].text, /this sheet is hidden/);
    assert.match(cards[1].text, /row 5 is hidden in Excel/);

    assert.equal(await downloadFindings(page), cliJson([book]));

    // The audit record names each sheet with the SHA-256 of the workbook
    // (the file published), as the CLI's record does.
    const [d] = await Promise.all([page.waitForEvent('download'), page.click('#record-json')]);
    const rec = JSON.parse(fs.readFileSync(await d.path(), 'utf8'));
    const bookSha = crypto.createHash('sha256').update(book.bytes).digest('hex');
    assert.deepEqual(rec.files.map((f) => [f.name, f.sha256]), expected.map((r) => [r.file, bookSha]));

    // A later drop of the same workbook adds its sheets again, after the first.
    await dropFiles(page, [book]);
    await allChecked(page, 4);
    assert.equal(await page.$$eval('#file-list .file-card', (cs) => cs.length), 4);

    assert.deepEqual(onlyOwnRequests(log, DIST_URL), []);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

test('a workbook\'s cards, with the hidden-sheet label and notes, pass axe', async () => {
  const { page, close } = await openPage(DIST_URL, { bypassCSP: true });
  try {
    await page.setInputFiles('#file-input', [{
      name: 'foi-answer.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: answerWithHiddenStaff(),
    }]);
    await allChecked(page, 2);
    await page.waitForSelector('#file-list .sheet-state');
    await axe(page, 'workbook');
  } finally {
    await close();
  }
});
