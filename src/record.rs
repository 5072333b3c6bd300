//! The audit record: proof that a file was checked, how, what was found and
//! what was done before publication (the ICO asks what checks were made).
//!
//! A [`Record`] is data (serde): one record covers one or more files, each
//! with its name, size and SHA-256, the safe copy's SHA-256 when one was
//! made, the summary, every finding (row, kind, reason) and the decisions
//! taken. It renders as JSON ([`Record::to_json`]) and as a self-contained,
//! printable HTML page ([`Record::to_html`]): no external resources, inline
//! CSS with an A4 print stylesheet, a strict Content Security Policy, and
//! every piece of file text escaped ([`escape_html`]) and isolated (`<bdi>`),
//! because cell text is data, never markup.
//!
//! The core reads no clock: the adapter passes the date and time in.
//! With `values: false` the matched texts (and the sentences that quote them)
//! are left out, so the record itself holds no personal data.
//!
//! ```
//! use foi_check::{check_bytes, Options};
//! use foi_check::record::{sha256_hex, FileRecord, Record, RecordOptions};
//! let csv = b"Ref,Count\nA,12\n";
//! let report = check_bytes("counts.csv", csv, &Options::default());
//! let mut record = Record::new(&RecordOptions {
//!     created: "2026-03-01T10:00:00Z".into(), reference: "FOI/2026/0042".into(),
//!     ..RecordOptions::default() });
//! record.files.push(FileRecord::new(&report, &sha256_hex(csv), false));
//! let html = record.to_html();
//! assert!(html.contains("FOI/2026/0042") && html.contains(&sha256_hex(csv)));
//! ```

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::options::Options;
use crate::redact::{Outcome, Policy};
use crate::report::{Kind, Problem, Report, Summary};

/// Version of the detection rules (rule tables, name lists, patterns). Bumped
/// whenever a rule table changes what is found; the record also carries a
/// fingerprint of the rule ids and descriptions ([`rules_fingerprint`]).
pub const RULES_VERSION: &str = "1";

/// SHA-256 of bytes, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let mut h = Hasher::new();
    h.push(bytes);
    h.finish()
}

/// SHA-256 over chunks (the same chunks the checker gets).
#[derive(Debug, Clone, Default)]
pub struct Hasher(Sha256);

impl Hasher {
    /// A new hash.
    pub fn new() -> Self {
        Hasher(Sha256::new())
    }

    /// The next chunk.
    pub fn push(&mut self, chunk: &[u8]) {
        self.0.update(chunk);
    }

    /// Lowercase hex.
    pub fn finish(self) -> String {
        self.0
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// A short fingerprint of every rule id and description (the detector's
/// and the risk models'): two records with the same fingerprint were made
/// with the same rules.
pub fn rules_fingerprint() -> String {
    let mut h = Hasher::new();
    for r in crate::rules::all()
        .iter()
        .chain(crate::risk::rules().iter())
    {
        h.push(r.id.as_bytes());
        h.push(b"\0");
        h.push(r.description.as_bytes());
        h.push(b"\n");
    }
    h.finish().chars().take(12).collect()
}

/// A UTC date and time (`2026-03-01T10:00:00Z`) from seconds since 1970,
/// for adapters that read the clock (the core does not).
pub fn format_utc(unix_seconds: u64) -> String {
    let days = (unix_seconds / 86_400) as i64;
    let secs = unix_seconds % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Escape text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters would not print; show them as the replacement mark.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// What goes into a record besides the files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordOptions {
    /// Date and time of the check, as the adapter formats it (ISO 8601).
    pub created: String,
    /// The request reference (free text).
    pub reference: String,
    /// The clerk's note (free text).
    pub note: String,
    /// Include matched values (`false`: the record holds no personal data).
    pub values: bool,
}

/// One reason in the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReasonRecord {
    /// Rule id.
    pub rule: String,
    /// Column(s).
    pub column: String,
    /// The matched text; left out without values.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub text: Option<String>,
    /// The explanation; left out without values (it quotes the text).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub why: Option<String>,
}

/// One finding in the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FindingRecord {
    /// Row number.
    pub row: u64,
    /// Kind.
    pub kind: Kind,
    /// Reasons.
    pub reasons: Vec<ReasonRecord>,
}

/// The safe copy made of a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SafeCopyRecord {
    /// Its file name.
    pub name: String,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256, hex.
    pub sha256: String,
    /// Summary of the check of the safe copy.
    pub summary_after: Summary,
    /// Rows checked in the safe copy (the same as the original's).
    pub rows_checked_after: u64,
    /// The decisions taken, in words.
    pub decisions: Vec<String>,
    /// What was done, counted.
    pub outcome: Outcome,
}

/// One file in the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileRecord {
    /// File name as given.
    pub name: String,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of the file, hex (for a workbook's sheet, of the workbook).
    pub sha256: String,
    /// Encoding read.
    pub encoding: String,
    /// Delimiter found.
    pub delimiter: String,
    /// Rows checked.
    pub rows_checked: u64,
    /// Whether every row was read and checked.
    pub complete: bool,
    /// Counts by kind.
    pub summary: Summary,
    /// Every finding.
    pub findings: Vec<FindingRecord>,
    /// Errors.
    pub errors: Vec<Problem>,
    /// Warnings.
    pub warnings: Vec<Problem>,
    /// The safe copy, when one was made.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub safe_copy: Option<SafeCopyRecord>,
}

impl FileRecord {
    /// A file's entry from its report and SHA-256; `values: false` leaves
    /// matched texts and the sentences quoting them out.
    pub fn new(report: &Report, sha256: &str, values: bool) -> FileRecord {
        let findings = report
            .rows
            .iter()
            .map(|r| FindingRecord {
                row: r.row,
                kind: r.kind,
                reasons: r
                    .reasons
                    .iter()
                    .map(|x| ReasonRecord {
                        rule: x.rule.to_string(),
                        column: x.column.to_string(),
                        text: values.then(|| x.text.to_string()),
                        why: values.then(|| x.why.to_string()),
                    })
                    .collect(),
            })
            .collect();
        FileRecord {
            name: report.file.clone(),
            bytes: report.bytes,
            sha256: sha256.to_string(),
            encoding: report.encoding.clone(),
            delimiter: report.delimiter.clone(),
            rows_checked: report.rows_checked,
            complete: report.complete,
            summary: report.summary.clone(),
            findings,
            errors: report.errors.clone(),
            warnings: report.warnings.clone(),
            safe_copy: None,
        }
    }

    /// Add the safe copy: its name, bytes (hashed here), the check of it, the
    /// policy applied and what was done.
    pub fn with_safe_copy(
        self,
        name: &str,
        bytes: &[u8],
        after: &Report,
        policy: &Policy,
        outcome: &Outcome,
    ) -> FileRecord {
        let size = bytes.len() as u64;
        self.with_safe_copy_digest(name, size, &sha256_hex(bytes), after, policy, outcome)
    }

    /// The same when the safe copy was streamed: its size and SHA-256 (a
    /// [`Hasher`] fed the chunks the redactor returned).
    pub fn with_safe_copy_digest(
        mut self,
        name: &str,
        size: u64,
        sha256: &str,
        after: &Report,
        policy: &Policy,
        outcome: &Outcome,
    ) -> FileRecord {
        self.safe_copy = Some(SafeCopyRecord {
            name: name.to_string(),
            bytes: size,
            sha256: sha256.to_string(),
            summary_after: after.summary.clone(),
            rows_checked_after: after.rows_checked,
            decisions: policy.describe(),
            outcome: outcome.clone(),
        });
        self
    }
}

/// The audit record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// `foi-check`.
    pub tool: String,
    /// foi-check version.
    pub version: String,
    /// Rules version ([`RULES_VERSION`]).
    pub rules_version: String,
    /// Fingerprint of the rules ([`rules_fingerprint`]).
    pub rules_fingerprint: String,
    /// Date and time of the check, as passed in.
    pub created: String,
    /// Request reference.
    pub reference: String,
    /// The clerk's note.
    pub note: String,
    /// Whether matched values are included.
    pub values_included: bool,
    /// The settings, in words.
    pub settings_text: String,
    /// The settings as data (`None` until a file is added).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub settings: Option<Options>,
    /// The files.
    pub files: Vec<FileRecord>,
}

impl Record {
    /// An empty record.
    pub fn new(o: &RecordOptions) -> Record {
        Record {
            tool: "foi-check".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            rules_version: RULES_VERSION.to_string(),
            rules_fingerprint: rules_fingerprint(),
            created: o.created.clone(),
            reference: o.reference.clone(),
            note: o.note.clone(),
            values_included: o.values,
            settings_text: String::new(),
            settings: None,
            files: Vec::new(),
        }
    }

    /// Add a file and its settings (the first file's settings are the record's).
    pub fn add(&mut self, file: FileRecord, report: &Report) {
        if self.settings.is_none() {
            let mut s = report.settings.clone();
            let profile = s.profile.as_ref().map(|p| p.name.clone());
            self.settings_text = match profile {
                Some(n) if !n.is_empty() => format!("{}; profile \"{n}\"", s.describe()),
                _ => s.describe(),
            };
            // The allow-list names people: not in a record without values.
            if !self.values_included {
                if let Some(p) = s.profile.as_mut() {
                    p.allow_names.clear();
                }
            }
            self.settings = Some(s);
        }
        self.files.push(file);
    }

    /// JSON, pretty-printed.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// A self-contained printable HTML page.
    pub fn to_html(&self) -> String {
        let e = escape_html;
        let mut h = String::with_capacity(16 << 10);
        h.push_str(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        );
        let title = if self.reference.trim().is_empty() {
            "foi-check record".to_string()
        } else {
            format!("foi-check record: {}", self.reference)
        };
        h.push_str(&format!(
            "<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
            e(&title)
        ));
        h.push_str("<header><h1>Record of a check before publication</h1>\n<dl class=\"meta\">\n");
        let mut dd = |k: &str, v: &str| {
            h.push_str(&format!("<dt>{}</dt><dd><bdi>{}</bdi></dd>\n", e(k), e(v)));
        };
        dd("Request reference", &self.reference);
        dd("Date and time", &self.created);
        dd("Tool", &format!("{} {}", self.tool, self.version));
        dd(
            "Rules",
            &format!(
                "version {} (fingerprint {})",
                self.rules_version, self.rules_fingerprint
            ),
        );
        dd("Settings", &self.settings_text);
        dd(
            "Matched values",
            if self.values_included {
                "included"
            } else {
                "left out: this record holds no personal data from the files"
            },
        );
        h.push_str("</dl>\n");
        if !self.note.trim().is_empty() {
            h.push_str(&format!(
                "<h2>Note</h2>\n<p class=\"note\"><bdi>{}</bdi></p>\n",
                e(&self.note)
            ));
        }
        h.push_str("</header>\n");
        for f in &self.files {
            file_html(&mut h, f, self.values_included);
        }
        h.push_str("<footer><p>Made by foi-check on this computer; no data left it.</p></footer>\n</body>\n</html>\n");
        h
    }
}

fn summary_text(s: &Summary) -> String {
    if s.rows_flagged == 0 {
        return "0 rows identify anyone".to_string();
    }
    let parts: Vec<String> = Kind::ALL
        .iter()
        .filter(|k| s.get(**k) > 0)
        .map(|k| format!("{} {}", s.get(*k), k.label()))
        .collect();
    format!("{} rows flagged: {}", s.rows_flagged, parts.join(", "))
}

fn file_html(h: &mut String, f: &FileRecord, values: bool) {
    let e = escape_html;
    h.push_str(&format!(
        "<section class=\"file\">\n<h2>File: <bdi>{}</bdi></h2>\n<dl class=\"meta\">\n",
        e(&f.name)
    ));
    let mut dd = |k: &str, v: &str, class: &str| {
        h.push_str(&format!(
            "<dt>{}</dt><dd class=\"{class}\"><bdi>{}</bdi></dd>\n",
            e(k),
            e(v)
        ));
    };
    // A workbook's sheet: its size is of the cells checked (as CSV), its
    // hash of the workbook that is published.
    if crate::workbook::parse_sheet_name(&f.name).is_some() {
        dd("Size", &format!("{} bytes of cells (as CSV)", f.bytes), "");
        dd("SHA-256 of the workbook", &f.sha256, "hash");
    } else {
        dd("Size", &format!("{} bytes", f.bytes), "");
        dd("SHA-256", &f.sha256, "hash");
    }
    dd(
        "Read as",
        &format!("{}, delimiter {}", f.encoding, f.delimiter),
        "",
    );
    dd("Rows checked", &f.rows_checked.to_string(), "");
    dd(
        "Complete",
        if f.complete {
            "yes: every row was read and checked"
        } else {
            "NO: the check stopped early"
        },
        "",
    );
    dd("Result", &summary_text(&f.summary), "");
    if let Some(s) = &f.safe_copy {
        dd("Safe copy", &s.name, "");
        dd("Safe copy size", &format!("{} bytes", s.bytes), "");
        dd("Safe copy SHA-256", &s.sha256, "hash");
        dd(
            "Safe copy checked again",
            &format!(
                "{} rows; {}",
                s.rows_checked_after,
                summary_text(&s.summary_after)
            ),
            "",
        );
    }
    h.push_str("</dl>\n");
    for p in f.errors.iter().chain(&f.warnings) {
        let at = p.row.map(|r| format!("row {r}: ")).unwrap_or_default();
        h.push_str(&format!(
            "<p class=\"problem\"><bdi>{}{}</bdi></p>\n",
            e(&at),
            e(&p.reason)
        ));
    }
    if let Some(s) = &f.safe_copy {
        h.push_str("<h3>Decisions for the safe copy</h3>\n<ul>\n");
        for d in &s.decisions {
            h.push_str(&format!("<li><bdi>{}</bdi></li>\n", e(d)));
        }
        let o = &s.outcome;
        h.push_str(&format!(
            "<li>Done: {} cells masked, {} cells removed with their columns, {} matches replaced in text, \
             {} small counts and {} further cells suppressed, {} cells coarsened, {} rows emptied, \
             {} cells neutralised against formulas.</li>\n",
            o.cells_masked,
            o.cells_removed,
            o.matches_masked,
            o.counts_suppressed,
            o.secondary_suppressed,
            o.cells_coarsened,
            o.rows_removed,
            o.cells_neutralised
        ));
        for w in &o.warnings {
            h.push_str(&format!("<li class=\"problem\"><bdi>{}</bdi></li>\n", e(w)));
        }
        h.push_str("</ul>\n");
    }
    if f.findings.is_empty() {
        h.push_str("<p>No row identifies anyone.</p>\n");
    } else {
        h.push_str("<h3>Findings</h3>\n<table>\n<thead><tr><th>Row</th><th>Kind</th><th>Rule</th><th>Column</th>");
        if values {
            h.push_str("<th>Matched</th><th>Why</th>");
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        for r in &f.findings {
            for (i, x) in r.reasons.iter().enumerate() {
                h.push_str("<tr>");
                if i == 0 {
                    let n = r.reasons.len();
                    h.push_str(&format!(
                        "<td rowspan=\"{n}\">{}</td><td rowspan=\"{n}\">{}</td>",
                        r.row,
                        e(r.kind.label())
                    ));
                }
                h.push_str(&format!(
                    "<td>{}</td><td><bdi>{}</bdi></td>",
                    e(&x.rule),
                    e(&x.column)
                ));
                if values {
                    h.push_str(&format!(
                        "<td><bdi>{}</bdi></td><td><bdi>{}</bdi></td>",
                        e(x.text.as_deref().unwrap_or("")),
                        e(x.why.as_deref().unwrap_or(""))
                    ));
                }
                h.push_str("</tr>\n");
            }
        }
        h.push_str("</tbody>\n</table>\n");
    }
    h.push_str("</section>\n");
}

const CSS: &str = "\
body{font:11pt/1.4 system-ui,-apple-system,'Segoe UI',Arial,sans-serif;color:#111;margin:2em auto;max-width:60em;padding:0 1em}\
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.5em;border-bottom:1px solid #999}h3{font-size:1.05em}\
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dt{font-weight:600}dd{margin:0}\
.hash{font-family:ui-monospace,Consolas,monospace;word-break:break-all}\
.note{white-space:pre-wrap;border-left:3px solid #999;padding-left:.6em}\
.problem{color:#8a1c1c}\
table{border-collapse:collapse;width:100%;font-size:.9em}th,td{border:1px solid #bbb;padding:.2em .4em;text-align:left;vertical-align:top;overflow-wrap:anywhere}\
thead{display:table-header-group}tr{break-inside:avoid;page-break-inside:avoid}\
footer{margin-top:2em;font-size:.85em;color:#444}\
@page{size:A4;margin:16mm 14mm}\
@media print{body{margin:0;max-width:none;font-size:9.5pt}section.file{break-before:page}section.file:first-of-type{break-before:auto}h2,h3{break-after:avoid}a{color:inherit}}";
