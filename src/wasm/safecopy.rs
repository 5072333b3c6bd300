//! The page's safe copy and audit record: thin wrappers over
//! [`crate::redact`] and [`crate::record`]. The worker streams the original
//! `File` through a [`WasmRedactor`] (hashing what it returns), checks the
//! output again with a `WasmChecker`, and builds the record with a
//! [`WasmRecord`] from the reports, hashes and policy. Reports are the
//! worker's [`WasmReport`] handles, never JSON. The date and time come
//! from the page (the core reads no clock).

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::{js_err, WasmReport};
use crate::record::{FileRecord, Hasher, Record, RecordOptions};
use crate::redact::{safe_name, Coarsening, Outcome, Policy, Redactor};
use crate::report::ColumnClass;

/// Streams a file's bytes through a policy into its safe copy, and hashes
/// the copy as it goes.
#[wasm_bindgen]
pub struct WasmRedactor {
    inner: Option<Redactor>,
    hash: Option<Hasher>,
    size: u64,
    sha256: String,
    outcome: Option<Outcome>,
}

#[wasm_bindgen]
impl WasmRedactor {
    /// `policy`: the policy JSON (see [`Policy`]); `report`: a check of the
    /// same bytes made with the policy's check options.
    #[wasm_bindgen(constructor)]
    pub fn new(policy: &str, report: &WasmReport) -> Result<WasmRedactor, JsError> {
        let policy = Policy::from_json(policy).map_err(js_err)?;
        Ok(WasmRedactor {
            inner: Some(Redactor::new(&policy, report.report())),
            hash: Some(Hasher::new()),
            size: 0,
            sha256: String::new(),
            outcome: None,
        })
    }

    fn out(&mut self, bytes: Vec<u8>) -> Vec<u8> {
        if let Some(h) = self.hash.as_mut() {
            h.push(&bytes);
        }
        self.size += bytes.len() as u64;
        bytes
    }

    /// The next chunk of the original; returns the safe copy's bytes ready so far.
    pub fn push(&mut self, chunk: &[u8]) -> Result<Vec<u8>, JsError> {
        let r = self
            .inner
            .as_mut()
            .ok_or_else(|| js_err("this safe copy has already finished"))?;
        let bytes = r.push(chunk).map_err(js_err)?;
        Ok(self.out(bytes))
    }

    /// End of the original: the last bytes of the safe copy.
    pub fn finish(&mut self) -> Result<Vec<u8>, JsError> {
        let r = self
            .inner
            .take()
            .ok_or_else(|| js_err("this safe copy has already finished"))?;
        let (bytes, outcome) = r.finish().map_err(js_err)?;
        let bytes = self.out(bytes);
        self.sha256 = self.hash.take().map(Hasher::finish).unwrap_or_default();
        self.outcome = Some(outcome);
        Ok(bytes)
    }

    /// What was done, as JSON (after `finish`).
    pub fn outcome(&self) -> Result<String, JsError> {
        serde_json::to_string(&self.outcome.clone().unwrap_or_default()).map_err(js_err)
    }

    /// SHA-256 of the safe copy, lowercase hex (after `finish`).
    pub fn sha256(&self) -> String {
        self.sha256.clone()
    }

    /// Bytes of the safe copy written so far.
    pub fn size(&self) -> f64 {
        self.size as f64
    }
}

/// SHA-256 over chunks, for the original file.
#[wasm_bindgen]
pub struct WasmHasher(Option<Hasher>);

#[wasm_bindgen]
impl WasmHasher {
    /// A new hash.
    #[wasm_bindgen(constructor)]
    pub fn new() -> WasmHasher {
        WasmHasher(Some(Hasher::new()))
    }

    /// The next chunk.
    pub fn push(&mut self, chunk: &[u8]) {
        if let Some(h) = self.0.as_mut() {
            h.push(chunk);
        }
    }

    /// Lowercase hex; the hash is spent.
    pub fn finish(&mut self) -> String {
        self.0.take().map(Hasher::finish).unwrap_or_default()
    }
}

impl Default for WasmHasher {
    fn default() -> Self {
        Self::new()
    }
}

/// One column of a file, as the safe-copy step lists it.
#[derive(Serialize)]
struct ColumnChoice {
    table: usize,
    index: usize,
    header: String,
    class: ColumnClass,
    identifying: bool,
    /// The coarsening that suits it, if any (district only with a profile).
    coarsen: Option<Coarsening>,
    coarsen_words: Option<&'static str>,
}

/// The safe-copy step for a report: JSON `{policy, columns, coarsen}` with the proposed default policy
/// ([`Policy::default_for`]), every column of every table with its class and
/// the coarsening it allows, and the columns the rare-combination advice
/// says to coarsen (`[{table, index, by}]`).
#[wasm_bindgen(js_name = safeCopyPlan)]
pub fn safe_copy_plan(report: &WasmReport) -> Result<String, JsError> {
    let report = report.report();
    let policy = Policy::default_for(report);
    let has_profile = report.settings.profile.is_some();
    // Each column's report by (table, file column), the first if several: a
    // search of every column for each made the plan of a file of 99,000
    // columns take 9 s.
    let mut reported: crate::detect::FastMap<(usize, usize), &crate::report::ColumnReport> =
        crate::detect::FastMap::default();
    for c in &report.columns {
        reported.entry((c.table, c.index)).or_insert(c);
    }
    let mut columns = Vec::new();
    for (t, table) in report.tables.iter().enumerate() {
        for (j, header) in table.header.iter().enumerate() {
            let index = table.first_column + j;
            let found = reported.get(&(t, index)).copied();
            let class = found.map_or(ColumnClass::Other, |c| c.class);
            let coarsen = Coarsening::for_class(class)
                .filter(|by| *by != Coarsening::District || has_profile);
            columns.push(ColumnChoice {
                table: t,
                index,
                header: header.clone(),
                class,
                identifying: found.is_some_and(|c| c.identifying),
                coarsen,
                coarsen_words: coarsen.map(Coarsening::describe),
            });
        }
    }
    let coarsen: Vec<_> = policy
        .columns
        .iter()
        .filter_map(|c| match c.action {
            crate::redact::ColumnAction::Coarsen { by } => Some(
                serde_json::json!({"table": c.column.table, "index": c.column.index, "by": by}),
            ),
            _ => None,
        })
        .collect();
    let out = serde_json::json!({"policy": policy, "columns": columns, "coarsen": coarsen});
    Ok(out.to_string())
}

/// The decisions of a policy in words, as a JSON array of sentences.
#[wasm_bindgen(js_name = describePolicy)]
pub fn describe_policy(policy: &str) -> Result<String, JsError> {
    let policy = Policy::from_json(policy).map_err(js_err)?;
    serde_json::to_string(&policy.describe()).map_err(js_err)
}

/// The settings the original must be checked with for this policy (its
/// small-count threshold), as JSON; `""` when the report's own settings
/// already fit (no second check of the original is needed).
#[wasm_bindgen(js_name = policyCheckOptions)]
pub fn policy_check_options(policy: &str, report: &WasmReport) -> Result<String, JsError> {
    let policy = Policy::from_json(policy).map_err(js_err)?;
    let settings = &report.report().settings;
    let o = policy.check_options(settings);
    if o == *settings {
        return Ok(String::new());
    }
    serde_json::to_string(&o).map_err(js_err)
}

/// The file name a safe copy gets: `staff.csv` -> `staff-safe.csv`.
#[wasm_bindgen(js_name = safeName)]
pub fn safe_name_js(name: &str) -> String {
    safe_name(name)
}

/// What the page says about the record as a whole.
#[derive(Deserialize)]
struct RecordMeta {
    created: String,
    #[serde(default)]
    reference: String,
    #[serde(default)]
    note: String,
    values: bool,
}

/// What the page says about a safe copy it saved.
#[derive(Deserialize)]
struct SafeCopyInput {
    name: String,
    bytes: u64,
    sha256: String,
    policy: Policy,
    outcome: Outcome,
}

/// The audit record, file by file, from the worker's reports.
#[wasm_bindgen]
pub struct WasmRecord {
    record: Record,
    values: bool,
}

#[wasm_bindgen]
impl WasmRecord {
    /// `meta`: JSON `{created, reference, note, values}`.
    #[wasm_bindgen(constructor)]
    pub fn new(meta: &str) -> Result<WasmRecord, JsError> {
        let m: RecordMeta = serde_json::from_str(meta).map_err(js_err)?;
        let record = Record::new(&RecordOptions {
            created: m.created,
            reference: m.reference,
            note: m.note,
            values: m.values,
        });
        Ok(WasmRecord {
            record,
            values: m.values,
        })
    }

    /// A file: the report of its check and its SHA-256.
    pub fn add(&mut self, report: &WasmReport, sha256: &str) {
        let report = report.report();
        let file = FileRecord::new(report, sha256, self.values);
        self.record.add(file, report);
    }

    /// A file with its safe copy: `safe` is JSON `{name, bytes, sha256,
    /// policy, outcome}`, `after` the check of the safe copy.
    #[wasm_bindgen(js_name = addWithSafeCopy)]
    pub fn add_with_safe_copy(
        &mut self,
        report: &WasmReport,
        sha256: &str,
        safe: &str,
        after: &WasmReport,
    ) -> Result<(), JsError> {
        let s: SafeCopyInput = serde_json::from_str(safe).map_err(js_err)?;
        let report = report.report();
        let file = FileRecord::new(report, sha256, self.values).with_safe_copy_digest(
            &s.name,
            s.bytes,
            &s.sha256,
            after.report(),
            &s.policy,
            &s.outcome,
        );
        self.record.add(file, report);
        Ok(())
    }

    /// The record as a printable HTML page (`format` "html") or JSON ("json").
    pub fn write(&self, format: &str) -> Result<String, JsError> {
        match format {
            "json" => Ok(self.record.to_json()),
            "html" => Ok(self.record.to_html()),
            f => Err(js_err(format!(
                "unknown record format {f:?}: use html or json"
            ))),
        }
    }
}
