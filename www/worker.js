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
//   plan {req, report (without rows)}  -> reply {req, value: {policy, columns, coarsen}} (the safe-copy step)
//   describePolicy {req, id, policy, removeKinds, removeRows} -> reply {req, value: [sentence]}
//   safecopy {req, id, file, name, policy, removeKinds, removeRows, report: bytes}
//                                       -> safeProgress {id, done, total} ...
//                                       -> reply {req, value: {parts: [ArrayBuffer], name, size, sha256,
//                                          original, outcome, policy, after (JSON), before (JSON or null)}}
//   hash {req, file}                    -> reply {req, value: SHA-256 hex}
//   record {req, format, meta, files: [{report: bytes, sha256, safe?}]} -> reply {req, value: text}
//   profile {req, options, profile}     -> reply {req, value: settings with the profile in force}
//   builtinProfile {req, name} / readProfile {req, text} -> reply {req, value: profile JSON}
//   roster {req, bytes | null}          -> reply {req, value: entries held}  (memory only)
// A WebAssembly trap (a Rust panic aborts) leaves the module unusable: the
// worker says `crashed` and app.js replaces it with a fresh one.
'use strict';

const checkers = new Map();
const CHUNK = 8 * 1024 * 1024;
// The session's staff roster: a WasmRoster in this worker's memory, never
// stored anywhere. (The checker takes no roster yet; see src/profile.rs.)
let roster = null;
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
  plan(m) {
    reply(m.req, JSON.parse(wasm_bindgen.safeCopyPlan(JSON.stringify(m.report))));
  },
  describePolicy(m) {
    const policy = composePolicy(m.policy, m.removeKinds, m.removeRows, findings.get(m.id) || []);
    reply(m.req, JSON.parse(wasm_bindgen.describePolicy(JSON.stringify(policy))));
  },
  // Re-read the original File in slices through the redactor; hash the
  // original and the copy; check the copy as it is written.
  async safecopy(m) {
    let reportJson = decoder.decode(m.report);
    let rows = findings.get(m.id) || [];
    let before = null;
    const draft = JSON.stringify(composePolicy(m.policy, [], [], []));
    const recheck = wasm_bindgen.policyCheckOptions(draft, reportJson);
    const total = m.file.size * (recheck ? 2 : 1);
    let done = 0;
    const progress = (n) => { done += n; self.postMessage({ type: 'safeProgress', id: m.id, done, total }); };
    if (recheck) {
      // the policy's threshold differs from the check's: check the original again with it
      const c = new wasm_bindgen.WasmChecker(m.name, JSON.parse(recheck));
      try {
        await eachSlice(m.file, (bytes) => { c.push(bytes); progress(bytes.length); });
        before = reportJson = c.finish();
      } finally { c.free(); }
      rows = JSON.parse(reportJson).rows;
    }
    const report = JSON.parse(reportJson);
    if (report.errors.length) throw new Error('No safe copy was made: the file could not be read completely (' + report.errors[0].reason + ').');
    const policy = JSON.stringify(composePolicy(m.policy, m.removeKinds, m.removeRows, rows));
    const name = wasm_bindgen.safeName(m.name);
    const red = new wasm_bindgen.WasmRedactor(policy, reportJson);
    const hash = new wasm_bindgen.WasmHasher();
    const after = new wasm_bindgen.WasmChecker(name, report.settings);
    const parts = [];
    const keep = (out) => { if (out.length) { after.push(out); parts.push(out.buffer); } };
    try {
      await eachSlice(m.file, (bytes) => { hash.push(bytes); keep(red.push(bytes)); progress(bytes.length); });
      keep(red.finish());
      const value = {
        parts, name, size: red.size(), sha256: red.sha256(), original: hash.finish(),
        outcome: red.outcome(), policy, after: after.finish(), before,
      };
      self.postMessage({ type: 'reply', req: m.req, value }, parts);
    } finally {
      red.free(); hash.free(); after.free();
    }
  },
  async hash(m) {
    const h = new wasm_bindgen.WasmHasher();
    try {
      await eachSlice(m.file, (bytes) => h.push(bytes));
      reply(m.req, h.finish());
    } finally { h.free(); }
  },
  // files: [{report: bytes of the report JSON, sha256, safe: {name, size, sha256, after, policy, outcome} | null}]
  record(m) {
    const files = m.files.map((f) => '{"report":' + decoder.decode(f.report) + ',"sha256":' + JSON.stringify(f.sha256) +
      (f.safe ? ',"safe_copy":{"name":' + JSON.stringify(f.safe.name) + ',"bytes":' + f.safe.size + ',"sha256":' +
        JSON.stringify(f.safe.sha256) + ',"after":' + f.safe.after + ',"policy":' + f.safe.policy + ',"outcome":' + f.safe.outcome + '}' : '') + '}');
    const input = '{"created":' + JSON.stringify(m.meta.created) + ',"reference":' + JSON.stringify(m.meta.reference) +
      ',"note":' + JSON.stringify(m.meta.note) + ',"values":' + (m.meta.values ? 'true' : 'false') + ',"files":[' + files.join(',') + ']}';
    const value = encoder.encode(wasm_bindgen.makeRecord(input, m.format)).buffer;
    self.postMessage({ type: 'reply', req: m.req, value }, [value]);
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
    checkers.delete(m.id);
    findings.delete(m.id);
    if (c) c.free();
  },
};

// The policy the page edits, with its row decisions: every flagged row of
// the kinds chosen, and the rows named one by one, are emptied.
function composePolicy(policy, removeKinds, removeRows, rows) {
  const remove = new Set(removeRows || []);
  const kinds = new Set(removeKinds || []);
  if (kinds.size) for (const r of rows) if (kinds.has(r.kind)) remove.add(r.row);
  return Object.assign({}, policy, { rows: [...remove].sort((a, b) => a - b).map((row) => ({ row, action: 'remove' })) });
}

async function eachSlice(file, fn) {
  for (let at = 0; at < file.size; at += CHUNK) {
    let buf;
    try {
      buf = await file.slice(at, Math.min(at + CHUNK, file.size)).arrayBuffer();
    } catch (e) {
      throw new Error('The browser could not read the file again (' + (e.message || e) + '). Has it been moved or deleted?');
    }
    fn(new Uint8Array(buf));
  }
}

function reply(req, value) {
  self.postMessage({ type: 'reply', req, value });
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
