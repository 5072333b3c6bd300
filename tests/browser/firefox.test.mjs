// The single file from file:// in Firefox (Debian's firefox-esr, driven over
// WebDriver BiDi by puppeteer-core, which downloads no browser). Chromium runs
// the full flows (flows.test.mjs); this proves the same file works in the
// other engine clerks have: the wasm starts in its worker under the CSP, the
// sample and a chosen file are checked, the summary matches the CLI, and no
// request leaves the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { DIST_URL, cliJson, sampleBytes, tripwire } from './support.mjs';

const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';

let wire;
before(async () => { wire = await tripwire(); });
after(async () => {
  assert.equal(wire.hits.length, 0, 'the loopback listener was reached');
  await wire.close();
});

/** Firefox's own background traffic off, so any request seen is the page's. */
const quietPrefs = {
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.search.update': false,
  'browser.shell.checkDefaultBrowser': false,
  'captivedetect.canonicalURL': '',
  'datareporting.policy.dataSubmissionEnabled': false,
  'extensions.update.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'toolkit.telemetry.enabled': false,
};

/** Waits until every file card has left the Waiting/Checking state. */
async function allChecked(page, count) {
  await page.waitForFunction((n) => {
    const cards = document.querySelectorAll('#file-list .file-card');
    return cards.length >= n
      && [...cards].every((c) => !/^(Waiting|Checking)$/.test(c.querySelector('.tag').textContent));
  }, { timeout: 60000 }, count);
}

test('Firefox, file://: the single file checks the sample and a chosen file, and nothing leaves', async () => {
  assert.ok(fs.existsSync(FIREFOX), `${FIREFOX} is missing: run scripts/setup.sh`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'foi-check-firefox-'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foi-check-ff-files-'));
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: profile, extraPrefsFirefox: quietPrefs,
  });
  try {
    const page = await browser.newPage();
    const requests = [];
    const errors = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(DIST_URL);

    await page.click('#sample-button');
    await allChecked(page, 1);
    const sample = JSON.parse(cliJson([{ name: 'sample-complaints.csv', bytes: sampleBytes() }]));
    let cards = await page.$eval('#file-list', (e) => e.textContent);
    assert.ok(sample.summary.rows_flagged > 0, 'the sample must flag rows');
    assert.match(cards, new RegExp(`${sample.summary.rows_flagged} rows flagged`));

    const file = path.join(dir, 'officers.csv');
    const bytes = Buffer.from('Officers by station, March 2023\r\n\r\nSurname,Initial,Rank,Station\r\n'
      + 'MORGAN,J,Inspector,Lisburn\r\nO\u2019NEILL,S,Sergeant,Omagh\r\nPATEL,P,Constable,Newry\r\n');
    fs.writeFileSync(file, bytes);
    const input = await page.$('#file-input');
    await input.uploadFile(file);
    await allChecked(page, 2);
    const expected = JSON.parse(cliJson([{ name: 'officers.csv', bytes }]));
    cards = await page.$eval('#file-list', (e) => e.textContent);
    assert.equal(expected.summary.rows_flagged, 3, 'the CLI flags the three officers');
    assert.match(cards, /officers\.csv/);
    assert.match(cards, new RegExp(`${expected.rows_checked}\\s*\\(every row\\)`));

    // the table reads the rows it draws from the chosen file again (the
    // worker keeps where they start, not their cells)
    const id = await page.$eval('#table-file-select', (s) => [...s.options].find((o) => o.text === 'officers.csv').value);
    await page.select('#table-file-select', id);
    await page.waitForFunction(() => [...document.querySelectorAll('#grid-body tr.flagged')]
      .some((tr) => tr.textContent.includes('O\u2019NEILL') && tr.textContent.includes('Omagh')), { timeout: 20000 });

    assert.deepEqual(errors, [], 'no script error in the page');
    const foreign = requests.filter((u) => u !== DIST_URL && !u.startsWith('blob:') && !u.startsWith('data:'));
    assert.deepEqual(foreign, [], 'the page requested nothing but itself');
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
