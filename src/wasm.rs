//! The WebAssembly adapter: the only `#[wasm_bindgen]` in the crate. The page's
//! worker creates a [`WasmChecker`] per file, pushes `File.slice` chunks and
//! `finish`es it into a [`WasmReport`]: the report stays here, in Rust, and
//! the page gets a summary without the rows, the flagged rows' view indexes,
//! and the findings of just the rows it draws (see [`report`]); the CLI's JSON
//! is written only when the clerk downloads it. With
//! [`WasmChecker::keep_rows`] the checker also keeps where each of the
//! file's rows starts, for the page's table view, which reads the rows it
//! draws again from the file (see [`view`]): neither the page nor the worker
//! holds the whole file.
//! The safe copy and audit record (`WasmRedactor`, `WasmHasher`,
//! `WasmRecord`...) are in [`safecopy`]; the organisation's profile and the
//! session's roster in [`profile`].

use wasm_bindgen::prelude::*;

use crate::{Checker, Options};

mod profile;
mod report;
mod safecopy;
mod view;
mod warmup;
pub use report::{WasmFindings, WasmReport};
use view::RowStore;

fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// Settings from a JS object with the serde names of [`Options`] (missing
/// fields take their defaults), or the defaults for undefined / null.
fn options_from(options: JsValue) -> Result<Options, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    serde_wasm_bindgen::from_value(options).map_err(js_err)
}

/// One file being checked, and then its rows for the page's table.
#[wasm_bindgen]
pub struct WasmChecker {
    inner: Option<Checker>,
    view: Option<RowStore>,
}

#[wasm_bindgen]
impl WasmChecker {
    /// `options` is a JS object like `{k: 3, small_count: 5}` or undefined.
    #[wasm_bindgen(constructor)]
    pub fn new(name: &str, options: JsValue) -> Result<WasmChecker, JsError> {
        Ok(WasmChecker {
            inner: Some(Checker::new(name, options_from(options)?)),
            view: None,
        })
    }

    /// Match this file against the session's staff roster too (it stays in
    /// the worker's memory; the report's settings never include it). Call
    /// before the first `push`.
    #[wasm_bindgen(js_name = setRoster)]
    pub fn set_roster(&mut self, roster: &profile::WasmRoster) {
        self.inner = self.inner.take().map(|c| c.with_roster(roster.shared()));
    }

    /// Also keep where every row starts (up to `limit` bytes of memory) for
    /// the table view, tapped from the checker's own parse: the page reads
    /// the rows it draws again (`viewSpans`, `viewRead`). Call before the
    /// first `push`. `size` is the file's size in bytes if known (else 0):
    /// the view makes room for about that many rows at once rather than
    /// growing (and copying) as it fills.
    #[wasm_bindgen(js_name = keepRows)]
    pub fn keep_rows(&mut self, limit: f64, size: Option<f64>) {
        let mut store = RowStore::new(limit as usize);
        store.make_room(size.unwrap_or(0.0) as usize);
        self.view = Some(store);
    }

    /// Feed the next chunk. Throws with a message naming row and byte when
    /// the file cannot be read; `finish` still gives the (incomplete) report.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), JsError> {
        let checker = self
            .inner
            .as_mut()
            .ok_or_else(|| js_err("this file's check has already finished"))?;
        match self.view.as_mut() {
            Some(store) => checker.push_tapped(chunk, store),
            None => checker.push(chunk),
        }
        .map_err(js_err)
    }

    /// Warnings the report starts with (a workbook's sheet is hidden: see
    /// [`WasmWorkbook::warnings`]). Call before the first `push`.
    #[wasm_bindgen(js_name = setWarnings)]
    pub fn set_warnings(&mut self, warnings: Vec<String>) {
        self.inner = self.inner.take().map(|c| c.with_warnings(warnings));
    }

    /// Records read so far.
    #[wasm_bindgen(js_name = rowsRead)]
    pub fn rows_read(&self) -> f64 {
        self.inner.as_ref().map_or(0.0, |c| c.rows_read() as f64)
    }

    /// The report, kept in Rust: see [`WasmReport`].
    pub fn finish(&mut self) -> Result<WasmReport, JsError> {
        let checker = self
            .inner
            .take()
            .ok_or_else(|| js_err("this file's check has already finished"))?;
        let report = match self.view.as_mut() {
            Some(store) => {
                let report = checker.finish_tapped(store);
                store.seal(&report);
                report
            }
            None => checker.finish(),
        };
        Ok(WasmReport::new(report))
    }

    /// Rows in the table view (after `finish`).
    #[wasm_bindgen(js_name = viewLength)]
    pub fn view_length(&self) -> u32 {
        self.view.as_ref().map_or(0, |s| s.len() as u32)
    }

    /// True when the view stopped at its limit (every row was still checked).
    #[wasm_bindgen(js_name = viewTruncated)]
    pub fn view_truncated(&self) -> bool {
        self.view.as_ref().is_some_and(|s| s.truncated())
    }

    /// The slices of the file to read to draw view rows `indexes`, as
    /// `[first, last, from, to, ...]`: view rows `first..=last` are in the
    /// file's bytes `from..to` (read them, then call `viewRead`).
    #[wasm_bindgen(js_name = viewSpans)]
    pub fn view_spans(&self, indexes: &[u32]) -> Vec<f64> {
        let spans = self
            .view
            .as_ref()
            .map(|s| s.spans(indexes))
            .unwrap_or_default();
        spans
            .iter()
            .flat_map(|s| [s.first as f64, s.last as f64, s.from as f64, s.to as f64])
            .collect()
    }

    /// View rows `first..=last` from `bytes` (the file's bytes from `from`,
    /// as `viewSpans` gave them), with their findings in `report` (this file's),
    /// as JSON `[[index, row, [[column, text], ...], finding or null], ...]`:
    /// the finding in the CLI's JSON shape. Throws if the rows are not
    /// there (the file has changed since it was checked).
    #[wasm_bindgen(js_name = viewRead)]
    pub fn view_read(
        &self,
        first: u32,
        last: u32,
        from: f64,
        bytes: &[u8],
        report: &WasmReport,
    ) -> Result<String, JsError> {
        let store = self
            .view
            .as_ref()
            .ok_or_else(|| js_err("no rows are kept for this file"))?;
        let rows = store
            .rows(first, last, from as u64, bytes)
            .map_err(js_err)?;
        let rows: Vec<_> = rows
            .into_iter()
            .map(|(k, row, cells)| (k, row, cells, report.finding(row)))
            .collect();
        serde_json::to_string(&rows).map_err(js_err)
    }

    /// The view index of each of `report`'s flagged rows that the view
    /// holds, in order (for "flagged only" and next / previous flagged row).
    #[wasm_bindgen(js_name = flaggedView)]
    pub fn flagged_view(&self, report: &WasmReport) -> Vec<u32> {
        self.view.as_ref().map_or_else(Vec::new, |s| {
            let rows: Vec<u64> = report.flagged_rows().collect();
            s.find_all(&rows)
        })
    }

    /// The view index of each row number (`0xFFFFFFFF` when absent).
    #[wasm_bindgen(js_name = viewFind)]
    pub fn view_find(&self, rows: &[f64]) -> Vec<u32> {
        self.view
            .as_ref()
            .map_or_else(|| vec![u32::MAX; rows.len()], |s| s.find(rows))
    }

    /// A search of the view's rows for a cell containing `needle` (ignoring
    /// case), to be fed the file's bytes `from()..to()`; undefined for an
    /// empty needle or an empty view.
    #[wasm_bindgen(js_name = viewSearch)]
    pub fn view_search(&self, needle: &str) -> Option<WasmSearch> {
        let search = self.view.as_ref()?.search(needle)?;
        Some(WasmSearch {
            inner: Some(search),
        })
    }
}

/// A search of a file's view: see [`WasmChecker::view_search`].
#[wasm_bindgen]
pub struct WasmSearch {
    inner: Option<view::Search>,
}

#[wasm_bindgen]
impl WasmSearch {
    /// The first byte of the file to feed.
    pub fn from(&self) -> f64 {
        self.inner.as_ref().map_or(0.0, |s| s.from as f64)
    }

    /// Where to stop feeding (exclusive).
    pub fn to(&self) -> f64 {
        self.inner.as_ref().map_or(0.0, |s| s.to as f64)
    }

    /// The next bytes, in order.
    pub fn push(&mut self, bytes: &[u8]) -> Result<(), JsError> {
        match self.inner.as_mut() {
            Some(s) => s.push(bytes).map_err(js_err),
            None => Err(js_err("this search has finished")),
        }
    }

    /// The view indexes of the rows found, ascending.
    pub fn finish(&mut self) -> Result<Vec<u32>, JsError> {
        let s = self
            .inner
            .take()
            .ok_or_else(|| js_err("this search has finished"))?;
        s.finish().map_err(js_err)
    }
}

/// The sheets of an Excel workbook, each to be checked as a CSV file of its
/// own ([`crate::workbook`]).
#[wasm_bindgen]
pub struct WasmWorkbook {
    sheets: Vec<crate::workbook::SheetInput>,
}

#[wasm_bindgen]
impl WasmWorkbook {
    /// The sheets of the workbook `bytes` named `name`, or undefined when the
    /// bytes are no .xlsx workbook (check them as CSV: the reader says what
    /// they are). Throws with the reason when the workbook cannot be read.
    pub fn open(name: &str, bytes: &[u8]) -> Result<Option<WasmWorkbook>, JsError> {
        let sheets = crate::workbook::split(name, bytes).map_err(|e| js_err(e.reason()))?;
        Ok(sheets.map(|sheets| WasmWorkbook { sheets }))
    }

    /// How many sheets (with cells) it has.
    pub fn len(&self) -> u32 {
        self.sheets.len() as u32
    }

    /// Whether it has none.
    #[wasm_bindgen(js_name = isEmpty)]
    pub fn is_empty(&self) -> bool {
        self.sheets.is_empty()
    }

    /// The `i`-th sheet's name in reports: `Staff.xlsx, sheet "Officers"`.
    pub fn name(&self, i: u32) -> String {
        self.sheets
            .get(i as usize)
            .map_or_else(String::new, |s| s.name.clone())
    }

    /// Its state in Excel: `visible`, `hidden` or `veryHidden`.
    pub fn state(&self, i: u32) -> String {
        use crate::read::xlsx::SheetState;
        match self.sheets.get(i as usize).map(|s| s.state) {
            Some(SheetState::Hidden) => "hidden",
            Some(SheetState::VeryHidden) => "veryHidden",
            _ => "visible",
        }
        .to_string()
    }

    /// Its warnings, for [`WasmChecker::set_warnings`].
    pub fn warnings(&self, i: u32) -> Vec<String> {
        self.sheets
            .get(i as usize)
            .map_or_else(Vec::new, |s| s.warnings.clone())
    }

    /// Its cells as CSV bytes (row k is Excel's row k).
    pub fn csv(&self, i: u32) -> Vec<u8> {
        self.sheets
            .get(i as usize)
            .map_or_else(Vec::new, |s| s.csv.clone())
    }
}

/// Settings (a JS object as for [`WasmChecker::new`]) in words, as JSON
/// `{summary, k, counts}`: "k = 3; preset \"<5\"", the k in force, and the
/// counts of people flagged ("from 1 to 4").
#[wasm_bindgen(js_name = describeSettings)]
pub fn describe_settings(options: JsValue) -> Result<String, JsError> {
    let o = options_from(options)?;
    let words = serde_json::json!({"summary": o.describe(), "k": o.k_effective(), "counts": o.count_rule().describe()});
    Ok(words.to_string())
}

/// Every rule, as JSON `[{id, description}]`.
#[wasm_bindgen]
pub fn rules() -> String {
    let rules: Vec<_> = crate::rules::all()
        .into_iter()
        .map(|r| serde_json::json!({"id": r.id, "description": r.description}))
        .collect();
    serde_json::Value::Array(rules).to_string()
}

/// A synthetic staff list of `rows` rows (fixed seed, nobody real) for the
/// worker to check once as it starts, so that the browser has optimised the
/// check's code before the first file arrives: see [`warmup`].
#[wasm_bindgen(js_name = warmUpSample)]
pub fn warm_up_sample(rows: u32) -> Vec<u8> {
    warmup::staff_list(rows as usize)
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Ready `mb` megabytes of memory for the next file, so that its check does
/// not pay for the first touch of new memory: see [`warmup::reserve`].
#[wasm_bindgen(js_name = reserveMemory)]
pub fn reserve_memory(mb: u32) {
    warmup::reserve(mb as usize);
}
