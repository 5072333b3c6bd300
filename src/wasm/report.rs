//! A finished check, kept in Rust. Moving a whole report to JavaScript as
//! JSON cost the page about 40% of its time on a file where every row is
//! flagged (a 30 MB staff list gives 142 MB of JSON) and gigabytes of memory;
//! so the worker holds a [`WasmReport`] handle and the page gets only what it
//! draws: the report without its rows ([`WasmReport::summary`]), the view
//! indexes of the flagged rows, and the findings of the rows on screen
//! (`WasmChecker::viewRows`). The CLI's JSON is written only when the clerk
//! downloads it, in parts, by [`WasmFindings`].
//!
//! Reasons are reached only through serde (a [`RowFinding`] is serialised
//! whole), so their representation can change without this adapter noticing.

use std::io::Write;

use wasm_bindgen::prelude::*;

use super::js_err;
use crate::redact::{Policy, RowAction, RowPolicy};
use crate::report::{Kind, RowFinding};
use crate::Report;

/// One file's report, held in the worker's wasm memory until the page
/// frees it (the file removed, replaced or checked again).
#[wasm_bindgen]
pub struct WasmReport {
    report: Report,
}

impl WasmReport {
    pub(crate) fn new(report: Report) -> WasmReport {
        WasmReport { report }
    }

    /// The whole report.
    pub(crate) fn report(&self) -> &Report {
        &self.report
    }

    /// The finding of row `row`, if it is flagged (rows are in row order).
    pub(crate) fn finding(&self, row: u64) -> Option<&RowFinding> {
        let rows = &self.report.rows;
        let at = rows.partition_point(|r| r.row < row);
        rows.get(at).filter(|r| r.row == row)
    }

    /// The row numbers of the flagged rows.
    pub(crate) fn flagged_rows(&self) -> impl Iterator<Item = u64> + '_ {
        self.report.rows.iter().map(|r| r.row)
    }

    /// `f` of the report with its rows left out (they are put back after).
    fn without_rows<T>(&mut self, f: impl FnOnce(&Report) -> T) -> T {
        let rows = std::mem::take(&mut self.report.rows);
        let out = f(&self.report);
        self.report.rows = rows;
        out
    }
}

#[wasm_bindgen]
impl WasmReport {
    /// The report without its rows, as compact JSON (the CLI's shape with
    /// `"rows": []`): counts, columns, tables, errors, warnings, advice, settings.
    pub fn summary(&mut self) -> Result<String, JsError> {
        self.without_rows(serde_json::to_string).map_err(js_err)
    }

    /// `policy` (JSON) with its row decisions: every flagged row of the
    /// `kinds` (a JSON array of kind ids, e.g. `["staff"]`) and the `rows`
    /// named one by one are emptied. Returns the policy as JSON.
    #[wasm_bindgen(js_name = withRows)]
    pub fn with_rows(&self, policy: &str, kinds: &str, rows: &[f64]) -> Result<String, JsError> {
        let mut policy = Policy::from_json(policy).map_err(js_err)?;
        let kinds: Vec<Kind> = serde_json::from_str(kinds).map_err(js_err)?;
        let mut remove: Vec<u64> = rows.iter().map(|&r| r as u64).collect();
        remove.extend(
            self.report
                .rows
                .iter()
                .filter(|r| kinds.contains(&r.kind))
                .map(|r| r.row),
        );
        remove.sort_unstable();
        remove.dedup();
        policy.rows = remove
            .into_iter()
            .map(|row| RowPolicy {
                row,
                action: RowAction::Remove,
            })
            .collect();
        serde_json::to_string(&policy).map_err(js_err)
    }
}

/// Bytes of JSON per part of the findings file (each part is copied to the
/// page and becomes a piece of the download's Blob).
const PART: usize = 4 << 20;

/// Writes "Download findings (JSON)" exactly as `foi-check check --format
/// json` prints it (one report as an object, several as an array,
/// pretty-printed, a final newline) in parts of about 4 MB, so neither the
/// worker nor the page ever holds the whole text in one string:
///
/// ```js
/// const w = new WasmFindings(reports.length);
/// for (const r of reports) { parts.push(w.begin(r)); for (let p; (p = w.next(r)).length;) parts.push(p); }
/// parts.push(w.end());
/// ```
#[wasm_bindgen]
pub struct WasmFindings {
    files: u32,
    begun: u32,
    /// The report being written: its next row, and the text after its rows.
    next_row: usize,
    tail: Option<String>,
}

/// The pretty JSON of a report with no rows has this line; the rows go
/// between its brackets. A key at two spaces is a field of the report itself
/// (strings cannot hold a raw line break, so this cannot be inside a value).
const EMPTY_ROWS: &str = "\n  \"rows\": []";

#[wasm_bindgen]
impl WasmFindings {
    /// A findings file of `files` reports.
    #[wasm_bindgen(constructor)]
    pub fn new(files: u32) -> WasmFindings {
        WasmFindings {
            files,
            begun: 0,
            next_row: 0,
            tail: None,
        }
    }

    fn pad(&self) -> &'static [u8] {
        if self.files > 1 {
            b"  "
        } else {
            b""
        }
    }

    /// Start the next report: the text up to its first row.
    pub fn begin(&mut self, report: &mut WasmReport) -> Result<Vec<u8>, JsError> {
        let envelope = report
            .without_rows(serde_json::to_string_pretty)
            .map_err(js_err)?;
        let at = envelope
            .find(EMPTY_ROWS)
            .map(|i| i + EMPTY_ROWS.len() - 1)
            .ok_or_else(|| js_err("the report has no rows field"))?;
        let (head, tail) = envelope.split_at(at);
        let mut out = Vec::with_capacity(head.len() + 8);
        if self.files > 1 {
            out.extend_from_slice(if self.begun == 0 { b"[\n  " } else { b",\n  " });
        }
        Indent::new(&mut out, self.pad()).write_all(head.as_bytes())?;
        self.begun += 1;
        self.next_row = 0;
        self.tail = Some(tail.to_string());
        Ok(out)
    }

    /// The next part of the report begun (its rows, then its end); empty
    /// when the report is written.
    pub fn next(&mut self, report: &WasmReport) -> Result<Vec<u8>, JsError> {
        let Some(tail) = self.tail.as_ref() else {
            return Ok(Vec::new());
        };
        let rows = &report.report().rows;
        let mut out = Vec::new();
        let pad = self.pad();
        while out.len() < PART {
            let Some(row) = rows.get(self.next_row) else {
                if !rows.is_empty() {
                    out.extend_from_slice(b"\n");
                    out.extend_from_slice(pad);
                    out.extend_from_slice(b"  ");
                }
                Indent::new(&mut out, pad).write_all(tail.as_bytes())?;
                self.tail = None;
                break;
            };
            out.extend_from_slice(if self.next_row == 0 { b"\n" } else { b",\n" });
            out.extend_from_slice(pad);
            out.extend_from_slice(b"    ");
            let mut w = Indent::new(Indent::new(&mut out, pad), b"    ");
            serde_json::to_writer_pretty(&mut w, row).map_err(js_err)?;
            self.next_row += 1;
        }
        Ok(out)
    }

    /// The end of the file, after every report.
    pub fn end(&mut self) -> Vec<u8> {
        if self.files > 1 {
            b"\n]\n".to_vec()
        } else {
            b"\n".to_vec()
        }
    }
}

/// Indents every line after the first by `pad` (serde's pretty JSON of a
/// value nested deeper than it was written).
struct Indent<W: Write> {
    out: W,
    pad: &'static [u8],
}

impl<W: Write> Indent<W> {
    fn new(out: W, pad: &'static [u8]) -> Self {
        Indent { out, pad }
    }
}

impl<W: Write> Write for Indent<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for line in buf.split_inclusive(|&b| b == b'\n') {
            self.out.write_all(line)?;
            if line.ends_with(b"\n") {
                self.out.write_all(self.pad)?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}
