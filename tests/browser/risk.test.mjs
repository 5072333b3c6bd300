// Rare combinations and small numbers in the page (issue 4): a de-named staff
// list with one unique rank/unit/station and a crosstab of officers with a 1
// in it each show their kind, label and explanation; the settings panel
// changes the result, the report says which settings were used, and the
// download equals the CLI's JSON with the same flags. As in every flow, a
// loopback listener receives nothing and the page requests nothing. Which
// rows are flagged is the Rust tests' business; here the page must agree
// with the CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  DIST_URL, allChecked, axe, cliJson, downloadFindings, onlyOwnRequests, openPage, tripwire,
} from './support.mjs';

let wire;
before(async () => { wire = await tripwire(); });
after(async () => {
  assert.equal(wire.hits.length, 0, 'the loopback listener was reached');
  await wire.close();
});

// No names: ten and ten constables, three sergeants, one Chief Inspector.
const groups = [
  [10, 'Constable,Response,Lisburn'],
  [10, 'Constable,Neighbourhood,Banbridge'],
  [3, 'Sergeant,Response,Lisburn'],
  [1, 'Chief Inspector,Crime Operations,Lisburn'],
];
const staff = {
  name: 'staff-denamed.csv',
  bytes: Buffer.from('Rank,Unit,Station\n' + groups.flatMap(([n, row]) => Array(n).fill(row + '\n')).join('')),
};
const crosstab = {
  name: 'officers-by-station.csv',
  bytes: Buffer.from('Officers by rank and station (synthetic)\nRank,Lisburn,Banbridge,Newry\nConstable,42,37,29\nSergeant,12,11,1\nInspector,6,5,7\n'),
};
const files = [staff, crosstab];
const FLAGS = ['-k', '4', '--preset', 'under10_zeros'];

const cardText = (page, i) => page.textContent(`#file-list .file-card:nth-child(${i + 1})`);
const kindCount = (text, label) => {
  const m = new RegExp('\\s(\\d+) rows? ' + label).exec(text);
  return m ? Number(m[1]) : 0;
};

async function setSettings(page, { k, preset, small }) {
  if (!(await page.$eval('#settings', (d) => d.open))) await page.click('#settings summary');
  if (k !== undefined) await page.fill('#set-k', String(k));
  if (small !== undefined) await page.fill('#set-small', String(small));
  if (preset !== undefined) await page.selectOption('#set-preset', preset);
  await page.click('#settings-apply');
}

test('rare combination and small number: own labels, marks and explanations; settings change the result and match the CLI', async () => {
  const { page, log, close } = await openPage(DIST_URL);
  try {
    await page.setInputFiles('#file-input', files.map((f) => ({ name: f.name, mimeType: 'text/csv', buffer: f.bytes })));
    await allChecked(page, 2);
    const [staffReport, crossReport] = JSON.parse(cliJson(files));
    assert.ok(staffReport.summary.quasi_identifier >= 1, 'the CLI must find the unique Chief Inspector');
    assert.ok(crossReport.summary.small_count >= 1, 'the CLI must find the 1 in the crosstab');

    const staffCard = await cardText(page, 0);
    assert.match(staffCard, /Rare combination/);
    assert.equal(kindCount(staffCard, 'singles? someone out by a rare combination of details'), staffReport.summary.quasi_identifier);
    assert.match(staffCard, /No name is given, but the combination of details .* is shared by fewer than 3 rows/);
    for (const a of staffReport.advice) assert.ok(staffCard.includes(a.text), 'the advice is shown: ' + a.text);
    assert.match(staffCard, /To make this file safe/);
    assert.match(staffCard, /Checked withk = 3; counts of people from 1 to 4 flagged/);
    const crossCard = await cardText(page, 1);
    assert.match(crossCard, /Small number/);
    assert.equal(kindCount(crossCard, 'ha(s|ve) a number of people small enough'), crossReport.summary.small_count);
    assert.match(crossCard, /A count of people from 1 to 4 can let someone work out who they are/);

    // the table: each kind has its own mark and text label, and its reason
    await page.check('#only-flagged');
    await page.waitForSelector('#grid-body tr.kind-quasi_identifier .row-flag');
    assert.equal(await page.textContent('#grid-body tr.kind-quasi_identifier .row-flag'), '\u25C6\uFE0E Rare combination');
    await page.click('#grid-body tr.kind-quasi_identifier .row-flag');
    const qiRow = staffReport.rows.find((r) => r.kind === 'quasi_identifier');
    assert.ok((await page.textContent('#reason-panel')).includes(qiRow.reasons[0].why));
    await page.selectOption('#table-file-select', { label: crosstab.name });
    await page.waitForSelector('#grid-body tr.kind-small_count .row-flag');
    assert.equal(await page.textContent('#grid-body tr.kind-small_count .row-flag'), '# Small number');
    const smallRow = crossReport.rows.find((r) => r.kind === 'small_count');
    const hit = await page.$eval(`#grid-body tr[data-row="${smallRow.row}"] td.hit`, (td) => [td.textContent, getComputedStyle(td, '::before').content]);
    assert.equal(hit[0], smallRow.reasons[0].text, 'the flagged count is the marked cell');
    assert.match(hit[1], /#/, 'the flagged cell has its mark, not only a colour');

    assert.equal(await downloadFindings(page), cliJson(files));

    // invalid settings: a GOV.UK error message, and nothing is checked again
    await setSettings(page, { k: 1, small: 'five' });
    assert.match(await page.textContent('#error-summary'), /smallest group \(k\) must be 2 or more/);
    assert.match(await page.textContent('#error-summary'), /smallest number of people \(t\) must be a whole number/);
    assert.match(await page.textContent('#set-k-error'), /^Error: The smallest group \(k\) must be 2 or more$/);
    assert.equal(await page.getAttribute('#set-k', 'aria-describedby'), 'set-k-hint set-k-error');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'error-summary');
    assert.match(await cardText(page, 0), /Checked withk = 3;/);

    // k = 4 and the "<10 including zeros" preset: the files are checked again
    await setSettings(page, { k: 4, small: 5, preset: 'under10_zeros' });
    assert.equal(await page.isHidden('#error-summary'), true);
    await allChecked(page, 2);
    const [staff4, cross10] = JSON.parse(cliJson(files, FLAGS));
    assert.ok(staff4.summary.quasi_identifier > staffReport.summary.quasi_identifier, 'k = 4 flags the three sergeants too');
    assert.ok(cross10.summary.small_count > crossReport.summary.small_count, '<10 flags the inspectors\' row too');
    assert.equal(staff4.settings.k, 4);
    assert.equal(cross10.settings.preset, 'under10_zeros');
    const staffCard4 = await cardText(page, 0);
    assert.equal(kindCount(staffCard4, 'singles? someone out by a rare combination of details'), staff4.summary.quasi_identifier);
    assert.match(staffCard4, /shared by fewer than 4 rows/);
    assert.match(staffCard4, /Checked withk = 4; preset "<10 including zeros"/);
    const crossCard10 = await cardText(page, 1);
    assert.equal(kindCount(crossCard10, 'ha(s|ve) a number of people small enough'), cross10.summary.small_count);
    assert.match(crossCard10, /A count of people from 0 to 9 can let/);
    assert.match(await page.textContent('#settings-now'), /^k = 4; preset "<10 including zeros"$/);

    assert.equal(await downloadFindings(page), cliJson(files, FLAGS), 'download differs from the CLI with the same flags');
    assert.deepEqual(onlyOwnRequests(log, DIST_URL), []);
    assert.deepEqual(log.dialogs, []);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

test('axe passes with the settings panel open, with its errors, and on results of the new kinds', async () => {
  const { page, close } = await openPage(DIST_URL, { bypassCSP: true });
  try {
    await page.click('#settings summary');
    await axe(page, 'settings open');
    await setSettings(page, { k: 'x' });
    await axe(page, 'settings error');
    await setSettings(page, { k: 3 });
    await page.setInputFiles('#file-input', files.map((f) => ({ name: f.name, mimeType: 'text/csv', buffer: f.bytes })));
    await allChecked(page, 2);
    await page.check('#only-flagged');
    await page.waitForSelector('#grid-body tr.kind-quasi_identifier');
    await page.click('#grid-body tr.kind-quasi_identifier .row-flag');
    await axe(page, 'rare combination results');
    await page.selectOption('#table-file-select', { label: crosstab.name });
    await page.waitForSelector('#grid-body tr.kind-small_count');
    await page.click('#grid-body tr.kind-small_count .row-flag');
    await axe(page, 'small number results');
  } finally {
    await close();
  }
});
