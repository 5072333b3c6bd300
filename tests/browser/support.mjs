// Shared by the browser tests: Chromium through playwright-core, a static
// server for www/, a loopback listener that must never be reached, and the
// CLI whose JSON the page's download must equal.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist', 'foi-check.html');
export const DIST_URL = pathToFileURL(DIST).href;
export const CLI = path.join(ROOT, 'target', 'debug', 'foi-check');

for (const f of [DIST, path.join(ROOT, 'www', 'index.html'), CLI]) {
  if (!fs.existsSync(f)) throw new Error(`${f} is missing: run \`make dist\` and \`cargo build\` (make test does both)`);
}

/** A TCP listener on 127.0.0.1 that counts every connection: it must stay at 0. */
export async function tripwire() {
  const hits = [];
  const server = net.createServer((s) => { hits.push(Date.now()); s.destroy(); });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { port: server.address().port, hits, close: () => new Promise((r) => server.close(r)) };
}

/** Serves www/ on 127.0.0.1 (as `make serve` does) and records every request. */
export async function serveWww() {
  const seen = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url);
    const rel = decodeURIComponent(req.url.split('?')[0]).replace(/^\/+/, '') || 'index.html';
    const file = path.join(ROOT, 'www', rel);
    if (!file.startsWith(path.join(ROOT, 'www')) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { url, seen, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) };
}

/** A fresh Chromium profile and page; records requests, dialogs and navigations. */
export async function openPage(url, { bypassCSP = false, initScript } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foi-check-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    bypassCSP,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] || await context.newPage();
  const log = { requests: [], dialogs: [], navigations: [], errors: [], console: [] };
  context.on('request', (r) => log.requests.push(r.url()));
  page.on('dialog', (d) => { log.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('framenavigated', (f) => log.navigations.push(f.url()));
  page.on('pageerror', (e) => log.errors.push(e.message));
  page.on('console', (m) => log.console.push(m.type() + ': ' + m.text()));
  if (initScript) await page.addInitScript(initScript);
  await page.goto(url);
  const close = async () => {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { page, context, log, close };
}

/** Every request the page made was its own document or a blob:/data: URL. */
export function onlyOwnRequests(log, documentUrl) {
  return log.requests.filter((u) => u !== documentUrl && !u.startsWith('blob:') && !u.startsWith('data:'));
}

/** Waits until no file is waiting or being checked. */
export async function allChecked(page, count, timeout = 60000) {
  await page.waitForFunction((n) => {
    const cards = document.querySelectorAll('#file-list .file-card');
    if (cards.length < n) return false;
    return [...cards].every((c) => !/^(Waiting|Checking)$/.test(c.querySelector('.tag').textContent));
  }, count, { timeout });
}

/** Drops files on the drop zone with a synthetic DataTransfer. */
export async function dropFiles(page, list) {
  const dt = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const { name, base64 } of items) {
      const bin = atob(base64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], name, { type: 'text/csv' }));
    }
    return dt;
  }, list.map(({ name, bytes }) => ({ name, base64: Buffer.from(bytes).toString('base64') })));
  await page.dispatchEvent('#drop-zone', 'dragover', { dataTransfer: dt });
  await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer: dt });
}

/** Clicks "Download findings (JSON)" and returns the saved text. */
export async function downloadFindings(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-button')]);
  return fs.readFileSync(await download.path(), 'utf8');
}

/** The CLI's `check --format json` for files written under the names given,
 *  with settings flags (e.g. `['-k', '4', '--preset', 'under10_zeros']`). */
export function cliJson(files, flags = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foi-check-cli-'));
  for (const { name, bytes } of files) fs.writeFileSync(path.join(dir, name), bytes);
  const r = spawnSync(CLI, ['check', '--format', 'json', ...flags, ...files.map((f) => f.name)], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
  fs.rmSync(dir, { recursive: true, force: true });
  if (r.status > 2 || r.status === null) throw new Error('foi-check failed: ' + r.stderr);
  return r.stdout;
}

const axeSource = () => fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the whole page must find nothing. It is injected as a script,
 *  so the page must have been opened with `bypassCSP`. */
export async function axe(page, state) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.addScriptTag({ content: axeSource() });
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }));
  const found = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  assert.deepEqual(found, [], `axe violations in the ${state} state`);
}

export const sampleBytes = () => fs.readFileSync(path.join(ROOT, 'www', 'sample.csv'));
export { execFileSync };
