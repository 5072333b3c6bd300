// Whole flows through the built page in headless Chromium: from file:// (the
// single file IT hands out) and over http:// (make serve). In every flow a
// loopback listener must receive nothing and the page may request only its
// own document and blob:/data: URLs. Detection accuracy is tested in Rust.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  DIST_URL, allChecked, cliJson, downloadFindings, dropFiles, onlyOwnRequests, openPage,
  sampleBytes, serveWww, tripwire,
} from './support.mjs';

let wire;
before(async () => { wire = await tripwire(); });
after(async () => {
  assert.equal(wire.hits.length, 0, 'the loopback listener was reached');
  await wire.close();
});

const staffCsv = (n) => Buffer.from('Surname,Initial,Rank,Station\r\n' +
  Array.from({ length: n }, (_, i) => `${['MORGAN', "O'NEILL", 'PATEL', 'KOWALSKI'][i % 4]},${'JKLM'[i % 4]},${['Inspector', 'PC', 'Sergeant', 'DC'][i % 4]},Station ${i}\r\n`).join(''));
const countsCsv = Buffer.from('Year,Complaints received,Complaints upheld\n2021,120,14\n2022,131,9\n2023,118,11\n');

test('file://: the sample is checked, its flagged rows shown, and the download equals the CLI', async () => {
  const { page, log, close } = await openPage(DIST_URL);
  try {
    await page.click('#sample-button');
    await allChecked(page, 1);
    const expected = JSON.parse(cliJson([{ name: 'sample-complaints.csv', bytes: sampleBytes() }]));
    const card = await page.textContent('#file-list');
    assert.match(card, new RegExp('Rows checked' + expected.rows_checked.toLocaleString('en-GB')));
    assert.ok(expected.summary.rows_flagged > 0, 'the sample must flag rows (the CLI found none)');
    assert.match(card, new RegExp(expected.summary.rows_flagged + ' rows flagged'));
    // People named inside a column kept whole (Notes) are pointed out apart
    // from the columns to remove, with the CLI's count of cells.
    const inside = expected.columns.filter((c) => !c.identifying && c.mentions > 0);
    assert.ok(inside.some((c) => c.name === 'Notes'), 'the sample names people in its Notes (the CLI found none)');
    const insideSaid = await page.$$eval('#file-list .summary-row', (rs) => rs
      .filter((r) => r.querySelector('dt').textContent === 'People named inside other columns')
      .map((r) => r.querySelector('dd').textContent));
    assert.equal(insideSaid.length, 1);
    for (const c of inside) {
      assert.ok(insideSaid[0].includes(c.name + ': ' + c.mentions.toLocaleString('en-GB') + ' cell'), `${c.name} and its count are named: ${insideSaid[0]}`);
    }

    // the table: flagged rows marked with text, not only colour; n moves to one and shows why
    await page.waitForSelector('#grid-body tr.flagged .row-flag');
    await page.keyboard.press('n');
    await page.waitForFunction(() => document.activeElement && document.activeElement.classList.contains('row-flag'));
    const why = await page.textContent('#reason-panel');
    assert.match(why, /^Row [\d,]+ .*(identifies a|singles someone out|small enough to identify)/);
    assert.ok(expected.rows.some((r) => why.includes(r.reasons[0].why)), 'the reason shown is one of the report\'s');
    await page.check('#only-flagged');
    const shown = await page.$$eval('#grid-body tr[data-row]:not([data-row=""])', (trs) => trs.map((t) => t.className));
    assert.ok(shown.length > 0 && shown.every((c) => c.includes('flagged')), 'only flagged rows are shown');

    const saved = await downloadFindings(page);
    assert.equal(saved, cliJson([{ name: 'sample-complaints.csv', bytes: sampleBytes() }]), 'download differs from the CLI');
    assert.deepEqual(onlyOwnRequests(log, DIST_URL), []);
    assert.deepEqual(log.dialogs, []);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

test('http://: files picked and dropped are all checked; the download is the CLI\'s array', async () => {
  const site = await serveWww();
  const { page, log, close } = await openPage(site.url);
  try {
    const files = [
      { name: 'staff.csv', bytes: staffCsv(200) },
      { name: 'counts.csv', bytes: countsCsv },
    ];
    await page.setInputFiles('#file-input', files.map((f) => ({ name: f.name, mimeType: 'text/csv', buffer: f.bytes })));
    await allChecked(page, 2);
    const dropped = { name: 'dropped; list.csv', bytes: staffCsv(3) };
    await dropFiles(page, [dropped]);
    await allChecked(page, 3);

    const names = await page.$$eval('.file-name', (h) => h.map((x) => x.textContent));
    assert.deepEqual(names, ['staff.csv', 'counts.csv', 'dropped; list.csv']);
    const expected = JSON.parse(cliJson([...files, dropped]));
    const tags = await page.$$eval('.file-card-head .tag', (t) => t.map((x) => x.textContent));
    expected.forEach((r, i) => {
      assert.equal(tags[i], r.summary.rows_flagged ? `${r.summary.rows_flagged} rows flagged` : 'Nothing flagged');
    });
    assert.ok(expected[0].summary.rows_flagged > 0, 'a staff list must be flagged');
    assert.equal(expected[1].summary.rows_flagged, 0, 'yearly counts over 5 are not flagged');

    const saved = await downloadFindings(page);
    assert.equal(saved, cliJson([...files, dropped]));
    assert.deepEqual(site.seen, ['/'], 'the server saw more than the page itself');
    assert.deepEqual(onlyOwnRequests(log, site.url), []);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
    await site.close();
  }
});

test('HTML and script in a file name, header and cells render as text and do nothing', async () => {
  const { page, log, close } = await openPage(DIST_URL);
  try {
    const leak = `http://127.0.0.1:${wire.port}/leak`;
    const payloads = [
      `<img src="${leak}" onerror="alert(1)">`,
      '<script>alert(2)</script>',
      `"><svg onload=alert(3)><a href="${leak}">x</a>`,
      `<iframe src="${leak}"></iframe>`,
      `<meta http-equiv="refresh" content="0;url=${leak}">`,
    ];
    const q = (s) => '"' + s.replace(/"/g, '""') + '"';
    const csv = 'Surname,' + q(payloads[1]) + ',Rank\n' +
      payloads.map((p, i) => `${q(p)},${q(payloads[(i + 1) % payloads.length])},Inspector`).join('\n') + '\nMORGAN,J,Inspector\n';
    const name = `<img src="${leak}" onerror="alert(9)">.csv`;
    await page.setInputFiles('#file-input', [{ name, mimeType: 'text/csv', buffer: Buffer.from(csv) }]);
    await allChecked(page, 1);
    assert.equal(await page.textContent('.file-name'), name, 'the file name is shown as text');
    await page.waitForSelector('#grid-body tr[data-row]:not([data-row=""])');
    const cells = await page.$$eval('#grid-body td', (tds) => tds.map((t) => t.textContent));
    for (const p of payloads) assert.ok(cells.includes(p), `cell shown literally: ${p}`);
    const injected = await page.$$eval('#file-list img, #file-list svg, #file-list iframe, #grid img, #grid svg, #grid iframe, #grid script, #grid a, body meta', (x) => x.length);
    assert.equal(injected, 0, 'markup from the file became elements');
    await page.waitForTimeout(300);
    assert.deepEqual(log.dialogs, []);
    assert.deepEqual(log.navigations, [DIST_URL]);
    assert.deepEqual(onlyOwnRequests(log, DIST_URL), []);
  } finally {
    await close();
  }
});

test('names in a header and in a title line: their row is flagged and the cells that name are marked', async () => {
  const { page, log, close } = await openPage(DIST_URL);
  try {
    const pivot = { name: 'pivot-by-officer.csv', bytes: Buffer.from('Report by Sgt Patel\n\nMonth,PC 1234 Morgan,Total\nJan,30,40\nFeb,50,60\n') };
    await page.setInputFiles('#file-input', [{ name: pivot.name, mimeType: 'text/csv', buffer: pivot.bytes }]);
    await allChecked(page, 1);
    const expected = JSON.parse(cliJson([pivot]));
    assert.deepEqual(expected.rows.map((r) => r.row), [1, 3], 'the CLI flags the title line and the header row');
    await page.waitForSelector('#grid-body tr.flagged .row-flag');
    const marked = await page.$$eval('#grid-body tr.flagged td.hit', (tds) => tds.map((td) => [td.closest('tr').dataset.row, td.textContent]));
    assert.deepEqual(marked, [['1', 'Report by Sgt Patel'], ['3', 'PC 1234 Morgan']]);
    // No column identifies people, yet rows are flagged: the summary says why
    // rather than "None found".
    const columnsSaid = await page.$$eval('#file-list .summary-row', (rs) => rs
      .filter((r) => r.querySelector('dt').textContent === 'Columns that identify people')
      .map((r) => r.querySelector('dd').textContent));
    assert.equal(columnsSaid.length, 1);
    assert.match(columnsSaid[0], /^No whole column\. The flagged rows are flagged for what some of their cells say/);
    assert.equal(await downloadFindings(page), cliJson([pivot]));
    assert.deepEqual(log.dialogs, []);
  } finally {
    await close();
  }
});

test('a cell that names 2,000 officers and a cell of 30,000 characters: the page shows 50 reasons and a cut-short cell, and says so', async () => {
  const { page, log, close } = await openPage(DIST_URL);
  try {
    const notes = Array.from({ length: 2000 }, (_, i) => `PC ${1000 + i}`).join(', ');
    const file = { name: 'duty-log.csv', bytes: Buffer.from(`Ref,Notes,Witness\r\n1,"${notes}",PC 9999\r\n2,${'x'.repeat(30000)},\r\n`) };
    await page.setInputFiles('#file-input', [{ name: file.name, mimeType: 'text/csv', buffer: file.bytes }]);
    await allChecked(page, 1);
    await page.click('button:has-text("Next flagged row")');
    await page.waitForSelector('#reason-panel li');
    const items = await page.$$eval('#reason-panel li', (lis) => lis.map((li) => li.textContent));
    assert.equal(items.length, 51, 'the first 50 reasons, and one for the column none of them names');
    assert.match(items[0], /PC 1000/);
    assert.match(items[50], /\(Witness\): PC 9999/);
    assert.match(await page.textContent('#reason-panel'), /And 1,950 more reasons in this row, not listed here/);
    const marked = await page.$$eval('#grid-body tr.flagged td.hit', (tds) => tds.length);
    assert.equal(marked, 2, 'the Notes and Witness cells are marked');
    const long = await page.$eval('#grid-body tr[data-row="3"]', (tr) => tr.textContent);
    assert.match(long, /x{100}\u2026 \[cut short here: 30,000 characters in all\]/);
    assert.ok(long.length < 11000, 'the cell is drawn cut short');
    // the download has every reason
    const text = await downloadFindings(page);
    assert.equal(text, cliJson([file]));
    assert.equal(JSON.parse(text).rows[0].reasons.length, 2001);
    assert.deepEqual(onlyOwnRequests(log, DIST_URL), []);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

test('a file of 3,000 columns: a window of columns is drawn, and the next flagged row brings its marked cells into it', async () => {
  const { page, log, close } = await openPage(DIST_URL);
  try {
    // A pivot of counts by day, 3,000 columns wide, with officers' surnames
    // and ranks in columns 2,501 and 2,502 (CRO and CRP).
    const n = 3000;
    const header = Array.from({ length: n }, (_, j) => (j === 2500 ? 'Surname' : j === 2501 ? 'Rank' : `Day ${j + 1}`));
    const rows = Array.from({ length: 40 }, (_, i) => Array.from({ length: n }, (_, j) =>
      (j === 2500 ? ['MORGAN', 'PATEL', "O'NEILL"][i % 3] : j === 2501 ? 'Constable' : String(10 + ((i * 7 + j * 13) % 80)))));
    const wide = { name: 'wide.csv', bytes: Buffer.from([header, ...rows].map((r) => r.join(',')).join('\n') + '\n') };
    await page.setInputFiles('#file-input', [{ name: wide.name, mimeType: 'text/csv', buffer: wide.bytes }]);
    await allChecked(page, 1);
    await page.waitForSelector('#grid-body tr.flagged .row-flag');
    assert.equal(await page.locator('#grid-head th').count(), 2 + 100, 'the row number, the flag and 100 columns');
    assert.match(await page.textContent('#column-info'), /^Showing columns A to CV of 3,000/);
    assert.equal(await page.locator('#grid-body td.hit').count(), 0, 'the marked cells are far to the right');
    // at the first columns, the button keeps the keyboard's focus and says so
    await page.focus('#cols-prev');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'cols-prev');
    assert.equal(await page.textContent('#status'), 'These are the first columns.');
    // the next 100 columns: their cells are read for them (row 2, column CW, is Day 101's 30)
    await page.click('#cols-next');
    assert.equal(await page.textContent('#grid-head th:nth-child(3)'), 'CW');
    await page.waitForFunction(() => {
      const td = document.querySelector('#grid-body tr[data-row="2"] td:nth-child(3)');
      return td && td.textContent !== '';
    });
    assert.equal(await page.textContent('#grid-body tr[data-row="2"] td:nth-child(3)'), '30');

    await page.click('#next-button');
    await page.waitForFunction(() => document.querySelectorAll('#grid-body td.hit').length > 0);
    assert.match(await page.textContent('#column-info'), /^Showing columns .* of 3,000/);
    const marked = await page.$$eval('#grid-body tr[data-row="2"] td.hit', (tds) => tds.map((td) => td.textContent));
    assert.equal(marked.length, 2, 'row 2 has its surname and rank marked');
    assert.ok(marked[0].includes('MORGAN') && marked[1].includes('Constable'), marked.join(' | '));

    await page.click('#cols-prev');
    assert.equal(await page.locator('#grid-body td.hit').count(), 0);

    // the safe copy step lists the surname column, and the others a page at a time
    const captions = await page.locator('.safe-step caption').allTextContents();
    assert.deepEqual(captions, ['Columns that identify people or are to change (1)', 'Other columns (2,999)']);
    assert.equal(await page.locator('.safe-step select[id*="-col-"]').count(), 1 + 100);
    assert.equal(await downloadFindings(page), cliJson([wide]));
    assert.deepEqual(onlyOwnRequests(log, DIST_URL), []);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

test('a file of 300 small tables: the summary lists 20 of its tables and advice, and shows all on request', async () => {
  const { page, log, close } = await openPage(DIST_URL);
  try {
    const parts = [];
    // counts whose headers do not say what is counted: each table gets advice
    for (let t = 0; t < 300; t++) parts.push(`Area ${t + 1}\nArea,Total\nNorth,${1 + (t % 4)}\nSouth,${40 + (t % 30)}\n`);
    const stacked = { name: 'stacked.csv', bytes: Buffer.from(parts.join('\n')) };
    await page.setInputFiles('#file-input', [{ name: stacked.name, mimeType: 'text/csv', buffer: stacked.bytes }]);
    await allChecked(page, 1);
    const expected = JSON.parse(cliJson([stacked]));
    assert.equal(expected.tables.length, 300, 'the CLI finds 300 tables');
    const tables = page.locator('.summary-row', { hasText: 'Tables found' });
    assert.equal(await tables.locator('li').count(), 20 + 1, '20 tables and a line with the rest');
    await tables.getByRole('button', { name: 'Show all 300 tables' }).click();
    assert.equal(await tables.locator('li').count(), 300);
    assert.match(await tables.locator('li').last().textContent(), new RegExp('header on row ' + expected.tables[299].header_row.toLocaleString('en-GB')));
    assert.equal(expected.advice.length, 300, 'the CLI gives advice for every table');
    const advice = page.locator('.summary-row', { hasText: 'To make this file safe' });
    assert.equal(await advice.locator('li').count(), 20 + 1);
    assert.equal(await downloadFindings(page), cliJson([stacked]));
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});
