// app.js: the page. DOM only: files are read in slices and sent to one Web
// Worker (worker.js + the wasm core), which checks them and keeps their rows;
// this script draws what it reports. Every piece of text that comes from a
// file (cells, headers, file names, reasons) is set with textContent.
'use strict';
(function () {
  const CHUNK = 8 * 1024 * 1024;          // bytes per File.slice
  const KEEP_ROWS = 512 * 1024 * 1024;     // cell text the worker keeps per file for the table
  const MAX_SCROLL = 4000000;              // px of scrolling for the whole table, however long
  // Each kind of finding: its tag, colour, mark (a symbol as well as the
  // colour), what a flagged row does (one row, several rows) and why it matters.
  // `words` is the report's settingsText ({k, counts}) for the kinds that depend on them.
  const KIND = {
    staff: { tag: 'Staff', cls: 'tag-red', mark: '\u26A0\uFE0E', does: ['identifies a member of staff', 'identify a member of staff'],
      explain: () => 'Names, numbers or other details that point to an officer or member of staff.' },
    staff_senior: { tag: 'Senior staff', cls: 'tag-purple', mark: '\u26A0\uFE0E', does: ['identifies a senior member of staff', 'identify a senior member of staff'],
      explain: () => 'Chief officers, directors and senior civil servants: often published on purpose, but check.' },
    person: { tag: 'Public', cls: 'tag-orange', mark: '\u26A0\uFE0E', does: ['identifies a member of the public', 'identify a member of the public'],
      explain: () => 'Details of a victim, witness, complainant or other member of the public.' },
    quasi_identifier: { tag: 'Rare combination', cls: 'tag-yellow', mark: '\u25C6\uFE0E', does: ['singles someone out by a rare combination of details', 'single someone out by a rare combination of details'],
      explain: (w) => 'No name is given, but the combination of details in the row (such as rank, unit and station) is shared by fewer than ' +
        w.k + ' rows, so anyone who knows those facts about a person can tell which row is theirs.' },
    small_count: { tag: 'Small number', cls: 'tag-turquoise', mark: '#', does: ['has a number of people small enough to identify them', 'have a number of people small enough to identify them'],
      explain: (w) => 'A count of people ' + w.counts + ' can let someone work out who they are. Suppress it (for example write *) or merge it with a neighbouring category.' },
  };
  const DEFAULT_WORDS = { k: 3, counts: 'from 1 to 4' };
  const KIND_ORDER = ['staff', 'staff_senior', 'person', 'quasi_identifier', 'small_count'];

  const $ = (id) => document.getElementById(id);
  // Text from a file is shown as it is, except characters that would change how
  // the rest of it reads: bidi controls (a right-to-left override can make
  // "exe.csv" read "vsc.exe", or turn a sentence around it backwards), invisible
  // ones (a zero-width space inside a name) and control characters appear as
  // [U+202E]. ZWNJ and ZWJ stay: Persian, Indic scripts and emoji need them.
  const HIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
  const visible = (s) => String(s).replace(HIDDEN, (c) => '[U+' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0') + ']');
  function el(tag, props, children) {
    const e = document.createElement(tag);
    if (props) {
      for (const k of Object.keys(props)) {
        if (k === 'text') e.textContent = visible(props[k]);
        else if (k === 'class') e.className = props[k];
        else if (k.startsWith('aria-') || k === 'role') e.setAttribute(k, props[k]);
        else e[k] = props[k];
      }
    }
    for (const c of children || []) if (c) e.append(c);
    return e;
  }
  const fmtInt = (n) => Number(n).toLocaleString('en-GB');
  function fmtBytes(n) {
    if (n < 1024) return fmtInt(n) + ' bytes';
    if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KB';
    return (n / 1024 / 1024).toFixed(1) + ' MB';
  }
  const plural = (n, one, many) => fmtInt(n) + ' ' + (n === 1 ? one : many);

  // ---- the worker -------------------------------------------------------
  const workerUrl = URL.createObjectURL(
    new Blob([$('worker-source').textContent], { type: 'text/javascript' }));
  const wasmBase64 = $('wasm-base64').textContent.trim();
  let worker = null;
  let workerReady = null;
  let workerBroken = null;
  let reqSeq = 0;
  const replies = new Map();

  function ensureWorker() {
    if (workerBroken) return Promise.reject(new Error(workerBroken));
    if (workerReady) return workerReady;
    const w = new Worker(workerUrl);
    worker = w;
    workerReady = new Promise((resolve, reject) => {
      w.onmessage = (e) => {
        const m = e.data;
        if (m.type === 'ready') resolve();
        else if (m.type === 'crashed' && m.id === undefined) {
          workerBroken = 'The checker could not start in this browser: ' + m.message;
          reject(new Error(workerBroken));
        }
        onWorkerMessage(w, m);
      };
      w.onerror = (e) => {
        e.preventDefault();
        crashed(w, (e && e.message) || 'the checker stopped');
        reject(new Error('The checker stopped: ' + ((e && e.message) || 'unknown error')));
      };
      w.onmessageerror = () => crashed(w, 'a message could not be read');
    });
    w.postMessage({ type: 'init', wasm: wasmBase64 });
    return workerReady;
  }

  function request(msg) {
    return ensureWorker().then(() => new Promise((resolve, reject) => {
      const req = ++reqSeq;
      replies.set(req, { resolve, reject });
      worker.postMessage(Object.assign({ req }, msg));
    }));
  }

  // A trap in the wasm (a Rust panic aborts), an out-of-memory or any
  // uncaught error: this worker is finished. The file being checked is
  // reported as not checked; a fresh worker takes the next one.
  function crashed(w, message) {
    if (w !== worker) return;
    w.terminate();
    worker = null;
    workerReady = null;
    for (const r of replies.values()) r.reject(new Error('The checker stopped: ' + message));
    replies.clear();
    for (const f of files) {
      if (f.waiter) { const waiter = f.waiter; f.waiter = null; waiter.reject(new Error(message)); }
      if (f.status === 'done' && f.viewLength > 0) f.viewLost = true;
    }
    if (table.entry && table.entry.viewLost) showTable(table.entry);
  }

  function onWorkerMessage(w, m) {
    if (w !== worker) return;
    if (m.type === 'crashed') { crashed(w, m.message); return; }
    if (m.type === 'reply') {
      const r = replies.get(m.req);
      replies.delete(m.req);
      if (r) { if (m.error !== undefined) r.reject(new Error(m.error)); else r.resolve(m.value); }
      return;
    }
    const f = files.find((x) => x.id === m.id);
    if (!f) return;
    if (m.type === 'readError') { f.readError = f.readError || m.message; return; }
    if (f.waiter && f.waiter.type === m.type) {
      const waiter = f.waiter;
      f.waiter = null;
      waiter.resolve(m);
    }
  }

  function waitFor(f, type) {
    return new Promise((resolve, reject) => { f.waiter = { type, resolve, reject }; });
  }

  // ---- files ------------------------------------------------------------
  const files = [];
  let nextId = 1;
  let running = false;

  function addFiles(list) {
    const added = Array.from(list || []);
    if (!added.length) return;
    for (const file of added) {
      const f = {
        id: nextId++, file, name: file.name || 'unnamed file', size: file.size,
        status: 'waiting', bytesDone: 0, rows: 0, readError: null, report: null, jsonBytes: null, flagged: null,
        failure: null, viewLength: 0, viewTruncated: false, viewLost: false, waiter: null,
      };
      files.push(f);
      f.ui = makeCard(f);
      $('file-list').append(f.ui.card);
      renderCard(f);
    }
    $('files-section').hidden = false;
    announce(plural(added.length, 'file', 'files') + ' added. Checking.');
    run();
  }

  async function run() {
    if (running) return;
    running = true;
    try {
      for (;;) {
        const f = files.find((x) => x.status === 'waiting');
        if (!f) break;
        await checkFile(f);
        if (f.requeue) { requeue(f); continue; }
        renderCard(f);
        renderErrors();
        renderTableChoices();
        announce(statusSentence(f));
      }
    } finally {
      running = false;
    }
  }

  function readSlice(f, start) {
    return f.file.slice(start, Math.min(start + CHUNK, f.size)).arrayBuffer();
  }

  async function checkFile(f) {
    f.status = 'checking';
    renderCard(f);
    try {
      await ensureWorker();
      const w = worker;
      w.postMessage({ type: 'start', id: f.id, name: f.name, keep: KEEP_ROWS, options: settings.options });
      let offset = 0;
      let seq = 0;
      let ahead = f.size > 0 ? readSlice(f, 0) : null;
      while (offset < f.size && !f.cancelled && !f.readError) {
        let buf;
        try {
          buf = await ahead;
        } catch (e) {
          throw new Error('The browser could not read the file (' + (e.message || e) + '). Has it been moved or deleted?');
        }
        if (f.cancelled) break;
        const end = offset + buf.byteLength;
        ahead = end < f.size ? readSlice(f, end) : null;
        const ack = waitFor(f, 'progress');
        w.postMessage({ type: 'chunk', id: f.id, seq: seq++, bytes: buf }, [buf]);
        const p = await ack;
        offset = end;
        f.bytesDone = end;
        f.rows = p.rows;
        scheduleProgress(f);
        if (buf.byteLength === 0) break;
      }
      if (f.cancelled) {
        w.postMessage({ type: 'close', id: f.id });
        f.status = 'cancelled';
        return;
      }
      const done = waitFor(f, 'report');
      w.postMessage({ type: 'finish', id: f.id });
      const r = await done;
      if (r.failed) throw new Error(f.readError || r.failed);
      f.jsonBytes = r.bytes;
      f.report = r.report;
      f.flagged = r.flagged;
      f.viewLength = r.viewLength;
      f.viewTruncated = r.viewTruncated;
      f.rows = f.report.rows_checked;
      f.status = 'done';
    } catch (e) {
      f.status = 'failed';
      f.failure = String(e.message || e);
    }
  }

  function cancelFile(f) {
    if (f.status === 'waiting') { f.status = 'cancelled'; renderCard(f); announce(statusSentence(f)); }
    else if (f.status === 'checking') f.cancelled = true;
  }

  function clearAll() {
    for (const f of files) {
      if (f.status === 'checking') f.cancelled = true;
      else if (f.status === 'waiting') f.status = 'cancelled';
      if (worker && f.status === 'done') worker.postMessage({ type: 'close', id: f.id });
    }
    files.length = 0;
    $('file-list').replaceChildren();
    $('files-section').hidden = true;
    hideTable();
    renderErrors();
    announce('All files cleared.');
  }

  // ---- settings (rare combinations, small numbers) ----------------------
  // The options go to the worker as a plain object with the serde names of
  // src/options.rs; the report says which were used (report.settings).
  const DEFAULT_OPTIONS = { k: 3, small_count: 5, count_zeros: false, preset: null, qi_columns: [], not_qi_columns: [] };
  const settings = { options: Object.assign({}, DEFAULT_OPTIONS), errors: [] };
  const MAX_SETTING = 1000000;

  function fillSettings(o) {
    $('set-k').value = String(o.k);
    $('set-small').value = String(o.small_count);
    $('set-preset').value = o.preset || '';
    $('set-zeros').checked = !!o.count_zeros;
    $('set-qi').value = o.qi_columns.join(', ');
    $('set-not-qi').value = o.not_qi_columns.join(', ');
  }

  const headers = (text) => text.split(',').map((h) => h.trim()).filter((h) => h);

  // A whole number from min to MAX_SETTING, or a GOV.UK error message.
  function wholeNumber(id, what, min, errors) {
    const text = $(id).value.trim();
    let error = null;
    if (!text) error = 'Enter ' + what;
    else if (!/^\d+$/.test(text)) error = capitalise(what) + ' must be a whole number, like ' + (min + 1);
    else if (Number(text) < min) error = capitalise(what) + ' must be ' + min + ' or more';
    else if (Number(text) > MAX_SETTING) error = capitalise(what) + ' must be ' + fmtInt(MAX_SETTING) + ' or less';
    if (error) errors.push({ id, text: error });
    return error ? null : Number(text);
  }
  const capitalise = (t) => t.charAt(0).toUpperCase() + t.slice(1);

  function showFieldError(id, text) {
    const group = $(id + '-group');
    const msg = $(id + '-error');
    group.classList.toggle('form-group-error', !!text);
    $(id).classList.toggle('input-error', !!text);
    msg.hidden = !text;
    msg.replaceChildren(...(text ? [el('span', { class: 'visually-hidden', text: 'Error: ' }), document.createTextNode(text)] : []));
    $(id).setAttribute('aria-describedby', id + '-hint' + (text ? ' ' + id + '-error' : ''));
  }

  function applySettings() {
    const errors = [];
    const k = wholeNumber('set-k', 'the smallest group (k)', 2, errors);
    const t = wholeNumber('set-small', 'the smallest number of people (t)', 1, errors);
    settings.errors = errors;
    for (const id of ['set-k', 'set-small']) showFieldError(id, (errors.find((e) => e.id === id) || {}).text);
    renderErrors();
    if (errors.length) {
      $('error-summary').focus();
      return;
    }
    settings.options = {
      k, small_count: t, count_zeros: $('set-zeros').checked, preset: $('set-preset').value || null,
      qi_columns: headers($('set-qi').value), not_qi_columns: headers($('set-not-qi').value),
    };
    renderSettingsNow();
    const n = files.length;
    recheckAll();
    announce('Settings applied.' + (n ? ' Checking ' + plural(n, 'file', 'files') + ' again.' : ''));
  }

  function renderSettingsNow() {
    const o = settings.options;
    request({ type: 'describe', options: o }).then((words) => {
      if (settings.options === o) $('settings-now').textContent = settingsSentence(o, words);
    }, () => { $('settings-now').textContent = 'k = ' + o.k; });
  }

  // "k = 3; preset "<5"; also combining: Team; never combining: Notes"
  function settingsSentence(o, words) {
    let text = words ? words.summary : 'k = ' + o.k;
    if (o.qi_columns && o.qi_columns.length) text += '; also combining the columns ' + o.qi_columns.join(', ');
    if (o.not_qi_columns && o.not_qi_columns.length) text += '; never combining the columns ' + o.not_qi_columns.join(', ');
    return text;
  }

  // Check every file again with the settings now in force, from its File object.
  function recheckAll() {
    for (const f of files) {
      if (f.status === 'checking') { f.cancelled = true; f.requeue = true; } else requeue(f);
    }
    hideTable();
    run();
  }

  function requeue(f) {
    if (worker && f.status === 'done') worker.postMessage({ type: 'close', id: f.id });
    Object.assign(f, {
      status: 'waiting', bytesDone: 0, rows: 0, readError: null, report: null, jsonBytes: null, flagged: null,
      failure: null, viewLength: 0, viewTruncated: false, viewLost: false, cancelled: false, requeue: false,
    });
    renderCard(f);
  }

  // ---- file cards -------------------------------------------------------
  function makeCard(f) {
    const card = el('li', { class: 'file-card', id: 'file-' + f.id, tabIndex: -1 });
    const tag = el('strong', { class: 'tag' });
    const name = el('h3', { class: 'file-name', text: f.name });
    const progress = el('progress', { max: Math.max(f.size, 1), value: 0, 'aria-label': 'Progress checking ' + f.name });
    const progressText = el('span', { class: 'progress-text' });
    const cancel = el('button', { type: 'button', class: 'button button-warning button-small' },
      [document.createTextNode('Cancel'), el('span', { class: 'visually-hidden', text: ' checking ' + f.name })]);
    cancel.addEventListener('click', () => cancelFile(f));
    const progressLine = el('div', { class: 'progress-line' }, [progress, progressText, cancel]);
    const body = el('div', { class: 'file-body' });
    card.append(el('div', { class: 'file-card-head' }, [name, tag]), progressLine, body);
    return { card, tag, progress, progressText, progressLine, body, cancel };
  }

  const progressDue = new Set();
  let progressFrame = 0;
  function scheduleProgress(f) {
    progressDue.add(f);
    if (!progressFrame) {
      progressFrame = requestAnimationFrame(() => {
        progressFrame = 0;
        for (const x of progressDue) renderProgress(x);
        progressDue.clear();
      });
    }
  }

  function renderProgress(f) {
    const u = f.ui;
    u.progress.value = f.bytesDone;
    u.progressText.textContent = fmtBytes(f.bytesDone) + ' of ' + fmtBytes(f.size) + ', ' + plural(f.rows, 'row', 'rows') + ' so far';
  }

  const STATUS = {
    waiting: ['Waiting', 'tag-grey'],
    checking: ['Checking', 'tag-blue'],
    cancelled: ['Cancelled: NOT checked', 'tag-orange'],
    failed: ['Could not be checked', 'tag-red'],
  };

  function statusOf(f) {
    if (f.status !== 'done') return STATUS[f.status];
    const r = f.report;
    if (!r.complete) return ['NOT fully checked', 'tag-red'];
    if (r.summary.rows_flagged > 0) return [plural(r.summary.rows_flagged, 'row', 'rows') + ' flagged', 'tag-red'];
    return ['Nothing flagged', 'tag-green'];
  }

  function statusSentence(f) {
    const s = statusOf(f)[0];
    if (f.status === 'done') return f.name + ': ' + plural(f.report.rows_checked, 'row', 'rows') + ' checked, ' + s + '.';
    return f.name + ': ' + s + '.';
  }

  function renderCard(f) {
    const u = f.ui;
    const [label, cls] = statusOf(f);
    u.tag.textContent = label;
    u.tag.className = 'tag ' + cls;
    u.progressLine.hidden = !(f.status === 'checking' || f.status === 'waiting');
    u.cancel.disabled = false;
    renderProgress(f);
    u.body.replaceChildren();
    if (f.status === 'failed') {
      u.body.append(el('p', { class: 'not-complete', text: 'This file was NOT checked. ' + f.failure }));
    }
    if (f.status === 'cancelled') {
      u.body.append(el('p', { class: 'not-complete', text: 'You cancelled this check. The file was NOT checked.' }));
    }
    if (f.status !== 'done') return;
    const r = f.report;
    if (!r.complete) {
      u.body.append(el('p', { class: 'not-complete',
        text: 'NOT fully checked: the file could not be read to the end, so only the rows before the problem were checked. Do not rely on this check to publish it.' }));
    }
    const rows = [];
    const pair = (key, value) => rows.push(el('div', { class: 'summary-row' }, [
      el('dt', { class: 'summary-key', text: key }),
      el('dd', { class: 'summary-value' }, typeof value === 'string' ? [document.createTextNode(visible(value))] : [value]),
    ]));
    pair('Rows checked', fmtInt(r.rows_checked) + (r.complete ? ' (every row)' : ' (NOT every row)'));
    const kinds = KIND_ORDER.filter((k) => r.summary[k] > 0);
    if (kinds.length) {
      const words = r.settingsText || DEFAULT_WORDS;
      pair('Rows flagged', el('ul', { class: 'kind-list' }, kinds.map((k) => el('li', { class: 'kind-item' }, [
        el('strong', { class: 'tag ' + KIND[k].cls, text: KIND[k].mark + ' ' + KIND[k].tag }),
        document.createTextNode(' ' + plural(r.summary[k], 'row ' + KIND[k].does[0], 'rows ' + KIND[k].does[1])),
        el('span', { class: 'kind-explain', text: KIND[k].explain(words) }),
      ]))));
    } else {
      pair('Rows flagged', 'None');
    }
    const ident = (r.columns || []).filter((c) => c.identifying);
    pair('Columns that identify people', ident.length
      ? el('ul', null, ident.map((c) => el('li', { text: c.name + ' (' + c.class.replace(/_/g, ' ') + '): ' + c.evidence })))
      : 'None found');
    if (r.tables && r.tables.length) {
      pair('Tables found', el('ul', null, r.tables.map((t) => el('li', {
        text: 'header on row ' + fmtInt(t.header_row) + ', rows ' + fmtInt(t.first_row) + ' to ' + fmtInt(t.last_row),
      }))));
    }
    if (r.advice && r.advice.length) {
      const many = (r.tables || []).length > 1;
      pair('To make this file safe', el('ul', null, r.advice.map((a) => el('li', {
        text: (many && r.tables[a.table] ? 'Table with its header on row ' + fmtInt(r.tables[a.table].header_row) + ': ' : '') + a.text,
      }))));
    }
    pair('Checked with', settingsSentence(r.settings, r.settingsText));
    pair('Read as', (r.encoding || '') + ', separated by ' + delimiterName(r.delimiter) + ', ' + fmtBytes(r.bytes));
    if (r.errors.length) {
      pair('Problems', el('ul', null, r.errors.map((e) => el('li', { class: 'problem', text: problemText(e) }))));
    }
    if (r.warnings.length) {
      pair('Notes', el('ul', null, r.warnings.map((e) => el('li', { text: problemText(e) }))));
    }
    u.body.append(el('dl', { class: 'summary-list' }, rows));
    if (f.viewLength > 0) {
      const show = el('button', { type: 'button', class: 'button button-secondary' },
        [document.createTextNode('Show the rows'), el('span', { class: 'visually-hidden', text: ' of ' + f.name })]);
      show.addEventListener('click', () => showTable(f, true));
      u.body.append(show);
    }
  }

  function delimiterName(d) {
    return { ',': 'commas', ';': 'semicolons', '\\t': 'tabs', '|': 'vertical bars' }[d] || ('"' + d + '"');
  }

  function problemText(p) {
    const where = [];
    if (p.row != null) where.push('row ' + fmtInt(p.row));
    if (p.byte != null) where.push('byte ' + fmtInt(p.byte));
    return (where.length ? where.join(', ') + ': ' : '') + p.reason;
  }

  // ---- error summary (GOV.UK pattern) -----------------------------------
  function renderErrors() {
    const items = [];
    for (const e of settings.errors) {
      const a = el('a', { href: '#' + e.id, text: e.text });
      a.addEventListener('click', (ev) => { ev.preventDefault(); $('settings').open = true; $(e.id).focus(); });
      items.push(el('li', null, [a]));
    }
    for (const f of files) {
      const msgs = [];
      if (f.status === 'failed') msgs.push('could not be checked. ' + f.failure);
      if (f.status === 'done') for (const e of f.report.errors) msgs.push(problemText(e));
      for (const m of msgs) {
        const a = el('a', { href: '#file-' + f.id, text: f.name + ': ' + m });
        a.addEventListener('click', (e) => { e.preventDefault(); $('file-' + f.id).focus(); });
        items.push(el('li', null, [a]));
      }
    }
    $('error-list').replaceChildren(...items);
    $('error-summary').hidden = items.length === 0;
  }

  function announce(text) {
    $('status').textContent = visible(text);
  }

  // ---- download -----------------------------------------------------------
  async function download() {
    const done = files.filter((f) => f.status === 'done');
    if (!done.length) {
      announce('No file has been checked yet, so there are no findings to download.');
      return;
    }
    try {
      const bytes = await request({ type: 'findings', reports: done.map((f) => f.jsonBytes.slice(0)) });
      const blob = new Blob([bytes], { type: 'application/json' });
      const a = el('a', { href: URL.createObjectURL(blob), download: done.length === 1 ? done[0].name.replace(/\.[^.]*$/, '') + '.findings.json' : 'foi-check-findings.json' });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
      const skipped = files.length - done.length;
      announce('Findings downloaded for ' + plural(done.length, 'file', 'files') + (skipped ? '; ' + plural(skipped, 'file was', 'files were') + ' not checked and are not in it.' : '.'));
    } catch (e) {
      announce('The findings could not be saved: ' + (e.message || e));
    }
  }

  // ---- the table (virtualised) -----------------------------------------
  const table = {
    entry: null, findings: new Map(), flagged: new Uint32Array(0), hits: new Map(), byTable: [],
    headerRows: new Set(), list: null, search: null, needle: '', onlyFlagged: false,
    cache: new Map(), pending: new Set(), ncols: 1, trs: [], rowH: 36, current: -1, focusRow: -1,
  };
  const scroller = $('grid-scroll');

  function hideTable() {
    table.entry = null;
    $('table-section').hidden = true;
  }

  function renderTableChoices() {
    const sel = $('table-file-select');
    const choices = files.filter((f) => f.status === 'done' && f.viewLength > 0 && !f.viewLost);
    sel.replaceChildren(...choices.map((f) => el('option', { value: String(f.id), text: f.name, selected: f === table.entry })));
    $('table-file-control').hidden = choices.length < 2;
    if (!table.entry && choices.length) showTable(choices[0], false);
  }

  function columnIndexes(r) {
    // header text -> 0-based file column, per table
    return (r.tables || []).map((t) => {
      const m = new Map();
      t.header.forEach((h, j) => { if (!m.has(h)) m.set(h, t.first_column + j); });
      return m;
    });
  }

  async function showTable(f, scrollIntoView) {
    const sec = $('table-section');
    sec.hidden = false;
    table.entry = f;
    table.cache.clear();
    table.pending.clear();
    table.search = null;
    table.current = -1;
    $('search-input').value = '';
    $('table-file-name').textContent = visible(f.name);
    $('reason-panel').replaceChildren(el('p', { class: 'reason-empty', text: 'Point at, tab to or click a flagged row to see why it was flagged.' }));
    renderTableChoices();
    if (f.viewLost) {
      $('table-info').textContent = 'The rows of this file are no longer available because the checker had to restart. Its findings are kept; add the file again to see its rows.';
      setTableRows(0);
      return;
    }
    const r = f.report;
    // The flagged rows' findings come with their cells, for the rows on screen.
    table.findings = new Map();
    table.hits = new Map();
    table.headerRows = new Set((r.tables || []).map((t) => t.header_row));
    table.byTable = columnIndexes(r);
    table.ncols = Math.max(1, ...(r.tables || []).map((t) => t.first_column + t.header.length));
    table.flagged = f.flagged || new Uint32Array(0);
    updateList();
    if (scrollIntoView) $('table-heading').scrollIntoView();
  }

  function updateList() {
    const f = table.entry;
    if (!f) return;
    let list = null;
    if (table.onlyFlagged) list = table.flagged;
    if (table.search) list = list ? intersect(list, table.search) : table.search;
    table.list = list;
    const n = list ? list.length : f.viewLength;
    const parts = ['Showing ' + fmtInt(n) + ' of ' + plural(f.viewLength, 'row', 'rows')];
    if (table.search) parts.push('containing "' + table.needle + '"');
    if (table.onlyFlagged) parts.push('flagged only');
    let info = parts.join(', ') + '. ' + plural(f.report.summary.rows_flagged, 'row is', 'rows are') + ' flagged. Blank rows are not shown; the row numbers are those a spreadsheet shows.';
    if (f.viewTruncated) info += ' This file is too big to show every row here: the table stops part way through, but every row was checked.';
    $('table-info').textContent = info;
    $('grid-caption').textContent = visible('Rows of ' + f.name + '. ' + info);
    setTableRows(n);
  }

  function intersect(a, b) {
    const out = [];
    let i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
    }
    return Uint32Array.from(out);
  }

  // the 0-based file columns of a finding's reasons (reasons name columns by header)
  function hitColumns(x) {
    const cols = new Set();
    for (const reason of x.reasons) {
      const maps = x.table != null && table.byTable[x.table] ? [table.byTable[x.table]] : table.byTable;
      let c;
      for (const m of maps) if (c === undefined && m.has(reason.column)) c = m.get(reason.column);
      const n = /^column (\d+)$/i.exec(reason.column);
      if (c === undefined && n) c = Number(n[1]) - 1;
      if (c !== undefined) cols.add(c);
      // a combination names its columns joined: "Rank + Station"
      if (c === undefined && reason.column.includes(' + ')) {
        for (const part of reason.column.split(' + ')) {
          for (const m of maps) if (m.has(part)) { cols.add(m.get(part)); break; }
        }
      }
    }
    return cols;
  }

  function remember(k, row) {
    table.cache.set(k, row);
    if (row[2]) {
      table.findings.set(row[0], row[2]);
      table.hits.set(row[0], hitColumns(row[2]));
    }
  }

  function colName(c) {
    let s = '';
    c += 1;
    while (c > 0) { const m = (c - 1) % 26; s = String.fromCharCode(65 + m) + s; c = Math.floor((c - 1) / 26); }
    return s;
  }

  function buildHead() {
    const tr = el('tr', null, [el('th', { class: 'rownum', scope: 'col', text: 'Row' }), el('th', { class: 'flagcell', scope: 'col', text: 'Flag' })]);
    for (let c = 0; c < table.ncols; c++) tr.append(el('th', { scope: 'col', text: colName(c) }));
    $('grid-head').replaceChildren(tr);
  }

  let total = 0;
  function setTableRows(n) {
    total = n;
    buildHead();
    table.trs = [];
    $('grid-body').replaceChildren();
    scroller.scrollTop = 0;
    layout();
  }

  function rowsFit() {
    return Math.max(1, Math.floor(scroller.clientHeight / table.rowH) - 2);
  }

  function layout() {
    const fit = Math.min(rowsFit(), total);
    const range = total > fit ? Math.min((total - fit) * table.rowH, MAX_SCROLL) : 0;
    $('grid-spacer').style.height = Math.max(0, range + scroller.clientHeight - (fit + 1) * table.rowH) + 'px';
    const body = $('grid-body');
    while (table.trs.length < fit) {
      const tr = el('tr');
      table.trs.push(tr);
      body.append(tr);
    }
    while (table.trs.length > fit) table.trs.pop().remove();
    draw();
  }

  function firstVisible() {
    const fit = table.trs.length;
    const max = scroller.scrollHeight - scroller.clientHeight;
    if (total <= fit || max <= 0) return 0;
    return Math.min(total - fit, Math.round(scroller.scrollTop / max * (total - fit)));
  }

  const storeIndex = (pos) => (table.list ? table.list[pos] : pos);

  function draw() {
    const f = table.entry;
    if (!f) return;
    const first = firstVisible();
    const missing = [];
    table.trs.forEach((tr, i) => {
      const pos = first + i;
      const k = storeIndex(pos);
      const row = table.cache.get(k);
      if (row === undefined && !table.pending.has(k)) missing.push(k);
      drawRow(tr, pos, row);
    });
    if (missing.length) {
      // read the window around the visible rows too, so scrolling a little needs no round trip
      const fit = table.trs.length;
      const want = [];
      for (let p = Math.max(0, first - fit); p < Math.min(total, first + 2 * fit); p++) {
        const k = storeIndex(p);
        if (!table.cache.has(k) && !table.pending.has(k)) want.push(k);
      }
      want.forEach((k) => table.pending.add(k));
      request({ type: 'rows', id: f.id, indexes: want }).then((rows) => {
        if (table.entry !== f) return;
        if (table.cache.size > 20000) { table.cache.clear(); table.findings.clear(); table.hits.clear(); }
        want.forEach((k, i) => { table.pending.delete(k); if (rows[i]) remember(k, rows[i]); });
        let wider = false;
        for (const [, cells] of rows) for (const [c] of cells) if (c + 1 > table.ncols) { table.ncols = c + 1; wider = true; }
        if (wider) buildHead();
        draw();
      }, () => want.forEach((k) => table.pending.delete(k)));
    }
  }

  function drawRow(tr, pos, row) {
    const ncells = table.ncols + 2;
    while (tr.children.length < ncells) tr.append(el(tr.children.length === 0 ? 'th' : 'td', tr.children.length === 0 ? { scope: 'row', class: 'rownum' } : null));
    while (tr.children.length > ncells) tr.lastChild.remove();
    const tds = tr.children;
    if (!row) {
      tr.className = '';
      tr.removeAttribute('title');
      tds[0].textContent = pos < total ? '\u2026' : '';
      for (let i = 1; i < ncells; i++) { tds[i].textContent = ''; tds[i].className = ''; tds[i].removeAttribute('title'); }
      tr.dataset.row = '';
      return;
    }
    const [rowNo, cells] = row;
    const finding = table.findings.get(rowNo);
    const hits = table.hits.get(rowNo);
    tr.dataset.row = String(rowNo);
    tr.setAttribute('aria-rowindex', String(pos + 2));
    tr.className = (finding ? 'flagged kind-' + finding.kind : '') + (table.headerRows.has(rowNo) ? ' header-row' : '') + (rowNo === table.current ? ' current' : '');
    if (finding) tr.title = visible(reasonText(finding)); else tr.removeAttribute('title');
    tds[0].textContent = fmtInt(rowNo);
    const flagCell = tds[1];
    flagCell.className = 'flagcell';
    if (finding) {
      const b = el('button', { type: 'button', class: 'row-flag', text: KIND[finding.kind].mark + ' ' + KIND[finding.kind].tag });
      b.setAttribute('aria-label', 'Row ' + fmtInt(rowNo) + ': ' + KIND[finding.kind].tag.toLowerCase() + '. Show why');
      b.dataset.row = String(rowNo);
      flagCell.replaceChildren(b);
      if (table.focusRow === rowNo) { table.focusRow = -1; b.focus({ preventScroll: true }); }
    } else {
      flagCell.replaceChildren();
    }
    let ci = 0;
    const needle = table.search ? table.needle.toLowerCase() : '';
    for (let c = 0; c < table.ncols; c++) {
      const td = tds[c + 2];
      let text = '';
      if (ci < cells.length && cells[ci][0] === c) { text = cells[ci][1]; ci++; }
      td.textContent = visible(text);
      const hit = hits && hits.has(c);
      td.className = (hit ? 'hit' : '') + (needle && text.toLowerCase().includes(needle) ? ' search-hit' : '');
      if (text.length > 20 || hit) td.title = (hit ? 'Flagged cell: ' : '') + visible(text); else td.removeAttribute('title');
    }
  }

  function reasonText(finding) {
    return 'Row ' + fmtInt(finding.row) + ' ' + KIND[finding.kind].does[0] + ': ' +
      finding.reasons.map((r) => r.why).join('; ');
  }

  function showReason(rowNo, pin) {
    const finding = table.findings.get(rowNo);
    if (!finding) return;
    if (pin) { table.current = rowNo; draw(); }
    const panel = $('reason-panel');
    panel.replaceChildren(
      el('p', null, [el('strong', { text: 'Row ' + fmtInt(rowNo) + ' ' }),
        el('strong', { class: 'tag ' + KIND[finding.kind].cls, text: KIND[finding.kind].mark + ' ' + KIND[finding.kind].tag }),
        document.createTextNode(' ' + KIND[finding.kind].does[0] + '.')]),
      el('ul', null, finding.reasons.map((r) => el('li', { text: r.why + ' (column "' + r.column + '": "' + r.text + '")' }))));
  }

  // n / p: the next or previous flagged row after the current one
  function step(dir) {
    const f = table.entry;
    if (!f || !table.flagged.length) { announce('No flagged rows in this file.'); return; }
    const fit = table.trs.length;
    const from = table.current >= 0 ? indexOfRow(table.current) : storeIndex(firstVisible() + (dir > 0 ? -1 : fit));
    const cand = table.list ? table.list : null;
    let i = dir > 0 ? upperBound(table.flagged, from) : lowerBound(table.flagged, from) - 1;
    for (; i >= 0 && i < table.flagged.length; i += dir) {
      const k = table.flagged[i];
      const pos = cand ? lowerBound(cand, k) : k;
      if (cand && cand[pos] !== k) continue;
      goTo(pos, k);
      return;
    }
    announce(dir > 0 ? 'No more flagged rows below.' : 'No more flagged rows above.');
  }

  function indexOfRow(rowNo) {
    for (const [k, row] of table.cache) if (row[0] === rowNo) return k;
    return -1;
  }

  function goTo(pos, k) {
    const fit = table.trs.length;
    const first = Math.max(0, Math.min(pos - 2, total - fit));
    const max = scroller.scrollHeight - scroller.clientHeight;
    scroller.scrollTop = total > fit ? Math.ceil(first / (total - fit) * max) : 0;
    const row = table.cache.get(k);
    const afterLoad = (rowNo) => { table.current = rowNo; table.focusRow = rowNo; showReason(rowNo, true); };
    if (row) afterLoad(row[0]);
    else request({ type: 'rows', id: table.entry.id, indexes: [k] }).then((rows) => { if (rows[0]) { remember(k, rows[0]); afterLoad(rows[0][0]); } });
  }

  function lowerBound(a, x) { let lo = 0, hi = a.length; while (lo < hi) { const m = (lo + hi) >> 1; if (a[m] < x) lo = m + 1; else hi = m; } return lo; }
  function upperBound(a, x) { let lo = 0, hi = a.length; while (lo < hi) { const m = (lo + hi) >> 1; if (a[m] <= x) lo = m + 1; else hi = m; } return lo; }

  let searchTimer = 0;
  function onSearch() {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(async () => {
      const f = table.entry;
      const needle = $('search-input').value.trim();
      if (!f) return;
      if (!needle) { table.search = null; table.needle = ''; updateList(); return; }
      try {
        const hits = await request({ type: 'search', id: f.id, needle });
        if (table.entry !== f || $('search-input').value.trim() !== needle) return;
        table.search = hits;
        table.needle = needle;
        updateList();
        announce(plural(hits.length, 'row contains', 'rows contain') + ' "' + needle + '".');
      } catch (e) {
        announce('Search failed: ' + (e.message || e));
      }
    }, 250);
  }

  // ---- wiring -----------------------------------------------------------
  function decodeBase64(text) {
    const bin = atob(text.trim());
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }

  $('file-input').addEventListener('change', (e) => { addFiles(e.target.files); e.target.value = ''; });
  $('sample-button').addEventListener('click', () => {
    addFiles([new File([decodeBase64($('sample-csv').textContent)], 'sample-complaints.csv', { type: 'text/csv' })]);
  });
  $('download-button').addEventListener('click', download);
  $('settings-apply').addEventListener('click', applySettings);
  $('settings-reset').addEventListener('click', () => { fillSettings(DEFAULT_OPTIONS); applySettings(); });
  for (const id of ['set-k', 'set-small', 'set-qi', 'set-not-qi']) {
    $(id).addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); applySettings(); } });
  }
  fillSettings(settings.options);
  $('clear-button').addEventListener('click', clearAll);
  const zone = $('drop-zone');
  // Any drop on the page adds files (and never lets the browser open the file instead).
  document.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('dragover'); });
  document.addEventListener('dragleave', (e) => { if (!e.relatedTarget) zone.classList.remove('dragover'); });
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dragover');
    if (e.dataTransfer) addFiles(e.dataTransfer.files);
  });

  let scrollFrame = 0;
  scroller.addEventListener('scroll', () => {
    if (!scrollFrame) scrollFrame = requestAnimationFrame(() => { scrollFrame = 0; draw(); });
  }, { passive: true });
  window.addEventListener('resize', () => { if (table.entry) layout(); });
  const body = $('grid-body');
  body.addEventListener('mouseover', (e) => {
    const tr = e.target.closest('tr');
    if (tr && tr.dataset.row) showReason(Number(tr.dataset.row), false);
  });
  body.addEventListener('focusin', (e) => { if (e.target.dataset.row) showReason(Number(e.target.dataset.row), false); });
  body.addEventListener('click', (e) => {
    const tr = e.target.closest('tr');
    if (tr && tr.dataset.row) showReason(Number(tr.dataset.row), true);
  });
  $('only-flagged').addEventListener('change', (e) => { table.onlyFlagged = e.target.checked; updateList(); });
  $('search-input').addEventListener('input', onSearch);
  $('next-button').addEventListener('click', () => step(1));
  $('prev-button').addEventListener('click', () => step(-1));
  $('table-file-select').addEventListener('change', (e) => {
    const f = files.find((x) => String(x.id) === e.target.value);
    if (f) showTable(f, false);
  });
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || !table.entry || $('table-section').hidden) return;
    const t = e.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA')) return;
    if (e.key === 'n') { e.preventDefault(); step(1); } else if (e.key === 'p') { e.preventDefault(); step(-1); }
  });

  // Start the checker now, so the first file does not wait for it.
  renderSettingsNow();
  ensureWorker().catch((e) => {
    $('error-list').replaceChildren(el('li', { text: String(e.message || e) }));
    $('error-summary').hidden = false;
  });
})();
