// worker.js: runs the wasm core, and nothing else. It is appended to
// wasm-bindgen's no-modules glue (which defines `wasm_bindgen`) by
// scripts/build.py and started by app.js from a Blob URL.
//
// Messages in (from app.js) and out:
//   init {wasm: base64}                 -> ready {version} | crashed
//   start {id, name, keep, options}      (keep: bytes of cell text to keep for the table;
//                                         options: the settings, serde names of src/options.rs)
//   chunk {id, seq, bytes: ArrayBuffer} -> progress {id, seq, rows} | readError {id, message}
//   finish {id}                         -> report {id, report (without rows; with settingsText),
//                                          flagged, bytes (the report's JSON), viewLength,
//                                          viewTruncated} | report {id, failed}
//   describe {req, options}             -> reply {req, value: {summary, k, counts}}
//   rows {id, req, indexes}             -> reply {req, value: [[row, cells, finding]]}
//   search {id, req, needle}            -> reply {req, value: Uint32Array}
//   findings {req, reports: [bytes]}    -> reply {req, value: bytes of the CLI's JSON}
//   close {id}
// A WebAssembly trap (a Rust panic aborts) leaves the module unusable: the
// worker says `crashed` and app.js replaces it with a fresh one.
'use strict';

const checkers = new Map();
const findings = new Map();
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function findRow(rows, row) {
  let lo = 0, hi = rows.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (rows[mid].row < row) lo = mid + 1; else hi = mid; }
  return lo < rows.length && rows[lo].row === row ? rows[lo] : null;
}

function decodeBase64(text) {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function checker(id) {
  const c = checkers.get(id);
  if (!c) throw new Error('no such file in the checker: ' + id);
  return c;
}

const handlers = {
  init(m) {
    wasm_bindgen.initSync({ module: decodeBase64(m.wasm) });
    self.postMessage({ type: 'ready', version: wasm_bindgen.version() });
  },
  start(m) {
    const c = new wasm_bindgen.WasmChecker(m.name, m.options);
    if (m.keep > 0) c.keepRows(m.keep);
    checkers.set(m.id, c);
  },
  chunk(m) {
    const c = checker(m.id);
    try {
      c.push(new Uint8Array(m.bytes));
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) throw e;
      self.postMessage({ type: 'readError', id: m.id, message: String(e.message || e) });
    }
    self.postMessage({ type: 'progress', id: m.id, seq: m.seq, rows: c.rowsRead() });
  },
  // The report's flagged rows stay here (a staff list can have a million);
  // the page gets the rest of the report, the view indexes of the flagged
  // rows, and the report's JSON as bytes (transferred, never parsed there).
  finish(m) {
    const c = checker(m.id);
    const json = c.finish();
    const report = JSON.parse(json);
    const rows = report.rows;
    report.rows = [];
    report.settingsText = JSON.parse(wasm_bindgen.describeSettings(report.settings));
    findings.set(m.id, rows);
    const found = c.viewFind(Float64Array.from(rows, (r) => r.row));
    const flagged = found.filter((i) => i !== 0xFFFFFFFF).sort();
    const bytes = encoder.encode(json).buffer;
    self.postMessage({
      type: 'report', id: m.id, report, flagged, bytes,
      viewLength: c.viewLength(), viewTruncated: c.viewTruncated(),
    }, [flagged.buffer, bytes]);
  },
  // [[row, [[column, text]...], finding or null], ...]
  rows(m) {
    const cells = JSON.parse(checker(m.id).viewRows(Uint32Array.from(m.indexes)));
    const rows = findings.get(m.id) || [];
    reply(m.req, cells.map(([row, c]) => [row, c, findRow(rows, row)]));
  },
  describe(m) {
    reply(m.req, JSON.parse(wasm_bindgen.describeSettings(m.options)));
  },
  search(m) {
    const value = checker(m.id).viewSearch(m.needle);
    self.postMessage({ type: 'reply', req: m.req, value }, [value.buffer]);
  },
  // reports: the JSON bytes of each report, in order -> the CLI's JSON as bytes
  findings(m) {
    const text = wasm_bindgen.findingsJson('[' + m.reports.map((b) => decoder.decode(b)).join(',') + ']');
    const value = encoder.encode(text).buffer;
    self.postMessage({ type: 'reply', req: m.req, value }, [value]);
  },
  close(m) {
    const c = checkers.get(m.id);
    checkers.delete(m.id);
    findings.delete(m.id);
    if (c) c.free();
  },
};

function reply(req, value) {
  self.postMessage({ type: 'reply', req, value });
}

self.onmessage = (event) => {
  const m = event.data;
  const handler = handlers[m.type];
  try {
    if (!handler) throw new Error('unknown message ' + m.type);
    handler(m);
  } catch (e) {
    const trap = e instanceof WebAssembly.RuntimeError || m.type === 'init';
    if (trap) {
      self.postMessage({ type: 'crashed', id: m.id, message: String((e && e.message) || e) });
    } else if (m.type === 'chunk') {
      self.postMessage({ type: 'readError', id: m.id, message: String((e && e.message) || e) });
      self.postMessage({ type: 'progress', id: m.id, seq: m.seq, rows: 0 });
    } else if (m.type === 'finish') {
      self.postMessage({ type: 'report', id: m.id, failed: String((e && e.message) || e) });
    } else if (m.req !== undefined) {
      self.postMessage({ type: 'reply', req: m.req, error: String((e && e.message) || e) });
    } else {
      self.postMessage({ type: 'readError', id: m.id, message: String((e && e.message) || e) });
    }
  }
};
