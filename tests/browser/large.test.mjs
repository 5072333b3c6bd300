// A file larger than the page's 8 MB read chunk must be checked to its last
// row. (Regression: the page once stopped after the first chunk, because a
// buffer transferred to the worker reads as empty, and showed the first
// 60,000 rows of a 19 MB file as "every row" checked.) Its findings download
// is written by the worker in many parts (WasmFindings) and must still be the
// CLI's JSON byte for byte.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIST_URL, allChecked, cliJson, downloadFindings, openPage, onlyOwnRequests, tripwire } from './support.mjs';

let wire;
before(async () => { wire = await tripwire(); });
after(async () => {
  assert.equal(wire.hits.length, 0, 'the loopback listener was reached');
  await wire.close();
});

/** About `mb` MB of staff list; row i is distinct (no repetition to hide behind). */
function staffList(mb) {
  const surnames = ['MORGAN', "O'NEILL", 'PATEL', 'KOWALSKI', 'ADEYEMI', 'WONG', 'HUGHES', 'DE SOUZA'];
  const lines = ['Surname,Initial,Rank,Collar number,Station'];
  let size = lines[0].length + 2;
  for (let i = 0; size < mb * 1e6; i++) {
    const line = `${surnames[i % 8]},${String.fromCharCode(65 + (i % 26))},Constable,${10000 + (i % 90000)},Station ${i % 997}`;
    lines.push(line);
    size += line.length + 2;
  }
  return Buffer.from(lines.join('\r\n') + '\r\n');
}

test('file://: a 10 MB file (two read chunks) is checked to its last row, as the CLI checks it', async () => {
  const bytes = staffList(10);
  const cli = cliJson([{ name: 'big-staff-list.csv', bytes }]);
  const expected = JSON.parse(cli);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foi-check-large-'));
  const file = path.join(dir, 'big-staff-list.csv');
  fs.writeFileSync(file, bytes);
  const { page, log, close } = await openPage(DIST_URL);
  try {
    await page.setInputFiles('#file-input', file);
    await allChecked(page, 1, 180000);
    const card = await page.textContent('#file-list');
    const n = (x) => x.toLocaleString('en-GB');
    assert.ok(expected.rows_checked > 200000, 'the file has rows beyond the first chunk');
    assert.match(card, new RegExp(`Rows checked${n(expected.rows_checked)} \\(every row\\)`));
    assert.match(card, new RegExp(`${n(expected.summary.rows_flagged)} rows flagged`));
    const saved = await downloadFindings(page);
    assert.ok(cli.length > 3 * (4 << 20), 'the findings span several of the worker\'s parts');
    assert.ok(saved === cli, `the downloaded findings equal the CLI's JSON (${saved.length} vs ${cli.length} characters)`);
    assert.deepEqual(onlyOwnRequests(log, DIST_URL), []);
  } finally {
    await close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('file://: the table reads its rows from the file again; a file changed since its check says so', async () => {
  // The worker keeps where each row starts, not its cells: the rows drawn and
  // the searches are read from the File again.
  const bytes = staffList(10);
  const lines = bytes.toString().split('\r\n').filter((l) => l);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foi-check-reread-'));
  const file = path.join(dir, 'staff-list.csv');
  fs.writeFileSync(file, bytes);
  const { page, log, close } = await openPage(DIST_URL);
  const rowAt = (n) => page.$$eval(`#grid-body tr[data-row="${n}"] td`, (tds) => tds.map((td) => td.textContent));
  const scrollTo = (fraction) => page.evaluate((f) => {
    const s = document.getElementById('grid-scroll');
    s.scrollTop = (s.scrollHeight - s.clientHeight) * f;
  }, fraction);
  try {
    await page.setInputFiles('#file-input', file);
    await allChecked(page, 1, 180000);
    // the last row, from the second 8 MB chunk, as the file has it
    await scrollTo(1);
    const last = lines.length;
    await page.waitForSelector(`#grid-body tr[data-row="${last}"]`);
    const cells = await rowAt(last);
    assert.ok(cells.join('|').includes(lines[last - 1].split(',').join('|')), `row ${last} shows ${cells}`);
    // a search reads the whole file: rows on both sides of the chunk boundary
    const want = lines.filter((l) => l.endsWith(',Station 996')).length;
    assert.ok(want > 100);
    await page.fill('#search-input', 'station 996');
    await page.waitForFunction((n) => document.getElementById('status').textContent.startsWith(n + ' rows contain'), want);

    // the file changes on disk: rows not drawn yet are not shown from the new bytes
    await page.fill('#search-input', '');
    await page.waitForFunction(() => !document.getElementById('table-info').textContent.includes('containing'));
    fs.writeFileSync(file, Buffer.concat([Buffer.from('CHANGED,X,Y,1,Z\r\n'), bytes]));
    await scrollTo(0.5);
    await page.waitForFunction(() => document.getElementById('table-info').textContent.includes('rows cannot be shown'), null, { timeout: 20000 });
    const shown = await page.$$eval('#grid-body tr[data-row]', (trs) => trs.map((t) => t.textContent).join('\n'));
    assert.ok(!shown.includes('CHANGED'), 'no row is shown from the changed file');
    assert.match(await page.textContent('#table-info'), /Every row was checked before that/);
    assert.deepEqual(onlyOwnRequests(log, DIST_URL), []);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
