// worker.js: runs the wasm core, and nothing else. It is appended to
// wasm-bindgen's no-modules glue (which defines `wasm_bindgen`) by
// scripts/build.py and started by app.js from a Blob URL.
//
// Messages in (from app.js) and out:
//   init {wasm: base64 of the gzipped wasm}
//                                       -> ready {version}, then warm {ms} (after the
//                                          warm-up check) | crashed
//   start {id, file, name, size, keep, options} (file: the File, read again for the table's
//                                         rows and searches; keep: bytes of memory for where
//                                         its rows start; options: the settings, serde names
//                                         of src/options.rs)
//   chunk {id, seq, bytes: ArrayBuffer} -> progress {id, seq, rows} | readError {id, message}
//   finish {id}                         -> report {id, report (without rows; with settingsText),
//                                          flagged (view indexes, Uint32Array), viewLength,
//                                          viewTruncated, timing {push, finish, summary, flagged} ms}
//                                          | report {id, failed}
//   describe {req, options}             -> reply {req, value: {summary, k, counts}}
//   rows {id, req, indexes, cols?}      -> reply {req, value: [[row, cells, finding, width] or null per index]}
//                                          (long cells cut short: shortCell; a finding's reasons
//                                          beyond the first 50: shortFinding, `more`)
//                                          (the rows are read again from the File)
//   search {id, req, needle}            -> reply {req, value: Uint32Array} (reads the File again;
//                                          a later search of the same file stops this one)
//   findings {req, ids}                 -> reply {req, value: Blob (the CLI's JSON)}
//   close {id}
//   plan {req, id}                      -> reply {req, value: packed plan (packPlan)} (the safe-copy step)
//   describePolicy {req, id, policy, removeKinds, removeRows} -> reply {req, value: [sentence]}
//   safecopy {req, id, file, name, policy, removeKinds, removeRows}
//                                       -> safeProgress {id, done, total} ...
//                                       -> reply {req, value: {blob: Blob (the copy), name, size, sha256,
//                                          original, outcome, policy, after (report without rows),
//                                          before (the same, or null)}}
//   hash {req, file}                    -> reply {req, value: SHA-256 hex}
//   record {req, format, meta, files: [{id, sha256, safe?}]} -> reply {req, value: text}
//   profile {req, options, profile}     -> reply {req, value: settings with the profile in force}
//   builtinProfile {req, name} / readProfile {req, text} -> reply {req, value: profile JSON}
//   roster {req, bytes | null}          -> reply {req, value: entries held}  (memory only)
// Every report stays here, in the wasm memory (a WasmReport per file, and
// the checks of its latest safe copy): the page gets summaries and the rows it
// draws, never a whole report. The file's cells are not kept: the rows the
// page draws are read from the File again. A WebAssembly trap (a Rust panic aborts) leaves
// the module unusable: the worker says `crashed` and app.js replaces it with a
// fresh one (and checks the files again: their reports died with it).
'use strict';

const checkers = new Map();
const CHUNK = 8 * 1024 * 1024;
// The session's staff roster: a WasmRoster in this worker's memory, never
// stored anywhere; every checker made while it is loaded matches against it
// (newChecker), the safe copy's re-check too.
let roster = null;
// id -> WasmReport; id -> {before: WasmReport | null, after: WasmReport} of the latest safe copy
const reports = new Map();
const safeCopies = new Map();
// milliseconds spent in push per file id, for the report's timing
const pushTime = new Map();
// id -> File, read again for the rows the page draws and for searches
const files = new Map();
// id -> req of the file's latest search: an earlier one still reading stops
const latestSearch = new Map();
const encoder = new TextEncoder();

function report(id) {
  const r = reports.get(id);
  if (!r) throw new Error('no report for this file in the checker: ' + id);
  return r;
}

// The report without its rows, as the page uses it.
function summaryOf(r) {
  const s = JSON.parse(r.summary());
  // The page lists the columns that identify people and those that name
  // people in some cells; the others stay here (a file of 99,000 columns
  // made a report that took the page 139 ms to receive). The download is
  // written from the whole report.
  s.columns = (s.columns || []).filter((c) => c.identifying || c.mentions > 0);
  s.settingsText = JSON.parse(wasm_bindgen.describeSettings(s.settings));
  return s;
}

// The safe-copy plan as the page takes it: {policy, coarsen, count, table,
// index, ends, headers, classes, cls, notable}. Column i (file order) is in
// table[i], index[i]; its header is headers.slice(ends[i - 1] || 0, ends[i]),
// its class classes[cls[i]]. Only the columns that identify people or have a
// coarsening go as whole objects, in notable, each with its position `at`.
// A plan of one object per column took the page 66 ms to receive for a file
// of 99,000 columns.
function packPlan(p) {
  const n = p.columns.length;
  const table = new Uint32Array(n), index = new Uint32Array(n), ends = new Uint32Array(n), cls = new Uint8Array(n);
  const headers = [], notable = [], classes = [], classIds = new Map();
  let length = 0;
  p.columns.forEach((c, i) => {
    table[i] = c.table;
    index[i] = c.index;
    headers.push(c.header);
    length += c.header.length;
    ends[i] = length;
    let k = classIds.get(c.class);
    if (k === undefined) { k = classes.length; classes.push(c.class); classIds.set(c.class, k); }
    cls[i] = k;
    if (c.identifying || c.coarsen) notable.push(Object.assign({ at: i }, c));
  });
  return { policy: p.policy, coarsen: p.coarsen, count: n, table, index, ends, headers: headers.join(''), classes, cls, notable };
}

// What the page draws of a row. A cell is drawn on one line: one of
// millions of characters (a log pasted into a cell) is cut short, and says so.
const CELL_SHOWN = 10000;
function shortCell([c, text]) {
  if (text.length <= CELL_SHOWN) return [c, text];
  return [c, text.slice(0, CELL_SHOWN) + '\u2026 [cut short here: ' + text.length.toLocaleString('en-GB') + ' characters in all]'];
}

// A row's finding as the page shows it: its first REASONS_SHOWN reasons,
// one more for each column that has none among them (the page marks the
// cells of every column a reason names), and `more`, how many are left out.
// A cell naming 40,000 officers made a list that froze the page for 1.4 s;
// the findings download and the record have them all.
const REASONS_SHOWN = 50;
function shortFinding(f) {
  if (f.reasons.length <= REASONS_SHOWN) return f;
  const kept = f.reasons.slice(0, REASONS_SHOWN);
  const columns = new Set(kept.map((r) => r.column));
  for (const r of f.reasons.slice(REASONS_SHOWN)) {
    if (!columns.has(r.column)) { columns.add(r.column); kept.push(r); }
  }
  return Object.assign({}, f, { reasons: kept, more: f.reasons.length - kept.length });
}

function freeSafeCopy(id) {
  const s = safeCopies.get(id);
  safeCopies.delete(id);
  if (s) { if (s.before) s.before.free(); s.after.free(); }
}

function decodeBase64(text) {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

// The page carries the wasm gzipped (scripts/build.py): inflated here, in
// memory, by the browser's own DecompressionStream.
async function gunzip(bytes) {
  const parts = [];
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  for (let r; !(r = await reader.read()).done;) parts.push(r.value);
  return new Uint8Array(await new Blob(parts).arrayBuffer());
}

function checker(id) {
  const c = checkers.get(id);
  if (!c) throw new Error('no such file in the checker: ' + id);
  return c;
}

// A checker for one file, matching against the session's roster if one is loaded.
function newChecker(name, options) {
  const c = new wasm_bindgen.WasmChecker(name, options);
  if (roster) c.setRoster(roster);
  return c;
}

const handlers = {
  async init(m) {
    wasm_bindgen.initSync({ module: await gunzip(decodeBase64(m.wasm)) });
    self.postMessage({ type: 'ready', version: wasm_bindgen.version() });
    warmUp();
  },
  start(m) {
    const c = newChecker(m.name, m.options);
    if (m.warnings && m.warnings.length) c.setWarnings(m.warnings);
    if (m.keep > 0) c.keepRows(m.keep, m.size);
    checkers.set(m.id, c);
    files.set(m.id, m.file);
    pushTime.set(m.id, 0);
  },
  chunk(m) {
    const c = checker(m.id);
    const t0 = performance.now();
    try {
      c.push(new Uint8Array(m.bytes));
      pushTime.set(m.id, pushTime.get(m.id) + performance.now() - t0);
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) throw e;
      self.postMessage({ type: 'readError', id: m.id, message: String(e.message || e) });
    }
    self.postMessage({ type: 'progress', id: m.id, seq: m.seq, rows: c.rowsRead() });
  },
  // The report stays here; the page gets it without its rows, and the view
  // indexes of the flagged rows (transferred).
  finish(m) {
    const c = checker(m.id);
    let t = performance.now();
    const timing = { push: pushTime.get(m.id) };
    const lap = (k) => { const n = performance.now(); timing[k] = n - t; t = n; };
    const r = c.finish();
    reports.set(m.id, r);
    lap('finish');
    const summary = summaryOf(r);
    lap('summary');
    const flagged = c.flaggedView(r);
    lap('flagged');
    self.postMessage({
      type: 'report', id: m.id, report: summary, flagged,
      viewLength: c.viewLength(), viewTruncated: c.viewTruncated(), timing,
    }, [flagged.buffer]);
  },
  // For each index: [row, [[column, text]...], finding or null, width], or
  // null if it is not in the view; width is one more than the row's last
  // column. With cols [from, to), only the cells of those columns are sent
  // (a row of a file of 20,000 columns is drawn 100 columns at a time). The
  // rows are read from the File again, a slice per run of nearby rows.
  async rows(m) {
    const c = checker(m.id);
    const file = fileOf(m.id);
    const spans = c.viewSpans(Uint32Array.from(m.indexes));
    const got = new Map();
    for (let i = 0; i < spans.length; i += 4) {
      const [first, last, from, to] = spans.subarray(i, i + 4);
      const bytes = await readRange(file, from, to);
      for (const [k, row, cells, finding] of JSON.parse(checker(m.id).viewRead(first, last, from, bytes, report(m.id)))) {
        const width = cells.length ? cells[cells.length - 1][0] + 1 : 0;
        const shown = (m.cols ? cells.filter(([c]) => c >= m.cols[0] && c < m.cols[1]) : cells).map(shortCell);
        got.set(k, [row, shown, finding && shortFinding(finding), width]);
      }
    }
    reply(m.req, m.indexes.map((k) => got.get(k) || null));
  },
  // An Excel workbook -> its sheets, each a File of CSV text the page checks
  // as a file of its own (hidden sheets too); null when it is no workbook.
  async workbook(m) {
    const bytes = new Uint8Array(await readRange(m.file, 0, m.file.size));
    const book = wasm_bindgen.WasmWorkbook.open(m.name, bytes);
    if (!book) { reply(m.req, null); return; }
    try {
      // The audit record names each sheet with the workbook's SHA-256, as the CLI does.
      const h = new wasm_bindgen.WasmHasher();
      let sha256;
      try { h.push(bytes); sha256 = h.finish(); } finally { h.free(); }
      const sheets = [];
      for (let i = 0; i < book.len(); i++) {
        const name = book.name(i);
        sheets.push({ name, state: book.state(i), warnings: book.warnings(i), sha256, file: new File([book.csv(i)], name, { type: 'text/csv' }) });
      }
      reply(m.req, sheets);
    } finally {
      book.free();
    }
  },
  describe(m) {
    reply(m.req, JSON.parse(wasm_bindgen.describeSettings(m.options)));
  },
  async search(m) {
    latestSearch.set(m.id, m.req);
    const s = checker(m.id).viewSearch(m.needle);
    let value = new Uint32Array(0);
    if (s) {
      try {
        await eachSlice(fileOf(m.id), (bytes) => {
          if (latestSearch.get(m.id) !== m.req) throw new Error('a later search replaced this one');
          s.push(bytes);
        }, s.from(), s.to());
        value = s.finish();
      } finally { s.free(); }
    }
    self.postMessage({ type: 'reply', req: m.req, value }, [value.buffer]);
  },
  // ids: the files, in order -> the CLI's JSON as one Blob. Each part the
  // wasm writes becomes a Blob at once, so the browser holds the JSON (on
  // disk if it is large), not this worker's heap: a 100 MB file whose every
  // row is flagged has ~0.7 GB of findings.
  findings(m) {
    const list = m.ids.map(report);
    const w = new wasm_bindgen.WasmFindings(list.length);
    const parts = [];
    try {
      for (const r of list) {
        parts.push(new Blob([w.begin(r)]));
        for (let p; (p = w.next(r)).length;) parts.push(new Blob([p]));
      }
      parts.push(new Blob([w.end()]));
    } finally { w.free(); }
    reply(m.req, new Blob(parts, { type: 'application/json' }));
  },
  plan(m) {
    const p = packPlan(JSON.parse(wasm_bindgen.safeCopyPlan(report(m.id))));
    reply(m.req, p, [p.table.buffer, p.index.buffer, p.ends.buffer, p.cls.buffer]);
  },
  describePolicy(m) {
    const policy = withRows(report(m.id), m.policy, m.removeKinds, m.removeRows);
    reply(m.req, JSON.parse(wasm_bindgen.describePolicy(policy)));
  },
  // Re-read the original File in slices through the redactor; hash the
  // original and the copy; check the copy as it is written.
  async safecopy(m) {
    let r = report(m.id);
    let before = null;
    const draft = JSON.stringify(Object.assign({}, m.policy, { rows: [] }));
    const recheck = wasm_bindgen.policyCheckOptions(draft, r);
    const total = m.file.size * (recheck ? 2 : 1);
    let done = 0;
    const progress = (n) => { done += n; self.postMessage({ type: 'safeProgress', id: m.id, done, total }); };
    let red = null, hash = null, after = null, afterReport = null;
    try {
      if (recheck) {
        // the policy's threshold differs from the check's: check the original again with it
        const c = newChecker(m.name, JSON.parse(recheck));
        try {
          await eachSlice(m.file, (bytes) => { c.push(bytes); progress(bytes.length); });
          before = r = c.finish();
        } finally { c.free(); }
      }
      const summary = summaryOf(r);
      if (summary.errors.length) throw new Error('No safe copy was made: the file could not be read completely (' + summary.errors[0].reason + ').');
      const policy = withRows(r, m.policy, m.removeKinds, m.removeRows);
      const name = wasm_bindgen.safeName(m.name);
      red = new wasm_bindgen.WasmRedactor(policy, r);
      hash = new wasm_bindgen.WasmHasher();
      after = newChecker(name, summary.settings);
      // each piece of the copy becomes a Blob at once (the browser holds it, not this heap)
      const parts = [];
      const keep = (out) => { if (out.length) { after.push(out); parts.push(new Blob([out])); } };
      await eachSlice(m.file, (bytes) => { hash.push(bytes); keep(red.push(bytes)); progress(bytes.length); });
      keep(red.finish());
      afterReport = after.finish();
      const value = {
        blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }), name, size: red.size(), sha256: red.sha256(), original: hash.finish(),
        outcome: red.outcome(), policy, after: summaryOf(afterReport), before: before && summary,
      };
      // this file's latest safe copy: its checks go into the audit record
      freeSafeCopy(m.id);
      safeCopies.set(m.id, { before, after: afterReport });
      before = afterReport = null;
      reply(m.req, value);
    } finally {
      if (red) red.free();
      if (hash) hash.free();
      if (after) after.free();
      if (before) before.free();
      if (afterReport) afterReport.free();
    }
  },
  async hash(m) {
    const h = new wasm_bindgen.WasmHasher();
    try {
      await eachSlice(m.file, (bytes) => h.push(bytes));
      reply(m.req, h.finish());
    } finally { h.free(); }
  },
  // files: [{id, sha256, safe: {name, size, sha256, policy (JSON), outcome (JSON)} | null}]
  // A file with a safe copy is recorded with the checks made for it.
  record(m) {
    const rec = new wasm_bindgen.WasmRecord(JSON.stringify(m.meta));
    try {
      for (const f of m.files) {
        const s = f.safe && safeCopies.get(f.id);
        if (f.safe && !s) throw new Error('the checks of the safe copy are no longer in the checker');
        if (s) {
          const safe = '{"name":' + JSON.stringify(f.safe.name) + ',"bytes":' + f.safe.size + ',"sha256":' +
            JSON.stringify(f.safe.sha256) + ',"policy":' + f.safe.policy + ',"outcome":' + f.safe.outcome + '}';
          rec.addWithSafeCopy(s.before || report(f.id), f.sha256, safe, s.after);
        } else {
          rec.add(report(f.id), f.sha256);
        }
      }
      const value = encoder.encode(rec.write(m.format)).buffer;
      self.postMessage({ type: 'reply', req: m.req, value }, [value]);
    } finally { rec.free(); }
  },
  profile(m) {
    reply(m.req, JSON.parse(wasm_bindgen.withProfile(m.options, m.profile || '')));
  },
  builtinProfile(m) {
    reply(m.req, wasm_bindgen.builtinProfile(m.name));
  },
  readProfile(m) {
    reply(m.req, wasm_bindgen.readProfile(m.text));
  },
  roster(m) {
    if (roster) { roster.free(); roster = null; }
    if (m.bytes) roster = new wasm_bindgen.WasmRoster(new Uint8Array(m.bytes));
    reply(m.req, roster ? roster.len() : 0);
  },
  close(m) {
    const c = checkers.get(m.id);
    const r = reports.get(m.id);
    checkers.delete(m.id);
    reports.delete(m.id);
    pushTime.delete(m.id);
    files.delete(m.id);
    latestSearch.delete(m.id);
    if (c) c.free();
    if (r) r.free();
    freeSafeCopy(m.id);
  },
};

// Check a synthetic staff list once, as a file is checked, while the page
// opens: the browser then optimises the check's hot code before the clerk's
// first file arrives, rather than while it is checked (src/wasm/warmup.rs
// says why). Its report is dropped. A file chosen meanwhile waits for it
// (a few tenths of a second at most).
const WARM_UP_ROWS = 20000;
// Then ready memory for the first file (src/wasm/warmup.rs, `reserve`): the
// memory a 100 MB staff list takes to check, less on a computer with little
// memory (Chromium says how much, to the nearest power of two up to 8 GB).
const RESERVE_MB = Math.min(192, 32 * ((self.navigator && self.navigator.deviceMemory) || 8));
function warmUp() {
  const t0 = performance.now();
  const bytes = wasm_bindgen.warmUpSample(WARM_UP_ROWS);
  const c = newChecker('warm-up.csv', undefined);
  let r = null;
  try {
    c.keepRows(1 << 20, bytes.length);
    c.push(bytes);
    r = c.finish();
    summaryOf(r);
    c.flaggedView(r);
  } finally {
    if (r) r.free();
    c.free();
  }
  self.postMessage({ type: 'warm', ms: performance.now() - t0 });
  wasm_bindgen.reserveMemory(RESERVE_MB);
}

// The policy the page edits, with its row decisions (JSON): every flagged row
// of the kinds chosen, and the rows named one by one, are emptied.
function withRows(r, policy, removeKinds, removeRows) {
  return r.withRows(JSON.stringify(Object.assign({}, policy, { rows: [] })),
    JSON.stringify(removeKinds || []), Float64Array.from(removeRows || []));
}

// fn(bytes) for the file's bytes from..to, a slice at a time.
async function eachSlice(file, fn, from = 0, to = file.size) {
  for (let at = from; at < to; at += CHUNK) {
    fn(await readRange(file, at, Math.min(at + CHUNK, to)));
  }
}

async function readRange(file, from, to) {
  try {
    return new Uint8Array(await file.slice(from, to).arrayBuffer());
  } catch (e) {
    throw new Error('The browser could not read the file again (' + (e.message || e) + '). Has it been moved or deleted?');
  }
}

function fileOf(id) {
  const f = files.get(id);
  if (!f) throw new Error('no such file in the checker: ' + id);
  return f;
}

function reply(req, value, transfer) {
  self.postMessage({ type: 'reply', req, value }, transfer || []);
}

self.onmessage = (event) => {
  const m = event.data;
  const handler = handlers[m.type];
  try {
    if (!handler) throw new Error('unknown message ' + m.type);
    const r = handler(m);
    if (r && r.then) r.catch((e) => failed(m, e));
  } catch (e) {
    failed(m, e);
  }
};

function failed(m, e) {
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
