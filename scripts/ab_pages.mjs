// A/B of two builds of the page (a script, not a test): the worker's wasm
// work for one CSV (new WasmChecker, keepRows, push 8 MB chunks, finish), run
// in node from each page's own inlined glue and wasm, alternating, 3 rounds,
// printing CPU seconds. CPU time moves less than wall time on a shared machine.
//   cp dist/foi-check.html /tmp/a.html; ...change, make dist...
//   node scripts/ab_pages.mjs file.csv /tmp/a.html dist/foi-check.html
import fs from 'node:fs';
import vm from 'node:vm';
import zlib from 'node:zlib';
const [csvPath, ...pagePaths] = process.argv.slice(2);
if (!csvPath || pagePaths.length < 1) throw new Error('usage: node scripts/ab_pages.mjs FILE.csv PAGE.html [PAGE.html...]');
const csv = fs.readFileSync(csvPath);
function load(html) {
  const grab = (id) => { const m = new RegExp(`<script[^>]*id="${id}"[^>]*>([\\s\\S]*?)</script>`).exec(html); return m[1]; };
  const src = grab('worker-source').replace(/&lt;/g, '<'); // glue + worker.js
  // the page carries the wasm gzipped, as base64
  const wasm = zlib.gunzipSync(Buffer.from(grab('wasm-base64').trim(), 'base64'));
  const ctx = { self: { postMessage() {} }, console, TextEncoder, TextDecoder, __wasm: new Uint8Array(wasm) };
  ctx.globalThis = ctx;
  vm.createContext(ctx);
  vm.runInContext(src, ctx);
  vm.runInContext('wasm_bindgen.initSync({ module: __wasm })', ctx);
  const wb = vm.runInContext('wasm_bindgen', ctx);
  return wb;
}
const pages = Object.fromEntries(pagePaths.map((p) => [p, load(fs.readFileSync(p, 'utf8'))]));
for (let round = 0; round < Number(process.env.ROUNDS || 3); round++) {
  for (const [v, wb] of Object.entries(pages)) {
    const t0 = process.cpuUsage();
    const w0 = Date.now();
    const c = new wb.WasmChecker('staff.csv', undefined);
    c.keepRows(512 * 1024 * 1024);
    for (let i = 0; i < csv.length; i += 8 << 20) c.push(csv.subarray(i, Math.min(i + (8 << 20), csv.length)));
    const r = c.finish();
    const summary = r.summary();
    const flagged = c.flaggedView(r);
    const cpu = process.cpuUsage(t0);
    const s = (cpu.user + cpu.system) / 1e6;
    console.log(`${v}: ${s.toFixed(2)} CPU s, ${(csv.length / 1e6 / s).toFixed(1)} MB/CPU s (wall ${((Date.now() - w0) / 1000).toFixed(2)} s), view rows ${c.viewLength()}, flagged ${flagged.length}, summary ${summary.length}`);
    c.free();
    r.free();
  }
}
