// The clerk's next step, from file:// (and once over http://): check a file, download the safe copy
// (default decisions) and the audit record, and verify both: the copy starts
// with a UTF-8 BOM and equals `foi-check redact FILE --out X` byte for byte;
// the record's SHA-256 of the original and of the safe copy are those of the
// files given and saved; the second check is shown. A loopback listener must
// receive nothing and the page may request only itself and blob: URLs.
// Detection and redaction accuracy are tested in Rust (tests/redact.rs...).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI, DIST_URL, allChecked, axe, cliJson, downloadFindings, onlyOwnRequests, openPage, sampleBytes, serveWww, tripwire } from './support.mjs';

let wire;
before(async () => { wire = await tripwire(); });
after(async () => {
  assert.equal(wire.hits.length, 0, 'the loopback listener was reached');
  await wire.close();
});

const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex');

/** `foi-check redact NAME --out SAFE` on the bytes given: the safe copy and stdout. */
function cliRedact(name, bytes, flags = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foi-check-redact-'));
  try {
    fs.writeFileSync(path.join(dir, name), bytes);
    const r = spawnSync(CLI, ['redact', name, '--out', 'safe.csv', ...flags], { cwd: dir, encoding: 'utf8' });
    if (r.status === null || r.status > 1) throw new Error('foi-check redact failed: ' + r.stderr);
    return { bytes: fs.readFileSync(path.join(dir, 'safe.csv')), stdout: r.stdout, status: r.status };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function downloadFrom(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(await d.path()) };
}

// A staff list with a name in prose and a formula; a table of counts.
const staffCsv = Buffer.from([
  'Surname,Initial,Rank,Station,Notes',
  'MORGAN,J,Inspector,Antrim,Seen by PC Kowalski on shift',
  "O'NEILL,K,PC,Antrim,=HYPERLINK(\"x\")",
  'PATEL,L,Sergeant,Bangor,No notes',
].join('\r\n') + '\r\n');
const countsCsv = Buffer.from('Year,Officers injured\n2022,3\n2023,41\n2024,12\n');

// [file name, bytes, what the proposed decisions say, the line of the before/after table that must drop to 0]
const CASES = [
  ['sample-complaints.csv', sampleBytes(), /masked with \[name removed\]/, 'Rows that identify someone'],
  ['staff list.csv', staffCsv, /masked with \[name removed\]/, 'Rows that identify someone'],
  ['counts.csv', countsCsv, /Counts of people below 5 are replaced with \*/, 'Small numbers'],
];

/** Check one file at `url`, download its safe copy and record, and verify
 *  both against the CLI and the hashes of the two files. */
async function safeCopyFlow(url, name, bytes, proposed, line) {
  const { page, log, close } = await openPage(url);
  try {
    await page.setInputFiles('#file-input', [{ name, mimeType: 'text/csv', buffer: bytes }]);
    await allChecked(page, 1);
    await page.waitForSelector('.safe-step select');
    const words = await page.waitForFunction(() => document.querySelector('.decisions li') && document.querySelector('.decisions').textContent);
    assert.match(await words.jsonValue(), proposed, 'the proposed decisions are said in words');

    const copy = await downloadFrom(page, '.safe-step button:has-text("Download safe copy")');
    assert.equal(copy.name, name.replace(/\.csv$/, '-safe.csv'));
    assert.deepEqual([...copy.bytes.subarray(0, 3)], [0xEF, 0xBB, 0xBF], 'the safe copy starts with a UTF-8 BOM');
    const cli = cliRedact(name, bytes);
    assert.ok(copy.bytes.equals(cli.bytes), 'the page\'s safe copy differs from `foi-check redact`');
    assert.notEqual(sha256(copy.bytes), sha256(bytes), 'the copy changed something');

    // the second check, next to the first
    const verdict = await page.textContent('.safe-verdict');
    const stillDirect = cli.status === 1;
    if (!stillDirect) assert.match(verdict, /Checked again: 0 rows identify anyone/);
    const compare = await page.$$eval('.compare tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    assert.equal(compare[0][0], 'Rows checked');
    assert.equal(compare[0][1], compare[0][2], 'the safe copy keeps every row');
    const found = compare.find((r) => r[0] === line);
    assert.ok(Number(found[1]) > 0, `the original had ${line}`);
    assert.equal(found[2], '0', `the safe copy has no ${line}`);

    // the record, with a reference and a note; values left out by default
    await page.fill('#record-reference', 'FOI/2026/0042');
    await page.fill('#record-note', 'Checked by the test <b>not bold</b>');
    const html = (await downloadFrom(page, '#record-html')).bytes.toString('utf8');
    assert.ok(html.includes(sha256(bytes)), 'the record names the SHA-256 of the original');
    assert.ok(html.includes(sha256(copy.bytes)), 'the record names the SHA-256 of the safe copy');
    assert.ok(html.includes('FOI/2026/0042'));
    assert.ok(html.includes('&lt;b&gt;not bold&lt;/b&gt;'), 'the note is escaped in the record');
    const jsonFile = await downloadFrom(page, '#record-json');
    assert.equal(jsonFile.name, name.replace(/\.csv$/, '-record.json'));
    const rec = JSON.parse(jsonFile.bytes.toString('utf8'));
    assert.equal(rec.files[0].sha256, sha256(bytes));
    assert.equal(rec.files[0].safe_copy.sha256, sha256(copy.bytes));
    assert.equal(rec.files[0].safe_copy.bytes, copy.bytes.length);
    assert.equal(rec.reference, 'FOI/2026/0042');
    assert.equal(rec.values_included, false);
    assert.ok(rec.files[0].findings.every((f) => f.reasons.every((r) => r.text === undefined || r.text === null)), 'no matched values in the record');
    assert.match(rec.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(rec.files[0].safe_copy.decisions.length > 0);

    assert.deepEqual(onlyOwnRequests(log, url), []);
    assert.deepEqual(log.dialogs, []);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
}

for (const [name, bytes, proposed, line] of CASES) {
  test(`file://: ${name}: the safe copy equals the CLI's and the record's hashes match both files`, async () => {
    await safeCopyFlow(DIST_URL, name, bytes, proposed, line);
  });
}

test('http://: the safe copy and record of a staff list are the same as from file://, and the server sees only the page', async () => {
  const site = await serveWww();
  try {
    const [name, bytes, proposed, line] = CASES[1];
    await safeCopyFlow(site.url, name, bytes, proposed, line);
    assert.deepEqual(site.seen, ['/'], 'the server saw more than the page itself');
  } finally {
    await site.close();
  }
});

test('file://: the clerk\'s decisions change the copy: a column kept, a row emptied, another marker and threshold', async () => {
  const { page, log, close } = await openPage(DIST_URL);
  try {
    await page.setInputFiles('#file-input', [
      { name: 'staff.csv', mimeType: 'text/csv', buffer: staffCsv },
      { name: 'counts.csv', mimeType: 'text/csv', buffer: countsCsv },
    ]);
    await allChecked(page, 2);
    // column C (file column index 2) of the first table
    assert.equal(await page.textContent('#file-1 .safe-step tbody tr:nth-child(3) th'), 'C: Rank');
    await page.selectOption('#file-1 .safe-step select[id$="-col-0-2"]', 'remove');
    await page.fill('#file-1 .safe-step input[id$="-rows"]', '3');
    await page.waitForFunction(() => /Rows emptied.*: 3\./.test(document.querySelector('#file-1 .decisions').textContent));
    const copy = await downloadFrom(page, '#file-1 .safe-step button:has-text("Download safe copy")');
    const lines = copy.bytes.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
    assert.equal(lines[0], 'Surname,Initial,Station,Notes', 'the Rank column is removed');
    assert.ok(lines[2].startsWith('[row removed]'), 'row 3 is emptied: ' + lines[2]);

    // counts: another marker, and a threshold of 4 (the original is checked again with it)
    await page.selectOption('#file-2 .safe-step select[id$="-marker"]', '[c]');
    await page.fill('#file-2 .safe-step input[id$="-threshold"]', '4');
    await page.waitForFunction(() => /below 4 are replaced with \[c\]/.test(document.querySelector('#file-2 .decisions').textContent));
    const counts = (await downloadFrom(page, '#file-2 .safe-step button:has-text("Download safe copy")')).bytes.toString('utf8');
    assert.ok(counts.includes('\r\n2022,[c]\r\n'), 'the small count 3 is hidden with [c]: ' + counts);
    assert.ok(counts.includes('\r\n2024,12\r\n'), '12 is not small: ' + counts);

    // a bad row list is a GOV.UK error, and nothing is made
    await page.fill('#file-1 .safe-step input[id$="-rows"]', 'three');
    await page.click('#file-1 .safe-step button:has-text("Download safe copy")');
    assert.match(await page.textContent('#file-1 .safe-step .error-message:not([hidden])'), /Enter row numbers like 12 or 15-18/);

    // back to the proposal: the lists on screen show it, and still decide
    const rank = '#file-1 .safe-step select[id$="-col-0-2"]';
    await page.click('#file-1 .safe-step button:has-text("Back to the proposed decisions")');
    await page.waitForFunction(() => !/Rows emptied/.test(document.querySelector('#file-1 .decisions').textContent));
    assert.equal(await page.inputValue(rank), 'keep', 'the Rank list shows the proposal again');
    assert.equal(await page.inputValue('#file-1 .safe-step select[id$="-col-0-0"]'), 'mask');
    assert.equal(await page.inputValue('#file-1 .safe-step input[id$="-rows"]'), '');
    assert.doesNotMatch(await page.textContent('#file-1 .decisions'), /"Rank".*removed/);
    await page.selectOption(rank, 'remove');
    await page.waitForFunction(() => /"Rank" \(table 1\): removed/.test(document.querySelector('#file-1 .decisions').textContent));
    assert.deepEqual(onlyOwnRequests(log, DIST_URL), []);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

test('profile: a built-in one is used, exported and remembered; the roster is never stored', async () => {
  const { page, log, close } = await openPage(DIST_URL);
  try {
    await page.click('#profile summary');
    await page.selectOption('#profile-choice', 'generic');
    await page.waitForFunction(() => /Generic public body/.test(document.querySelector('#profile-now').textContent));
    assert.match(await page.textContent('#settings-now'), /profile "Generic public body \(built-in\)"/);
    const exported = JSON.parse((await downloadFrom(page, '#profile-export')).bytes.toString('utf8'));
    assert.equal(exported.version, 1);
    assert.equal(exported.defaults.marker, '[c]');

    const roster = 'Surname,Forename,Staff number\nMORGAN,Jane,12345\nPATEL,Kiran,23456\n';
    await page.setInputFiles('#roster-file', [{ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(roster) }]);
    await page.waitForFunction(() => /Roster loaded/.test(document.querySelector('#roster-now').textContent));

    // the profile's marker is the safe copy's proposal; the profile travels in the report's settings
    await page.setInputFiles('#file-input', [{ name: 'staff.csv', mimeType: 'text/csv', buffer: staffCsv }]);
    await allChecked(page, 1);
    assert.equal(await page.$eval('.safe-step select[id$="-marker"]', (s) => s.value), '[c]');

    const stored = await page.evaluate(() => JSON.stringify(Object.assign({}, localStorage)));
    assert.match(stored, /generic/);
    assert.ok(!/MORGAN|Kiran|23456/.test(stored), 'the roster is not in local storage');

    await page.reload();
    await page.waitForFunction(() => /Generic public body/.test(document.querySelector('#profile-now').textContent));
    assert.equal(await page.$eval('#profile-choice', (s) => s.value), 'generic');
    assert.match(await page.textContent('#roster-now'), /No roster loaded/);
    assert.deepEqual(onlyOwnRequests(log, DIST_URL), []);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

test('roster: a name only the roster knows is flagged in the page, as the CLI flags it; without it, nothing', async () => {
  const roster = Buffer.from('Surname,Forename,Staff number\nMORGAN,Jane,12345\nPATEL,Kiran,23456\n');
  const notes = Buffer.from('Ref,Note\n1,Seen by kiran patel at the desk\n2,Nothing to add\n');
  const file = [{ name: 'notes.csv', mimeType: 'text/csv', buffer: notes }];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foi-check-roster-'));
  const rosterPath = path.join(dir, 'roster.csv');
  fs.writeFileSync(rosterPath, roster);
  try {
    // without a roster the note names no one the tool can tell
    let { page, log, close } = await openPage(DIST_URL);
    try {
      await page.setInputFiles('#file-input', file);
      await allChecked(page, 1);
      assert.equal(await page.textContent('#file-list .file-card-head .tag'), 'Nothing flagged');
    } finally {
      await close();
    }
    ({ page, log, close } = await openPage(DIST_URL));
    try {
      await page.click('#profile summary');
      await page.setInputFiles('#roster-file', [{ name: 'roster.csv', mimeType: 'text/csv', buffer: roster }]);
      await page.waitForFunction(() => /Roster loaded/.test(document.querySelector('#roster-now').textContent));
      await page.setInputFiles('#file-input', file);
      await allChecked(page, 1);
      assert.equal(await page.textContent('#file-list .file-card-head .tag'), '1 row flagged');
      await page.waitForSelector('#grid-body tr.flagged .row-flag');
      await page.keyboard.press('n');
      await page.waitForFunction(() => document.activeElement && document.activeElement.classList.contains('row-flag'));
      const why = await page.textContent('#reason-panel');
      assert.match(why, /^Row 2 /);
      assert.match(why, /Name on the staff roster \(Note\): kiran patel/);
      const saved = await downloadFindings(page);
      const cli = cliJson([{ name: 'notes.csv', bytes: notes }], ['--roster', rosterPath]);
      assert.equal(saved, cli, 'the page\'s findings differ from `foi-check check --roster`');
      assert.ok(!saved.includes('MORGAN') && !saved.includes('23456'), 'the roster is not in the findings');
      assert.deepEqual(onlyOwnRequests(log, DIST_URL), []);
      assert.deepEqual(log.errors, []);
    } finally {
      await close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('axe passes on the safe copy step, its result and the profile panel', async () => {
  const { page, close } = await openPage(DIST_URL, { bypassCSP: true });
  try {
    await page.click('#sample-button');
    await allChecked(page, 1);
    await page.waitForSelector('.decisions li');
    await axe(page, 'safe copy step');
    await downloadFrom(page, '.safe-step button:has-text("Download safe copy")');
    await page.waitForSelector('.safe-verdict');
    await page.fill('.safe-step input[id$="-rows"]', 'x');
    await page.click('.safe-step button:has-text("Download safe copy")');
    await page.click('#profile summary');
    await axe(page, 'safe copy result, a field error and the profile panel');
  } finally {
    await close();
  }
});
