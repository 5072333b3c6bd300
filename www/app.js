// app.js: the page. DOM only: files are read in slices and sent to one Web
// Worker (worker.js + the wasm core), which checks them and keeps their rows;
// this script draws what it reports. Every piece of text that comes from a
// file (cells, headers, file names, reasons) is set with textContent.
'use strict';
(function () {
  const CHUNK = 8 * 1024 * 1024;          // bytes per File.slice
  // Columns drawn at once: a file of thousands of columns (a pivot by day)
  // is shown a window of columns at a time, or drawing its rows would
  // freeze the page (20,000 columns took 25 s on the main thread).
  const COLS_SHOWN = 100;
  // Columns listed one by one in the safe copy step (a wider file lists
  // those that identify people or are to change, and the others by page).
  const COLS_LISTED = 200;
  const KEEP_ROWS = 256 * 1024 * 1024;     // memory the worker keeps per file for the table: 16 bytes a row
  const MAX_SCROLL = 4000000;              // px of scrolling for the whole table, however long
  // Each kind of finding: its tag, colour, mark (a symbol as well as the
  // colour), what a flagged row does (one row, several rows) and why it matters.
  // `words` is the report's settingsText ({k, counts}) for the kinds that depend on them.
  // A column class in words: its JSON name, with the acronyms a clerk reads.
  const CLASS_WORDS = { ni_number: 'NI number', nhs_number: 'NHS number', ip_address: 'IP address' };
  const classWords = (k) => CLASS_WORDS[k] || String(k).replace(/_/g, ' ');
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
  // One formatter for every number: toLocaleString makes one a call (~20 µs),
  // which a summary of 20,000 tables paid 80,000 times.
  const NUMBERS = new Intl.NumberFormat('en-GB');
  const fmtInt = (n) => NUMBERS.format(Number(n));
  function fmtBytes(n) {
    if (n < 1024) return fmtInt(n) + ' bytes';
    if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KB';
    return (n / 1024 / 1024).toFixed(1) + ' MB';
  }
  const plural = (n, one, many) => fmtInt(n) + ' ' + (n === 1 ? one : many);
  // A list of the first LIST_SHOWN items, and a button for the rest: a file
  // of 20,000 small tables has as many tables and pieces of advice, and
  // drawing them all at once froze the page (the findings download has
  // them all).
  const LIST_SHOWN = 20;
  function listUpTo(items, what, item) {
    const ul = el('ul', null, items.slice(0, LIST_SHOWN).map(item));
    if (items.length > LIST_SHOWN) {
      const more = el('button', { type: 'button', class: 'button button-secondary button-small',
        text: 'Show all ' + fmtInt(items.length) + ' ' + what });
      more.addEventListener('click', () => {
        ul.replaceChildren(...items.map(item));
        ul.setAttribute('tabindex', '-1');
        ul.focus();
      });
      ul.append(el('li', null, [document.createTextNode('and ' + fmtInt(items.length - LIST_SHOWN) + ' more. '), more]));
    }
    return ul;
  }

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
  // reported as not checked; a fresh worker takes the next one. The reports
  // of the files checked before lived in the dead worker's memory, so those
  // files are checked again (from their File objects) by the new one.
  function crashed(w, message) {
    if (w !== worker) return;
    w.terminate();
    rosterLost();
    worker = null;
    workerReady = null;
    for (const r of replies.values()) r.reject(new Error('The checker stopped: ' + message));
    replies.clear();
    const again = [];
    for (const f of files) {
      for (const waiter of f.waiters.splice(0)) waiter.reject(new Error(message));
      if (f.status === 'done') again.push(f);
    }
    if (!again.length) return;
    if (again.includes(table.entry)) hideTable();
    for (const f of again) requeue(f);
    renderErrors();
    renderTableChoices();
    announce('The checker had to restart. ' + plural(again.length, 'file checked before is', 'files checked before are') + ' being checked again.');
    run();
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
    if (m.type === 'safeProgress') { safeProgress(f, m); return; }
    if (m.type === 'readError') { f.readError = f.readError || m.message; return; }
    const k = f.waiters.findIndex((x) => x.type === m.type && (x.seq === undefined || x.seq === m.seq));
    if (k >= 0) f.waiters.splice(k, 1)[0].resolve(m);
  }

  // The worker's next message of `type` for file f (for 'progress': the one
  // acknowledging chunk `seq`).
  function waitFor(f, type, seq) {
    return new Promise((resolve, reject) => { f.waiters.push({ type, seq, resolve, reject }); });
  }

  // ---- files ------------------------------------------------------------
  const files = [];
  let nextId = 1;
  let running = false;

  function newEntry(file, name, more) {
    return Object.assign({
      id: nextId++, file, name, size: file.size,
      status: 'waiting', bytesDone: 0, rows: 0, readError: null, report: null, flagged: null, timing: null,
      failure: null, viewLength: 0, viewTruncated: false, waiters: [], warnings: [], sheet: false,
    }, more || {});
  }

  function addFiles(list) {
    const added = Array.from(list || []);
    if (!added.length) return;
    for (const file of added) {
      const f = newEntry(file, file.name || 'unnamed file');
      files.push(f);
      f.ui = makeCard(f);
      $('file-list').append(f.ui.card);
      renderCard(f);
    }
    $('files-section').hidden = false;
    announce(plural(added.length, 'file', 'files') + ' added. Checking.');
    run();
  }

  // Whether f may be an Excel workbook: it starts as a ZIP archive does.
  async function startsAsZip(f) {
    if (f.sheet || f.size < 4) return false;
    const head = new Uint8Array(await f.file.slice(0, 4).arrayBuffer());
    return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  }

  // A workbook's card gives way to one card per sheet (hidden ones too),
  // each checked as a CSV file of its own, in the workbook's place.
  function replaceBySheets(f, sheets) {
    const entries = sheets.map((s) => newEntry(s.file, s.name, { warnings: s.warnings, sheet: true, sheetState: s.state, workbookSha256: s.sha256 }));
    files.splice(files.indexOf(f), 1, ...entries);
    for (const e of entries) {
      e.ui = makeCard(e);
      f.ui.card.before(e.ui.card);
      renderCard(e);
    }
    f.ui.card.remove();
    f.replaced = true;
    const hidden = sheets.filter((s) => s.state !== 'visible').length;
    announce(f.name + ' is a workbook: ' + plural(sheets.length, 'sheet', 'sheets') + ' to check'
      + (hidden ? ', ' + fmtInt(hidden) + ' of them hidden' : '') + '.');
  }

  async function run() {
    if (running) return;
    running = true;
    try {
      for (;;) {
        const f = files.find((x) => x.status === 'waiting');
        if (!f) break;
        await checkFile(f);
        if (f.replaced) continue;
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
      // Cancel does not wait for a read that hangs (a file on a stalled network drive).
      const stopped = new Promise((resolve) => { f.onStop = resolve; if (f.cancelled) resolve(); });
      const CANCELLED = {};
      const unlessStopped = (p) => Promise.race([p, stopped.then(() => CANCELLED)]);
      let zip = false;
      try {
        zip = await unlessStopped(startsAsZip(f));
      } catch (e) {
        throw new Error('The browser could not read the file (' + (e.message || e) + '). Has it been moved or deleted?');
      }
      if (zip === CANCELLED) { f.status = 'cancelled'; return; }
      if (zip) {
        const sheets = await unlessStopped(request({ type: 'workbook', file: f.file, name: f.name }));
        if (sheets === CANCELLED) { f.status = 'cancelled'; return; }
        if (sheets) {
          replaceBySheets(f, sheets);
          return;
        }
      }
      const w = worker;
      w.postMessage({ type: 'start', id: f.id, file: f.file, name: f.name, size: f.size, keep: KEEP_ROWS, options: settings.options, warnings: f.warnings });
      let offset = 0;
      let seq = 0;
      let ahead = f.size > 0 ? readSlice(f, 0) : null;
      // Two chunks in flight: the worker has the next one queued when it
      // finishes one, rather than wait for its acknowledgement to come and go.
      let inFlight = null;
      const acknowledged = async (c) => {
        const p = await c.ack;
        f.bytesDone = c.end;
        f.rows = p.rows;
        scheduleProgress(f);
      };
      while (offset < f.size && !f.cancelled && !f.readError) {
        let buf;
        try {
          buf = await Promise.race([ahead, stopped]);
        } catch (e) {
          throw new Error('The browser could not read the file (' + (e.message || e) + '). Has it been moved or deleted?');
        }
        if (f.cancelled) break;
        // Measured before the transfer: a transferred buffer reads as empty.
        const length = buf.byteLength;
        if (length === 0) break;
        const end = offset + length;
        ahead = end < f.size ? readSlice(f, end) : null;
        const ack = waitFor(f, 'progress', seq);
        w.postMessage({ type: 'chunk', id: f.id, seq: seq++, bytes: buf }, [buf]);
        offset = end;
        if (inFlight) await acknowledged(inFlight);
        inFlight = { ack, end };
      }
      if (inFlight) await acknowledged(inFlight);
      if (f.cancelled) {
        w.postMessage({ type: 'close', id: f.id });
        f.status = 'cancelled';
        return;
      }
      const done = waitFor(f, 'report');
      w.postMessage({ type: 'finish', id: f.id });
      const r = await done;
      if (r.failed) throw new Error(f.readError || r.failed);
      // Never show part of a file as checked: the checker must have been
      // given every byte (a file cut short by a read error says so above).
      if (!f.readError && r.report.bytes !== f.size) {
        throw new Error('Only ' + r.report.bytes.toLocaleString('en-GB') + ' of ' + f.size.toLocaleString('en-GB')
          + ' bytes reached the checker, so this file was not fully checked. Try again; if it happens again, check it with the command-line tool.');
      }
      f.report = r.report;
      f.timing = r.timing;
      f.flagged = r.flagged;
      f.viewLength = r.viewLength;
      f.viewTruncated = r.viewTruncated;
      f.rows = f.report.rows_checked;
      f.safe = null;
      if (f.report.complete && !f.report.errors.length) {
        try {
          f.safe = newSafeState(await request({ type: 'plan', id: f.id }));
        } catch (e) {
          f.safe = { failed: String(e.message || e) };
        }
      }
      f.status = 'done';
    } catch (e) {
      f.status = 'failed';
      f.failure = String(e.message || e);
    }
  }

  function cancelFile(f) {
    if (f.status === 'waiting') { f.status = 'cancelled'; renderCard(f); announce(statusSentence(f)); }
    else if (f.status === 'checking') stop(f);
  }

  // Stop checking f (checkFile closes it in the worker).
  function stop(f) {
    f.cancelled = true;
    if (f.onStop) f.onStop();
  }

  function clearAll() {
    for (const f of files) {
      if (f.status === 'checking') stop(f);
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
      profile: settings.options.profile, k, small_count: t, count_zeros: $('set-zeros').checked, preset: $('set-preset').value || null,
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
    if (o.profile && o.profile.name) text += '; profile "' + o.profile.name + '"';
    if (o.qi_columns && o.qi_columns.length) text += '; also combining the columns ' + o.qi_columns.join(', ');
    if (o.not_qi_columns && o.not_qi_columns.length) text += '; never combining the columns ' + o.not_qi_columns.join(', ');
    return text;
  }

  // Check every file again with the settings now in force, from its File object.
  function recheckAll() {
    for (const f of files) {
      if (f.status === 'checking') { f.requeue = true; stop(f); } else requeue(f);
    }
    hideTable();
    run();
  }

  function requeue(f) {
    if (worker && f.status === 'done') worker.postMessage({ type: 'close', id: f.id });
    Object.assign(f, {
      status: 'waiting', bytesDone: 0, rows: 0, readError: null, report: null, flagged: null, timing: null,
      failure: null, viewLength: 0, viewTruncated: false, cancelled: false, requeue: false, safe: null, safeUi: null,
    });
    renderCard(f);
  }

  // ---- file cards -------------------------------------------------------
  function makeCard(f) {
    const card = el('li', { class: 'file-card', id: 'file-' + f.id, tabIndex: -1 });
    const tag = el('strong', { class: 'tag' });
    const name = el('h3', { class: 'file-name', text: f.name });
    // Said on the card itself, in words: the 2023 disclosures were hidden sheets.
    if (f.sheetState === 'hidden' || f.sheetState === 'veryHidden') {
      name.append(' ', el('strong', { class: 'sheet-state tag-red tag-inline', text: f.sheetState === 'hidden' ? 'Hidden sheet' : 'Very hidden sheet' }));
    }
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
    // With no such column, flagged rows are flagged for what a cell says (a
    // name in a note): "None found" beside them read as "nothing to see".
    pair('Columns that identify people', ident.length
      ? el('ul', null, ident.map((c) => el('li', { text: c.name + ' (' + classWords(c.class) + '): ' + c.evidence })))
      : kinds.length
        ? 'No whole column. The flagged rows are flagged for what some of their cells say, such as a name in a note: each row\'s reason says which cell.'
        : 'None found');
    // Notes that name people: removing the columns above leaves these.
    const inside = (r.columns || []).filter((c) => !c.identifying && c.mentions > 0);
    if (inside.length) {
      pair('People named inside other columns', listUpTo(inside, 'columns', (c) => el('li', {
        text: c.name + ': ' + plural(c.mentions, 'cell mentions', 'cells mention') +
          ' someone (a name, an officer\'s number, a contact detail). Removing whole columns leaves these: the safe copy replaces each where it is.',
      })));
    }
    if (r.tables && r.tables.length) {
      pair('Tables found', listUpTo(r.tables, 'tables', (t) => el('li', {
        text: 'header on row ' + fmtInt(t.header_row) + ', rows ' + fmtInt(t.first_row) + ' to ' + fmtInt(t.last_row),
      })));
    }
    if (r.advice && r.advice.length) {
      const many = (r.tables || []).length > 1;
      pair('To make this file safe', listUpTo(r.advice, 'pieces of advice', (a) => el('li', {
        text: (many && r.tables[a.table] ? 'Table with its header on row ' + fmtInt(r.tables[a.table].header_row) + ': ' : '') + a.text,
      })));
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
    if (f.safe) u.body.append(safeStep(f));
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
      const blob = await request({ type: 'findings', ids: done.map((f) => f.id) });
      save(blob, done.length === 1 ? done[0].name.replace(/\.[^.]*$/, '') + '.findings.json' : 'foi-check-findings.json');
      const skipped = files.length - done.length;
      announce('Findings downloaded for ' + plural(done.length, 'file', 'files') + (skipped ? '; ' + plural(skipped, 'file was', 'files were') + ' not checked and are not in it.' : '.'));
    } catch (e) {
      announce('The findings could not be saved: ' + (e.message || e));
    }
  }

  // ---- saving a Blob (no network: an <a download> on a blob: URL) ---------
  function save(blob, name) {
    const a = el('a', { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }
  const stem = (name) => name.replace(/\.[^.]*$/, '') || name;

  // ---- the safe copy (one step per checked file) --------------------------
  // The worker proposes the default policy (Policy::default_for) with every
  // column; the clerk changes it here; "Download safe copy" sends the File
  // back to the worker, which re-reads it through the redactor, hashes both
  // files and checks the copy again. The original File is never changed.
  const MARKERS = ['*', '<5', '[c]'];
  const ACTIONS = { keep: 'Keep', remove: 'Remove the column', mask: 'Mask every cell', coarsen: 'Coarsen' };
  const colKey = (t, i) => t + ':' + i;

  // The decisions are kept only for the columns the clerk has been shown or
  // that the proposal changes (s.cols, by colKey): a column without one is
  // kept as it is. A file of 99,000 columns spent 120 ms of one task making
  // and reading a decision for every column.
  function newSafeState(plan) {
    const s = { plan, colAt: new Array(plan.count), cols: new Map(), removeKinds: new Set(), rowsText: '', removeRows: [], result: null, busy: false, errors: {} };
    for (const c of plan.notable) s.colAt[c.at] = c;
    resetDecisions(s);
    return s;
  }

  // The plan's column at position i (file order; worker.js packPlan), made
  // when first asked for.
  function planAt(s, i) {
    let c = s.colAt[i];
    if (!c) {
      const p = s.plan;
      c = { at: i, table: p.table[i], index: p.index[i], header: p.headers.slice(i ? p.ends[i - 1] : 0, p.ends[i]),
        class: p.classes[p.cls[i]], identifying: false, coarsen: null, coarsen_words: null };
      s.colAt[i] = c;
    }
    return c;
  }

  // The plan's column (table, index), or null.
  function planColumn(s, table, index) {
    const p = s.plan;
    let lo = 0, hi = p.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (p.table[mid] < table || (p.table[mid] === table && p.index[mid] < index)) lo = mid + 1; else hi = mid;
    }
    return lo < p.count && p.table[lo] === table && p.index[lo] === index ? planAt(s, lo) : null;
  }

  // The decision for column c, made (keep) when first asked for.
  function decision(s, c) {
    const k = colKey(c.table, c.index);
    let d = s.cols.get(k);
    if (!d) { d = { c, action: 'keep', text: '[removed]', by: c.coarsen }; s.cols.set(k, d); }
    return d;
  }

  // Back to the proposal. The decisions are changed in place: the column
  // rows on screen hold them (a new object would leave a row's list showing
  // the old choice, and its changes going nowhere).
  function resetDecisions(s) {
    const p = s.plan.policy;
    for (const d of s.cols.values()) { d.action = 'keep'; d.text = '[removed]'; d.by = d.c.coarsen; }
    for (const pc of p.columns) {
      const c = planColumn(s, pc.column.table, pc.column.index);
      if (!c) continue;
      const d = decision(s, c);
      d.action = pc.action;
      if (pc.text != null) d.text = pc.text;
      if (pc.by) d.by = pc.by;
    }
    s.maskMatches = p.mask_matches;
    s.small = Object.assign({}, p.small_counts);
    s.thresholdText = String(p.small_counts.threshold);
    s.removeKinds.clear();
    s.rowsText = '';
    s.removeRows = [];
    s.errors = {};
  }

  // The policy as src/redact.rs reads it, its columns in file order; rows
  // are added by the worker from the kinds and row numbers chosen.
  function policyOf(s) {
    const changed = [];
    for (const d of s.cols.values()) if (d.action !== 'keep') changed.push(d);
    changed.sort((a, b) => a.c.table - b.c.table || a.c.index - b.c.index);
    const columns = changed.map((d) => {
      const c = d.c;
      const p = { column: { table: c.table, index: c.index, header: c.header }, action: d.action };
      if (d.action === 'mask') p.text = d.text;
      if (d.action === 'coarsen') p.by = d.by;
      return p;
    });
    return { version: 1, columns, rows: [], mask_matches: s.maskMatches, small_counts: s.small };
  }

  // "12, 15-18" -> [12, 15, 16, 17, 18], or an error message
  function parseRows(text) {
    const out = new Set();
    for (const part of text.split(',').map((x) => x.trim()).filter((x) => x)) {
      const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
      if (!m) return { error: 'Enter row numbers like 12 or 15-18, separated by commas ("' + part + '" is not one)' };
      const a = Number(m[1]), b = m[2] ? Number(m[2]) : a;
      if (a < 1 || b < a) return { error: 'Enter a range from the smaller row number to the larger, like 15-18' };
      if (b - a > 1000000) return { error: 'A range can hold at most 1,000,000 rows' };
      for (let r = a; r <= b; r++) out.add(r);
    }
    return { rows: [...out].sort((x, y) => x - y) };
  }

  function rowsToText(rows) {
    const parts = [];
    for (let i = 0; i < rows.length; i++) {
      let j = i;
      while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
      parts.push(j > i + 1 ? rows[i] + '-' + rows[j] : String(rows[i]) + (j === i + 1 ? ', ' + rows[j] : ''));
      i = j;
    }
    return parts.join(', ');
  }

  function colLabel(c) {
    return colName(c.index) + (c.header.trim() ? ': ' + c.header : '');
  }

  // The step's DOM is built once per check and kept, so re-drawing the card
  // keeps the clerk's place and focus.
  function safeStep(f) {
    if (f.safeUi) return f.safeUi.root;
    const s = f.safe;
    const id = (x) => 'safe-' + f.id + '-' + x;
    const root = el('section', { class: 'safe-step', 'aria-labelledby': id('heading') });
    root.append(el('h3', { class: 'heading-m', id: id('heading') }, [document.createTextNode('Make a safe copy'),
      el('span', { class: 'visually-hidden', text: ' of ' + f.name })]));
    if (s.failed) {
      root.append(el('p', { class: 'problem', text: 'The safe copy step could not start: ' + s.failed }));
      f.safeUi = { root };
      return root;
    }
    root.append(el('p', { class: 'hint', text: 'Decide what happens to each column and to the flagged rows. The proposed decisions hide every column that identifies people. Your original file is never changed: the safe copy is a new file.' }));

    // columns: one row each; a file wider than COLS_LISTED lists the columns
    // that identify people or are to change, and the others a page at a time
    // (a form control for each of 20,000 columns froze the page)
    const columnRow = (c) => {
      const d = decision(s, c);
      const sel = el('select', { class: 'select', id: id('col-' + c.table + '-' + c.index) });
      for (const a of Object.keys(ACTIONS)) {
        if (a === 'coarsen' && !c.coarsen) continue;
        sel.append(el('option', { value: a, text: a === 'coarsen' ? 'Coarsen: ' + c.coarsen_words : ACTIONS[a], selected: d.action === a }));
      }
      const maskId = id('mask-' + c.table + '-' + c.index);
      const mask = el('input', { class: 'input input-mask', type: 'text', id: maskId, value: d.text, spellcheck: false, autocomplete: 'off' });
      const maskLabel = el('label', { class: 'label-inline', htmlFor: maskId, text: 'Mask text' });
      const maskWrap = el('div', { class: 'mask-wrap' }, [maskLabel, mask]);
      maskWrap.hidden = d.action !== 'mask';
      const selLabel = el('label', { class: 'visually-hidden', htmlFor: sel.id, text: 'In the safe copy, column ' + colLabel(c) });
      sel.addEventListener('change', () => { d.action = sel.value; maskWrap.hidden = d.action !== 'mask'; decided(f); });
      mask.addEventListener('input', () => { d.text = mask.value; decided(f); });
      const what = classWords(c.class);
      d.select = sel;
      d.mask = mask;
      d.maskWrap = maskWrap;
      return el('tr', null, [
        el('th', { scope: 'row', class: 'table-cell' }, [el('bdi', { text: colLabel(c) })]),
        el('td', { class: 'table-cell' }, [document.createTextNode(what),
          c.identifying ? el('strong', { class: 'tag tag-red tag-inline', text: 'identifies people' }) : null]),
        el('td', { class: 'table-cell' }, [selLabel, sel, maskWrap]),
      ]);
    };
    const columnTable = (caption, body) => el('table', { class: 'table' }, [
      el('caption', { class: 'table-caption', text: caption }),
      el('thead', null, [el('tr', null, [
        el('th', { scope: 'col', class: 'table-header', text: 'Column' }),
        el('th', { scope: 'col', class: 'table-header', text: 'What it holds' }),
        el('th', { scope: 'col', class: 'table-header', text: 'In the safe copy' })])]),
      body]);
    const n = s.plan.count;
    if (n <= COLS_LISTED) {
      const all = [];
      for (let i = 0; i < n; i++) all.push(planAt(s, i));
      root.append(columnTable('Columns (' + fmtInt(n) + ')', el('tbody', null, all.map(columnRow))));
    } else {
      // first: the columns that identify people, are to change, or have a
      // coarsening suggested; others: the rest, by position, shown a page at a time
      const isFirst = new Uint8Array(n);
      for (const c of s.plan.notable) if (c.identifying) isFirst[c.at] = 1;
      for (const d of s.cols.values()) if (d.action !== 'keep') isFirst[d.c.at] = 1;
      for (const x of s.plan.coarsen) { const c = planColumn(s, x.table, x.index); if (c) isFirst[c.at] = 1; }
      const first = [], others = [];
      for (let i = 0; i < n; i++) (isFirst[i] ? first : others).push(i);
      if (first.length) root.append(columnTable('Columns that identify people or are to change (' + fmtInt(first.length) + ')', el('tbody', null, first.map((i) => columnRow(planAt(s, i))))));
      const body = el('tbody');
      const info = el('p', { class: 'hint', 'aria-live': 'polite' });
      const prev = el('button', { type: 'button', class: 'button button-secondary', text: 'Previous columns' });
      const next = el('button', { type: 'button', class: 'button button-secondary', text: 'Next columns' });
      let at = 0;
      const show = () => {
        const end = Math.min(others.length, at + COLS_SHOWN);
        body.replaceChildren(...others.slice(at, end).map((i) => columnRow(planAt(s, i))));
        info.textContent = 'The other ' + fmtInt(others.length) + ' columns are kept as they are unless you change them here. ' +
          'Showing ' + colLabel(planAt(s, others[at])) + ' to ' + colLabel(planAt(s, others[end - 1])) + ', ' + COLS_SHOWN + ' at a time.';
      };
      // The buttons stay enabled at the ends (a button disabled under the
      // keyboard's focus drops it): they say so instead.
      prev.addEventListener('click', () => {
        if (at === 0) { announce('These are the first of the other columns.'); return; }
        at = Math.max(0, at - COLS_SHOWN);
        show();
      });
      next.addEventListener('click', () => {
        if (at + COLS_SHOWN >= others.length) { announce('These are the last of the other columns.'); return; }
        at += COLS_SHOWN;
        show();
      });
      if (others.length) {
        root.append(columnTable('Other columns (' + fmtInt(others.length) + ')', body), info, el('div', { class: 'button-group' }, [prev, next]));
        show();
      }
    }
    if (s.plan.coarsen.length) {
      const b = el('button', { type: 'button', class: 'button button-secondary', text: 'Use the suggested coarsening for rare combinations' });
      b.addEventListener('click', () => {
        for (const x of s.plan.coarsen) {
          const c = planColumn(s, x.table, x.index);
          if (c) { const d = decision(s, c); d.action = 'coarsen'; d.by = x.by; }
        }
        syncSafeInputs(f);
        decided(f);
        announce('Coarsening applied to ' + plural(s.plan.coarsen.length, 'column', 'columns') + '.');
      });
      root.append(el('div', { class: 'button-group' }, [b]));
    }

    // flagged rows
    const r = f.report;
    const rowsSet = el('fieldset', { class: 'fieldset' }, [el('legend', { class: 'legend', text: 'Flagged rows' }),
      el('p', { class: 'hint', text: 'A row you empty keeps its place (its first cell says [row removed]), so row numbers stay the same. Rows you keep still have their columns handled as above.' })]);
    for (const k of KIND_ORDER.filter((x) => r.summary[x] > 0)) {
      const cb = el('input', { type: 'checkbox', class: 'checkbox-input', id: id('kind-' + k), checked: s.removeKinds.has(k) });
      cb.addEventListener('change', () => { if (cb.checked) s.removeKinds.add(k); else s.removeKinds.delete(k); decided(f); });
      rowsSet.append(el('div', { class: 'checkbox' }, [cb, el('label', { class: 'checkbox-label', htmlFor: cb.id,
        text: 'Empty every row flagged as ' + KIND[k].tag.toLowerCase() + ' (' + plural(r.summary[k], 'row', 'rows') + ')' })]));
    }
    const rowsInput = el('input', { class: 'input input-wide', type: 'text', id: id('rows'), value: s.rowsText, spellcheck: false, autocomplete: 'off' });
    const rowsGroup = el('div', { class: 'form-group', id: id('rows-group') }, [
      el('label', { class: 'label', htmlFor: rowsInput.id, text: 'Also empty these rows' }),
      el('p', { class: 'hint', id: id('rows-hint'), text: 'Row numbers as the table shows them, separated by commas, for example 12, 15-18. You can also use the button under a flagged row\'s reason.' }),
      el('p', { class: 'error-message', id: id('rows-error'), hidden: true }), rowsInput]);
    rowsInput.setAttribute('aria-describedby', id('rows-hint'));
    rowsInput.addEventListener('input', () => { s.rowsText = rowsInput.value; decided(f); });
    rowsSet.append(rowsGroup);
    root.append(rowsSet);

    // free text and small counts
    const mm = el('input', { type: 'checkbox', class: 'checkbox-input', id: id('matches'), checked: s.maskMatches });
    mm.addEventListener('change', () => { s.maskMatches = mm.checked; decided(f); });
    const sup = el('input', { type: 'checkbox', class: 'checkbox-input', id: id('suppress'), checked: s.small.suppress });
    sup.addEventListener('change', () => { s.small.suppress = sup.checked; decided(f); });
    const marker = el('select', { class: 'select select-narrow', id: id('marker') });
    for (const m of MARKERS.concat(MARKERS.includes(s.small.marker) ? [] : [s.small.marker])) marker.append(el('option', { value: m, text: m, selected: m === s.small.marker }));
    marker.addEventListener('change', () => { s.small.marker = marker.value; decided(f); });
    const thr = el('input', { class: 'input input-width-4', type: 'text', inputMode: 'numeric', id: id('threshold'), value: s.thresholdText, spellcheck: false, autocomplete: 'off' });
    thr.setAttribute('aria-describedby', id('threshold-hint'));
    thr.addEventListener('input', () => { s.thresholdText = thr.value; decided(f); });
    const sec = el('input', { type: 'checkbox', class: 'checkbox-input', id: id('secondary'), checked: s.small.secondary });
    sec.addEventListener('change', () => { s.small.secondary = sec.checked; decided(f); });
    root.append(el('fieldset', { class: 'fieldset' }, [el('legend', { class: 'legend', text: 'Names in free text and small numbers' }),
      el('div', { class: 'checkbox' }, [mm, el('label', { class: 'checkbox-label', htmlFor: mm.id, text: 'Replace names, numbers and e-mail addresses found inside other cells (such as notes) with [name removed] and the like' })]),
      el('div', { class: 'checkbox' }, [sup, el('label', { class: 'checkbox-label', htmlFor: sup.id, text: 'Hide small numbers of people' })]),
      el('div', { class: 'inline-fields' }, [
        el('div', { class: 'form-group' }, [el('label', { class: 'label', htmlFor: marker.id, text: 'Write instead' }), marker]),
        el('div', { class: 'form-group', id: id('threshold-group') }, [el('label', { class: 'label', htmlFor: thr.id, text: 'Hide counts below' }),
          el('p', { class: 'hint', id: id('threshold-hint'), text: 'A whole number, 1 or more.' }),
          el('p', { class: 'error-message', id: id('threshold-error'), hidden: true }), thr])]),
      el('div', { class: 'checkbox' }, [sec, el('label', { class: 'checkbox-label', htmlFor: sec.id, text: 'Also hide a second number where a total would give a hidden one away' })]),
    ]));
    const reset = el('button', { type: 'button', class: 'button button-secondary', text: 'Back to the proposed decisions' });
    reset.addEventListener('click', () => { resetDecisions(s); syncSafeInputs(f); decided(f); announce('The proposed decisions are back.'); });
    root.append(el('div', { class: 'button-group' }, [reset]));

    // the decisions in words, the download, and the second check
    const words = el('ul', { class: 'decisions', id: id('words') });
    root.append(el('h4', { class: 'heading-s', text: 'What the safe copy will do' }), words);
    const go = el('button', { type: 'button', class: 'button', id: id('download') },
      [document.createTextNode('Download safe copy'), el('span', { class: 'visually-hidden', text: ' of ' + f.name })]);
    go.addEventListener('click', () => makeSafeCopy(f));
    const progress = el('progress', { max: 1, value: 0, hidden: true, 'aria-label': 'Progress making the safe copy of ' + f.name });
    const result = el('div', { class: 'safe-result', id: id('result'), tabIndex: -1 });
    root.append(el('div', { class: 'button-group' }, [go]), progress, result);
    f.safeUi = { root, words, go, progress, result, rowsInput, rowsGroup, thr, mm, sup, marker, sec, id };
    decided(f);
    if (s.result) renderSafeResult(f);
    return root;
  }

  // put the state back into the inputs (after a reset or the coarsening button)
  function syncSafeInputs(f) {
    const s = f.safe, u = f.safeUi;
    for (const d of s.cols.values()) {
      if (!d.select) continue; // a column of a wide file not listed yet
      d.select.value = d.action;
      d.mask.value = d.text;
      d.maskWrap.hidden = d.action !== 'mask';
    }
    u.rowsInput.value = s.rowsText;
    u.thr.value = s.thresholdText;
    u.mm.checked = s.maskMatches;
    u.sup.checked = s.small.suppress;
    u.marker.value = s.small.marker;
    u.sec.checked = s.small.secondary;
    for (const k of KIND_ORDER) { const cb = u.root.querySelector('#' + u.id('kind-' + k)); if (cb) cb.checked = s.removeKinds.has(k); }
  }

  function fieldError(f, name, text) {
    const u = f.safeUi;
    const q = (x) => u.root.querySelector('#' + u.id(x));
    const group = q(name + '-group'), msg = q(name + '-error'), input = q(name);
    group.classList.toggle('form-group-error', !!text);
    input.classList.toggle('input-error', !!text);
    msg.hidden = !text;
    msg.replaceChildren(...(text ? [el('span', { class: 'visually-hidden', text: 'Error: ' }), document.createTextNode(text)] : []));
    input.setAttribute('aria-describedby', u.id(name + '-hint') + (text ? ' ' + u.id(name + '-error') : ''));
  }

  // Validate, then say the decisions in words (the core's words, as in the record).
  let wordsTimer = 0;
  function decided(f) {
    const s = f.safe;
    const rows = parseRows(s.rowsText);
    s.errors = {};
    if (rows.error) s.errors.rows = rows.error; else s.removeRows = rows.rows;
    const t = s.thresholdText.trim();
    if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > MAX_SETTING) s.errors.threshold = 'Enter the smallest count to publish as a whole number, like 5';
    else s.small.threshold = Number(t);
    fieldError(f, 'rows', s.errors.rows);
    fieldError(f, 'threshold', s.errors.threshold);
    clearTimeout(wordsTimer);
    wordsTimer = setTimeout(() => {
      if (Object.keys(s.errors).length) return;
      request({ type: 'describePolicy', id: f.id, policy: policyOf(s), removeKinds: [...s.removeKinds], removeRows: s.removeRows })
        .then((sentences) => {
          if (f.safe !== s || !f.safeUi) return;
          f.safeUi.words.replaceChildren(...sentences.map((t) => el('li', { text: t.length > 400 ? t.slice(0, 400) + '\u2026' : t })));
        }, () => {});
    }, 120);
  }

  function safeProgress(f, m) {
    if (!f.safeUi) return;
    f.safeUi.progress.max = Math.max(m.total, 1);
    f.safeUi.progress.value = m.done;
  }

  async function makeSafeCopy(f) {
    const s = f.safe, u = f.safeUi;
    if (s.busy) return;
    decided(f);
    const bad = Object.keys(s.errors);
    if (bad.length) { u.root.querySelector('#' + u.id(bad[0])).focus(); announce(s.errors[bad[0]]); return; }
    s.busy = true;
    u.go.disabled = true;
    u.progress.hidden = false;
    u.progress.value = 0;
    u.result.replaceChildren(el('p', { text: 'Making the safe copy of ' + f.name + ' and checking it again\u2026' }));
    announce('Making the safe copy of ' + f.name + '.');
    try {
      const v = await request({ type: 'safecopy', id: f.id, file: f.file, name: f.name, policy: policyOf(s),
        removeKinds: [...s.removeKinds], removeRows: s.removeRows });
      const blob = v.blob;
      s.result = {
        blob, name: v.name, size: v.size, sha256: v.sha256, original: v.original, policy: v.policy,
        outcomeJson: v.outcome, outcome: JSON.parse(v.outcome), after: v.after, before: v.before || f.report,
      };
      // A sheet's record keeps its workbook's hash (the file published).
      f.sha256 = f.workbookSha256 || v.original;
      save(blob, v.name);
      renderSafeResult(f);
      announce('Safe copy saved as ' + v.name + '. ' + afterSentence(s.result.after));
    } catch (e) {
      u.result.replaceChildren(el('p', { class: 'problem', text: 'No safe copy was made: ' + (e.message || e) }));
      announce('No safe copy was made: ' + (e.message || e));
    } finally {
      s.busy = false;
      u.go.disabled = false;
      u.progress.hidden = true;
    }
  }

  const direct = (sum) => sum.staff + sum.staff_senior + sum.person;

  function afterSentence(after) {
    const sum = after.summary;
    const d = direct(sum);
    if (!sum.rows_flagged) return 'Checked again: 0 rows identify anyone.';
    const parts = [];
    if (d) parts.push(plural(d, 'row still names or numbers someone', 'rows still name or number someone'));
    if (sum.small_count) parts.push(plural(sum.small_count, 'row still has', 'rows still have') + ' a small number of people');
    if (sum.quasi_identifier) parts.push(plural(sum.quasi_identifier, 'row is', 'rows are') + ' still a rare combination');
    return 'Checked again: ' + (d ? '' : '0 rows identify anyone by name or number; ') + parts.join('; ') + '. Look at these rows before you publish.';
  }

  function renderSafeResult(f) {
    const s = f.safe, u = f.safeUi, x = s.result;
    const before = x.before.summary, after = x.after.summary;
    const line = (label, a, b) => el('tr', null, [el('th', { scope: 'row', class: 'table-cell', text: label }),
      el('td', { class: 'table-cell table-num', text: a }), el('td', { class: 'table-cell table-num', text: b })]);
    const o = x.outcome;
    const did = [];
    const add = (n, one, many) => { if (n) did.push(plural(n, one, many)); };
    add(o.cells_masked, 'cell masked', 'cells masked');
    add(o.cells_removed, 'cell removed with its column', 'cells removed with their columns');
    add(o.matches_masked, 'name or number replaced inside a cell', 'names or numbers replaced inside cells');
    add(o.counts_suppressed, 'small count hidden', 'small counts hidden');
    add(o.secondary_suppressed, 'second cell hidden to protect a total', 'second cells hidden to protect totals');
    add(o.cells_coarsened, 'cell coarsened', 'cells coarsened');
    add(o.rows_removed, 'row emptied', 'rows emptied');
    add(o.cells_neutralised, 'cell made safe from spreadsheet formulas', 'cells made safe from spreadsheet formulas');
    const again = el('button', { type: 'button', class: 'button button-secondary' },
      [document.createTextNode('Save the safe copy again'), el('span', { class: 'visually-hidden', text: ' (' + x.name + ')' })]);
    again.addEventListener('click', () => save(x.blob, x.name));
    const ok = !direct(after) && !after.small_count;
    u.result.replaceChildren(
      el('div', { class: ok ? 'panel panel-ok' : 'panel panel-warn' }, [
        el('h4', { class: 'heading-s', text: 'Safe copy saved: ' }, [el('bdi', { text: x.name })]),
        el('p', { class: 'safe-verdict', text: afterSentence(x.after) }),
        el('p', { text: fmtBytes(x.size) + ', UTF-8. ' + (did.length ? 'Done: ' + did.join(', ') + '.' : 'No cell needed changing.') }),
      ]),
      el('table', { class: 'table compare' }, [
        el('caption', { class: 'table-caption', text: 'The first check and the check of the safe copy' }),
        el('thead', null, [el('tr', null, [el('th', { scope: 'col', class: 'table-header', text: 'Rows' }),
          el('th', { scope: 'col', class: 'table-header table-num', text: 'Original' }),
          el('th', { scope: 'col', class: 'table-header table-num', text: 'Safe copy' })])]),
        el('tbody', null, [
          line('Rows checked', fmtInt(x.before.rows_checked), fmtInt(x.after.rows_checked)),
          line('Rows that identify someone', fmtInt(direct(before)), fmtInt(direct(after))),
          line('Rare combinations', fmtInt(before.quasi_identifier), fmtInt(after.quasi_identifier)),
          line('Small numbers', fmtInt(before.small_count), fmtInt(after.small_count)),
        ]),
      ]),
      el('ul', null, (o.warnings || []).map((w) => el('li', { text: w }))),
      el('p', { class: 'hint', text: 'SHA-256 of the safe copy: ' + x.sha256 }),
      el('div', { class: 'button-group' }, [again]),
    );
  }

  // Per-row decisions from the reason panel.
  function toggleRow(f, rowNo) {
    const s = f.safe;
    const rows = parseRows(s.rowsText);
    const set = new Set(rows.rows || s.removeRows);
    const removing = !set.has(rowNo);
    if (removing) set.add(rowNo); else set.delete(rowNo);
    s.rowsText = rowsToText([...set].sort((a, b) => a - b));
    if (f.safeUi) f.safeUi.rowsInput.value = s.rowsText;
    decided(f);
    announce('Row ' + fmtInt(rowNo) + (removing ? ' will be emptied in the safe copy.' : ' will be kept in the safe copy.'));
    return removing;
  }

  function rowIsRemoved(f, rowNo) {
    const s = f.safe;
    return s.removeRows.includes(rowNo) || (table.findings.get(rowNo) && s.removeKinds.has(table.findings.get(rowNo).kind));
  }

  // ---- the audit record ---------------------------------------------------
  async function downloadRecord(format) {
    const done = files.filter((f) => f.status === 'done');
    if (!done.length) { announce('No file has been checked yet, so there is no record to download.'); return; }
    try {
      announce('Making the record.');
      const list = [];
      for (const f of done) {
        const x = f.safe && f.safe.result;
        if (!f.sha256) f.sha256 = f.workbookSha256 || await request({ type: 'hash', file: f.file });
        list.push({
          id: f.id, sha256: f.sha256,
          safe: x ? { name: x.name, size: x.size, sha256: x.sha256, policy: x.policy, outcome: x.outcomeJson } : null,
        });
      }
      const meta = {
        created: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        reference: $('record-reference').value, note: $('record-note').value, values: !$('record-no-values').checked,
      };
      const bytes = await request({ type: 'record', format, meta, files: list });
      const name = (done.length === 1 ? stem(done[0].name) : 'foi-check') + '-record.' + format;
      save(new Blob([bytes], { type: format === 'json' ? 'application/json' : 'text/html;charset=utf-8' }), name);
      announce('Record saved as ' + name + '.');
    } catch (e) {
      announce('The record could not be saved: ' + (e.message || e));
    }
  }

  // ---- the organisation's profile and the session's roster ----------------
  // The profile is remembered in this browser's local storage; the roster
  // never is: it lives in the worker's memory until the page is closed.
  const PROFILE_KEY = 'foi-check-profile';
  const BUILTIN = { 'uk-police': 'UK police force', generic: 'Generic public body' };
  const profileState = { choice: 'none', json: '', imported: null, importedName: '' };

  function storedProfile() {
    try { return JSON.parse(localStorage.getItem(PROFILE_KEY) || 'null'); } catch (e) { return null; }
  }

  function storeProfile() {
    try {
      localStorage.setItem(PROFILE_KEY, JSON.stringify({ choice: profileState.choice, imported: profileState.imported }));
      return true;
    } catch (e) {
      return false;
    }
  }

  function renderProfileChoices() {
    const sel = $('profile-choice');
    const opts = [el('option', { value: 'none', text: 'No profile' })];
    for (const k of Object.keys(BUILTIN)) opts.push(el('option', { value: k, text: BUILTIN[k] }));
    if (profileState.imported) opts.push(el('option', { value: 'imported', text: 'Imported: ' + profileState.importedName }));
    sel.replaceChildren(...opts);
    sel.value = profileState.choice;
  }

  async function useProfile(choice, recheck) {
    let json = '';
    if (BUILTIN[choice]) json = await request({ type: 'builtinProfile', name: choice });
    else if (choice === 'imported') json = profileState.imported || '';
    const base = Object.assign({}, settings.options);
    delete base.profile;
    settings.options = await request({ type: 'profile', options: base, profile: json });
    profileState.choice = json ? choice : 'none';
    profileState.json = json;
    fillSettings(settings.options);
    renderSettingsNow();
    renderProfileChoices();
    const name = settings.options.profile ? settings.options.profile.name : '';
    const kept = storeProfile();
    $('profile-now').textContent = name ? 'In use: ' + name + '.' : 'No profile in use.';
    $('profile-stored').textContent = kept ? 'This choice is remembered in this browser.' : 'This browser would not let the page remember the choice; it lasts until you close the page.';
    if (recheck && files.length) {
      recheckAll();
      announce('Profile ' + (name || 'removed') + '. Checking ' + plural(files.length, 'file', 'files') + ' again.');
    }
  }

  function profileError(text) {
    const msg = $('profile-file-error');
    $('profile-file-group').classList.toggle('form-group-error', !!text);
    msg.hidden = !text;
    msg.replaceChildren(...(text ? [el('span', { class: 'visually-hidden', text: 'Error: ' }), document.createTextNode(text)] : []));
    $('profile-file').setAttribute('aria-describedby', 'profile-file-hint' + (text ? ' profile-file-error' : ''));
  }

  async function importProfile(file) {
    try {
      const text = await file.text();
      const json = await request({ type: 'readProfile', text });
      profileState.imported = json;
      profileState.importedName = JSON.parse(json).name || file.name;
      profileError('');
      await useProfile('imported', true);
    } catch (e) {
      profileError('The profile ' + file.name + ' cannot be used: ' + (e.message || e));
      $('profile-file').focus();
    }
  }

  async function loadRoster(file) {
    try {
      const n = await request({ type: 'roster', bytes: await file.arrayBuffer() });
      $('roster-now').textContent = 'Roster loaded for this session: ' + plural(n, 'name or number', 'names and numbers') + ' from ' + file.name + '. It is held in this window\'s memory only.';
      $('roster-forget').hidden = false;
      announce('Roster loaded: ' + plural(n, 'entry', 'entries') + '.');
    } catch (e) {
      $('roster-now').textContent = 'The roster ' + file.name + ' could not be read: ' + (e.message || e);
    }
  }

  function rosterLost() {
    if (!$('roster-forget').hidden) {
      $('roster-now').textContent = 'The checker had to restart, so the roster was forgotten. Load it again if you need it.';
      $('roster-forget').hidden = true;
    }
  }

  // ---- the table (virtualised) -----------------------------------------
  const table = {
    entry: null, findings: new Map(), flagged: new Uint32Array(0), hits: new Map(), byTable: [],
    headerRows: new Set(), list: null, search: null, needle: '', onlyFlagged: false, readError: '',
    cache: new Map(), pending: new Set(), ncols: 1, col0: 0, colGen: 0, trs: [], rowH: 36, current: -1, focusRow: -1,
  };
  const scroller = $('grid-scroll');

  function hideTable() {
    table.entry = null;
    $('table-section').hidden = true;
  }

  function renderTableChoices() {
    const sel = $('table-file-select');
    const choices = files.filter((f) => f.status === 'done' && f.viewLength > 0);
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
    table.readError = '';
    table.current = -1;
    $('search-input').value = '';
    $('table-file-name').textContent = visible(f.name);
    $('reason-panel').replaceChildren(el('p', { class: 'reason-empty', text: 'Point at, tab to or click a flagged row to see why it was flagged.' }));
    renderTableChoices();
    const r = f.report;
    // The flagged rows' findings come with their cells, for the rows on screen.
    table.findings = new Map();
    table.hits = new Map();
    table.headerRows = new Set((r.tables || []).map((t) => t.header_row));
    table.byTable = columnIndexes(r);
    table.ncols = Math.max(1, ...(r.tables || []).map((t) => t.first_column + t.header.length));
    table.col0 = 0;
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
    if (table.readError) info += ' ' + table.readError;
    $('table-info').textContent = info;
    $('grid-caption').textContent = visible('Rows of ' + f.name + '. ' + info);
    setTableRows(n);
  }

  // The worker reads the rows it shows from the file again: if the file has
  // been moved, deleted or changed since it was checked, say so (once).
  function rowsFailed(f, e) {
    if (table.entry !== f || table.readError) return;
    table.readError = 'Its rows cannot be shown: ' + String((e && e.message) || e) +
      ' Every row was checked before that; the summary and the findings stand. Add the file again to see its rows.';
    $('table-info').textContent += ' ' + table.readError;
    announce(table.readError);
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
      // a cell outside a table (or in a header) is named by its column letters: "column B"
      const n = /^column ([A-Z]+)$/.exec(reason.column);
      if (c === undefined && n) c = [...n[1]].reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0) - 1;
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
    learn(row);
  }

  // A row's finding and the columns it marks (whatever columns are drawn).
  function learn(row) {
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

  // The columns drawn: [first, end).
  function colRange() {
    const n = Math.min(COLS_SHOWN, table.ncols);
    const c0 = Math.max(0, Math.min(table.col0, table.ncols - n));
    return [c0, c0 + n];
  }

  function buildHead() {
    const [c0, c1] = colRange();
    const tr = el('tr', null, [el('th', { class: 'rownum', scope: 'col', text: 'Row' }), el('th', { class: 'flagcell', scope: 'col', text: 'Flag' })]);
    for (let c = c0; c < c1; c++) tr.append(el('th', { scope: 'col', text: colName(c) }));
    $('grid-head').replaceChildren(tr);
    const wide = table.ncols > COLS_SHOWN;
    $('column-pager').hidden = !wide;
    if (wide) {
      $('column-info').textContent = 'Showing columns ' + colName(c0) + ' to ' + colName(c1 - 1) + ' of ' +
        fmtInt(table.ncols) + ': this file is too wide to show every column at once. Every column was checked.';
    }
  }

  // Show the columns from c on (by COLS_SHOWN at a time). The rows kept
  // hold the cells of the columns drawn only, so they are read again.
  function showColumns(c) {
    table.col0 = Math.max(0, Math.min(c, table.ncols - COLS_SHOWN));
    table.colGen++;
    table.cache.clear();
    table.pending.clear();
    buildHead();
    draw();
  }

  // What a rows request asks for: the rows, and in a wide file only the
  // columns drawn (the answer is kept only if they are still those drawn).
  function rowsRequest(f, indexes) {
    const msg = { type: 'rows', id: f.id, indexes };
    if (table.ncols > COLS_SHOWN) msg.cols = colRange();
    const gen = table.colGen;
    return request(msg).then((rows) => ({ rows, current: table.entry === f && gen === table.colGen }));
  }

  // A flagged row shown: its first marked cell is brought into the columns drawn.
  function showColumnsOf(rowNo) {
    const hits = table.hits.get(rowNo);
    if (!hits || !hits.size || table.ncols <= COLS_SHOWN) return;
    const [c0, c1] = colRange();
    const cols = [...hits];
    if (cols.some((c) => c >= c0 && c < c1)) return;
    showColumns(Math.min(...cols) - 2);
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
      const gen = table.colGen;
      rowsRequest(f, want).then(({ rows, current }) => {
        if (table.entry !== f) return;
        if (!current) return; // the columns drawn changed: showColumns asked again
        if (table.cache.size > 20000) { table.cache.clear(); table.findings.clear(); table.hits.clear(); }
        want.forEach((k, i) => { table.pending.delete(k); if (rows[i]) remember(k, rows[i]); });
        let wider = false;
        for (const row of rows) if (row && row[3] > table.ncols) { table.ncols = row[3]; wider = true; }
        if (wider) buildHead();
        draw();
      }, (e) => { if (gen === table.colGen) want.forEach((k) => table.pending.delete(k)); rowsFailed(f, e); });
    }
  }

  function drawRow(tr, pos, row) {
    const [c0, c1] = colRange();
    const ncells = c1 - c0 + 2;
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
    while (ci < cells.length && cells[ci][0] < c0) ci++;
    const needle = table.search ? table.needle.toLowerCase() : '';
    for (let c = c0; c < c1; c++) {
      const td = tds[c - c0 + 2];
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
      finding.reasons.map((r) => r.why).join('; ') + (finding.more ? '; and ' + plural(finding.more, 'more reason', 'more reasons') : '');
  }

  function showReason(rowNo, pin) {
    const finding = table.findings.get(rowNo);
    if (!finding) return;
    if (pin) { table.current = rowNo; draw(); }
    const panel = $('reason-panel');
    panel.replaceChildren(...[
      el('p', null, [el('strong', { text: 'Row ' + fmtInt(rowNo) + ' ' }),
        el('strong', { class: 'tag ' + KIND[finding.kind].cls, text: KIND[finding.kind].mark + ' ' + KIND[finding.kind].tag }),
        document.createTextNode(' ' + KIND[finding.kind].does[0] + '.')]),
      el('ul', null, finding.reasons.map((r) => el('li', { text: r.why + ' (column "' + r.column + '": "' + r.text + '")' }))),
      finding.more ? el('p', { class: 'hint', text: 'And ' + plural(finding.more, 'more reason', 'more reasons') +
        ' in this row, not listed here. "Download findings (JSON)" has them all.' }) : null].filter(Boolean));
    const f = table.entry;
    if (f && f.safe && !f.safe.failed) {
      const label = () => (rowIsRemoved(f, rowNo) ? 'Keep row ' : 'Empty row ') + fmtInt(rowNo) + ' in the safe copy';
      const b = el('button', { type: 'button', class: 'button button-secondary button-small', text: label() });
      b.addEventListener('click', () => { toggleRow(f, rowNo); b.textContent = label(); });
      panel.append(b);
    }
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
    const afterLoad = (rowNo) => { table.current = rowNo; table.focusRow = rowNo; showColumnsOf(rowNo); showReason(rowNo, true); };
    if (row) afterLoad(row[0]);
    else {
      const f = table.entry;
      rowsRequest(f, [k]).then(({ rows, current }) => {
        if (table.entry !== f || !rows[0]) return; // another file is shown now
        if (current) remember(k, rows[0]); else learn(rows[0]);
        afterLoad(rows[0][0]);
      });
    }
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
        // the worker reads the file again to search it: on a large file that takes a moment
        announce('Searching for "' + needle + '"\u2026');
        const hits = await request({ type: 'search', id: f.id, needle });
        if (table.entry !== f || $('search-input').value.trim() !== needle) return;
        table.search = hits;
        table.needle = needle;
        updateList();
        announce(plural(hits.length, 'row contains', 'rows contain') + ' "' + needle + '".');
      } catch (e) {
        if (table.entry !== f || $('search-input').value.trim() !== needle) return;
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
  // The column buttons stay enabled at the ends (a button disabled under the
  // keyboard's focus drops it): they say so instead.
  $('cols-prev').addEventListener('click', () => {
    const [c0] = colRange();
    if (c0 === 0) announce('These are the first columns.'); else showColumns(c0 - COLS_SHOWN);
  });
  $('cols-next').addEventListener('click', () => {
    const [, c1] = colRange();
    if (c1 >= table.ncols) announce('These are the last columns.'); else showColumns(c1);
  });
  $('record-html').addEventListener('click', () => downloadRecord('html'));
  $('record-json').addEventListener('click', () => downloadRecord('json'));
  $('profile-choice').addEventListener('change', (e) => { useProfile(e.target.value, true).catch((x) => announce('The profile could not be used: ' + (x.message || x))); });
  $('profile-file').addEventListener('change', (e) => { const file = e.target.files[0]; e.target.value = ''; if (file) importProfile(file); });
  $('profile-export').addEventListener('click', () => {
    if (!profileState.json) { announce('No profile is in use, so there is nothing to export.'); return; }
    save(new Blob([profileState.json + '\n'], { type: 'application/json' }), 'foi-check-profile.json');
    announce('Profile exported.');
  });
  $('roster-file').addEventListener('change', (e) => { const file = e.target.files[0]; e.target.value = ''; if (file) loadRoster(file); });
  $('roster-forget').addEventListener('click', () => {
    request({ type: 'roster', bytes: null }).catch(() => {});
    $('roster-now').textContent = 'No roster loaded.';
    $('roster-forget').hidden = true;
    announce('Roster forgotten.');
  });
  $('settings-apply').addEventListener('click', applySettings);
  $('settings-reset').addEventListener('click', () => {
    const base = Object.assign({}, DEFAULT_OPTIONS);
    const p = settings.options.profile && settings.options.profile.defaults;
    if (p && p.k) base.k = p.k;
    if (p && p.small_count) base.small_count = p.small_count;
    fillSettings(base);
    applySettings();
  });
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

  // Start the checker now, so the first file does not wait for it; then the
  // profile remembered in this browser, if any.
  renderSettingsNow();
  const stored = storedProfile();
  if (stored && typeof stored === 'object') {
    if (typeof stored.imported === 'string' && stored.imported) {
      profileState.imported = stored.imported;
      try { profileState.importedName = JSON.parse(stored.imported).name || 'profile'; } catch (e) { profileState.imported = null; }
    }
    if (stored.choice && stored.choice !== 'none') useProfile(stored.choice, true).catch(() => {});
  }
  renderProfileChoices();
  ensureWorker().catch((e) => {
    $('error-list').replaceChildren(el('li', { text: String(e.message || e) }));
    $('error-summary').hidden = false;
  });
})();
