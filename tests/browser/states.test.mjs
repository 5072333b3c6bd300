// The page's states (empty, checking, results, error) pass axe-core, and the
// error paths keep going: a file the browser cannot read, a checker that dies
// (a wasm trap), a file that is not a CSV. axe is injected, so this context
// bypasses the CSP; the flows in flows.test.mjs run under the real CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIST_URL, allChecked, axe, cliJson, downloadFindings, openPage } from './support.mjs';

// Test-only faults, installed before the page runs:
// - slow.csv's bytes arrive only when the test says so (to hold "checking");
// - unreadable.csv cannot be read (as when a file is deleted mid-check);
// - a chunk starting with "~" makes the worker trap as a Rust panic does.
function faults() {
  const arrayBuffer = Blob.prototype.arrayBuffer;
  let release;
  window.__release = new Promise((r) => { release = r; });
  window.__releaseSlow = () => release();
  const slice = Blob.prototype.slice;
  Blob.prototype.slice = function (...args) {
    const part = slice.apply(this, args);
    part.__from = this.name;
    return part;
  };
  Blob.prototype.arrayBuffer = function () {
    if (this.__from === 'unreadable.csv') return Promise.reject(new DOMException('The file could not be read', 'NotReadableError'));
    if (this.__from === 'slow.csv') return window.__release.then(() => arrayBuffer.call(this));
    return arrayBuffer.call(this);
  };
  const NativeBlob = Blob;
  window.Blob = function (parts, options) {
    if (options && options.type === 'text/javascript') {
      parts = [...parts, '\nconst __push = wasm_bindgen.WasmChecker.prototype.push;\n' +
        'wasm_bindgen.WasmChecker.prototype.push = function (c) { if (c[0] === 126) throw new WebAssembly.RuntimeError("unreachable"); return __push.call(this, c); };\n'];
    }
    return new NativeBlob(parts, options);
  };
  window.Blob.prototype = NativeBlob.prototype;
}

test('every state passes axe; a dead checker, an unreadable file and a non-CSV never stop the others', async () => {
  const { page, log, close } = await openPage(DIST_URL, { bypassCSP: true, initScript: faults });
  try {
    await axe(page, 'empty');

    const good = { name: 'good.csv', bytes: Buffer.from('Surname,Initial,Rank\nMORGAN,J,Inspector\nPATEL,K,PC\n') };
    const png = { name: 'photo.csv', bytes: Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex') };
    await page.setInputFiles('#file-input', [
      { name: 'slow.csv', mimeType: 'text/csv', buffer: Buffer.from('Year,Count\n2023,140\n') },
      { name: 'crash.csv', mimeType: 'text/csv', buffer: Buffer.from('~this file makes the checker trap\n') },
      { name: 'unreadable.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') },
      { name: png.name, mimeType: 'text/csv', buffer: png.bytes },
      { name: good.name, mimeType: 'text/csv', buffer: good.bytes },
    ]);
    await page.waitForFunction(() => document.querySelector('#file-list .file-card-head .tag').textContent === 'Checking');
    await axe(page, 'checking');
    await page.evaluate(() => window.__releaseSlow());
    await allChecked(page, 5);

    const tags = await page.$$eval('#file-list .file-card-head .tag', (t) => t.map((x) => x.textContent));
    // slow.csv was checked by the worker that died: its report died with it, so it was checked again
    assert.doesNotMatch(tags[0], /Could not|NOT fully|Waiting|Checking/, 'the file checked before the trap');
    assert.equal(tags[1], 'Could not be checked', 'the trapped file');
    assert.equal(tags[2], 'Could not be checked', 'the unreadable file');
    assert.equal(tags[3], 'NOT fully checked', 'the PNG renamed .csv');
    assert.match(tags[4], /rows flagged$/, 'the file after the failures is still checked, by a new worker');
    const summary = await page.textContent('#error-summary');
    assert.match(summary, /crash\.csv: could not be checked/);
    assert.match(summary, /unreadable\.csv: could not be checked/);
    assert.match(summary, /photo\.csv: .*not a text CSV/);
    assert.match(await page.textContent('#file-list'), /NOT fully checked/);
    await axe(page, 'error');

    await page.click('#file-list .file-card:last-child button:has-text("Show the rows")');
    await page.waitForSelector('#grid-body tr.flagged');
    await page.click('#grid-body tr.flagged .row-flag');
    await axe(page, 'results');

    // the findings hold the files that were checked, exactly as the CLI gives them
    const saved = await downloadFindings(page);
    assert.equal(saved, cliJson([{ name: 'slow.csv', bytes: Buffer.from('Year,Count\n2023,140\n') }, png, good]));
    assert.deepEqual(log.dialogs, []);
  } finally {
    await close();
  }
});

test('cancel stops a check whose file never arrives, and the next file is still checked', async () => {
  const { page, close } = await openPage(DIST_URL, { bypassCSP: true, initScript: faults });
  try {
    const good = { name: 'good.csv', bytes: Buffer.from('Surname,Initial,Rank\nMORGAN,J,Inspector\nPATEL,K,PC\n') };
    // slow.csv's bytes never arrive until released (a stalled network drive)
    await page.setInputFiles('#file-input', [
      { name: 'slow.csv', mimeType: 'text/csv', buffer: Buffer.from('Surname,Rank\nMORGAN,PC\n') },
      { name: good.name, mimeType: 'text/csv', buffer: good.bytes },
    ]);
    await page.waitForFunction(() => document.querySelector('#file-list .file-card-head .tag').textContent === 'Checking');
    await page.click('#file-list .file-card:first-child button:has-text("Cancel")');
    await allChecked(page, 2);
    const tags = await page.$$eval('#file-list .file-card-head .tag', (t) => t.map((x) => x.textContent));
    assert.deepEqual(tags, ['Cancelled: NOT checked', '2 rows flagged']);
    assert.match(await page.textContent('#file-list .file-card:first-child'), /You cancelled this check\. The file was NOT checked\./);
    // bytes that arrive after the cancel change nothing, and a later file is checked too
    await page.evaluate(() => window.__releaseSlow());
    await page.setInputFiles('#file-input', [{ name: 'again.csv', mimeType: 'text/csv', buffer: good.bytes }]);
    await allChecked(page, 3);
    const after = await page.$$eval('#file-list .file-card-head .tag', (t) => t.map((x) => x.textContent));
    assert.deepEqual(after, ['Cancelled: NOT checked', '2 rows flagged', '2 rows flagged']);
  } finally {
    await close();
  }
});
