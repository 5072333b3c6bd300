//! The safe copy: a [`Policy`] says what to do with each column, row, small
//! count and name found in prose; a [`Redactor`] streams the original bytes
//! through it and writes a new CSV (see [`crate::write`]); [`safe_copy`] does
//! the whole round trip and checks the result again.
//!
//! # What the safe copy keeps
//!
//! - **Every record, in order, with the same row number**: title lines, notes,
//!   headers and blank lines included, so a finding's row number means the same
//!   row in both files and `rows_checked` does not change. A **removed row** is
//!   therefore not dropped: its first cell becomes `[row removed]` and its other
//!   cells are emptied.
//! - **Every untouched cell's text** exactly (the text, as decoded; the file
//!   is written as UTF-8 with a BOM and CRLF line endings, quoting only where
//!   needed). Cells that would run as formulas are neutralised (see
//!   [`crate::write`]): those are the only other cells that change.
//! - A **removed column** is dropped from its table's header and data rows
//!   (title lines and other tables keep their cells). A **masked column**
//!   keeps its header, and each non-empty cell becomes the mask text, e.g.
//!   `[name removed]` (empty cells stay empty: they disclose nothing).
//!
//! # What the policy refers to
//!
//! The redactor applies a policy to the findings of a check of the same
//! bytes (a [`Report`]): names in prose, small counts and rows are found from
//! the report's reasons (row, column and matched text), so the report must be
//! made with the policy's small-count threshold ([`Policy::check_options`]);
//! [`safe_copy`] does that. Columns are named by table index and file column
//! index *and* header text: when a policy saved for one version of a file is
//! used on the next, a column is found by its header if the indexes moved.
//!
//! ```
//! use foi_check::{check_bytes, Options};
//! use foi_check::redact::{safe_copy, Policy};
//! let csv = b"Ref,Note\n1,=HYPERLINK(\"http://x\")\n";
//! let report = check_bytes("notes.csv", csv, &Options::default());
//! let policy = Policy::default_for(&report);
//! let copy = safe_copy("notes.csv", csv, &policy, &Options::default()).unwrap();
//! assert_eq!(copy.bytes, b"\xEF\xBB\xBFRef,Note\r\n1,\"'=HYPERLINK(\"\"http://x\"\")\"\r\n");
//! assert_eq!(copy.report_after.rows_checked, 2);
//! ```

use std::collections::{HashMap, HashSet, VecDeque};

use serde::{Deserialize, Serialize};

use crate::check::check_bytes_with_roster;
use crate::error::{Error, ErrorKind};
use crate::options::Options;
use crate::profile::Profile;
use crate::read::{Reader, Sink, Table};
use crate::report::{ColumnClass, Kind, Report};
use crate::risk::combo::coarse_value;
use crate::risk::counts::{parse_cell, Cell, RULE_SECONDARY, RULE_SMALL};
use crate::risk::words::{is_suppressed, is_total, QiKind};
use crate::write::{needs_neutralising, CsvWriter};

/// The policy format version this build reads and writes.
pub const POLICY_VERSION: u32 = 1;

/// What a removed row's first cell says.
pub const ROW_REMOVED: &str = "[row removed]";

/// Tables of counts held back for secondary suppression at most this many rows.
const HOLD_ROWS: usize = 50_000;

/// A column of the file: the table it belongs to, its file column and header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnRef {
    /// Index into [`Report::tables`].
    pub table: usize,
    /// 0-based column of the file (A = 0).
    pub index: usize,
    /// The header text, used to find the column when the indexes moved.
    #[serde(default)]
    pub header: String,
}

/// How a column's values are coarsened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Coarsening {
    /// Years to decades (`1998` -> `1990s`), lengths of service to 5-year bands.
    Years,
    /// Ages to 10-year bands (`34` -> `30-39`).
    Age,
    /// Salaries to £10,000 bands.
    Salary,
    /// Stations to their district, through the profile's station list.
    District,
}

impl Coarsening {
    /// What it does, in words.
    pub fn describe(self) -> &'static str {
        match self {
            Coarsening::Years => "years to decades, lengths of service to 5-year bands",
            Coarsening::Age => "ages to 10-year bands",
            Coarsening::Salary => "salaries to £10,000 bands",
            Coarsening::District => "stations to their district (from the profile)",
        }
    }

    /// The coarsening that suits a column class, if any.
    pub fn for_class(class: ColumnClass) -> Option<Coarsening> {
        match class {
            ColumnClass::Service => Some(Coarsening::Years),
            ColumnClass::Age => Some(Coarsening::Age),
            ColumnClass::Salary => Some(Coarsening::Salary),
            ColumnClass::Location => Some(Coarsening::District),
            _ => None,
        }
    }

    /// One value coarsened; `None` when this value cannot be (the cell is kept).
    pub fn apply(self, value: &str, profile: Option<&Profile>) -> Option<String> {
        let kind = match self {
            Coarsening::Years => QiKind::Service,
            Coarsening::Age => QiKind::Age,
            Coarsening::Salary => QiKind::Salary,
            Coarsening::District => {
                return profile
                    .and_then(|p| p.district_of(value))
                    .map(str::to_string)
            }
        };
        let (text, how) = coarse_value(value, kind);
        (!how.is_empty()).then_some(text)
    }
}

/// What to do with a column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum ColumnAction {
    /// Leave it as it is.
    Keep,
    /// Drop the column from its table (header and data rows).
    Remove,
    /// Replace every non-empty cell with `text`.
    Mask {
        /// The replacement, e.g. `[name removed]`.
        text: String,
    },
    /// Coarsen the values.
    Coarsen {
        /// How.
        by: Coarsening,
    },
}

/// A decision about one column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnPolicy {
    /// Which column.
    pub column: ColumnRef,
    /// What to do.
    #[serde(flatten)]
    pub action: ColumnAction,
}

/// What to do with a flagged row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowAction {
    /// Keep it (its columns and names are still handled by the other rules).
    Keep,
    /// Empty it: first cell `[row removed]`, the rest blank; the row stays so
    /// row numbers do not move.
    Remove,
}

/// A decision about one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowPolicy {
    /// Row number as the report gives it.
    pub row: u64,
    /// What to do.
    pub action: RowAction,
}

/// How small counts are handled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SmallCounts {
    /// Replace each small count of people with `marker`.
    pub suppress: bool,
    /// `<5`, `*`, `[c]`...
    pub marker: String,
    /// Counts below this are small (the check runs with it).
    pub threshold: u32,
    /// Also suppress a second cell wherever a total would give a suppressed
    /// one away (secondary suppression).
    pub secondary: bool,
}

impl Default for SmallCounts {
    fn default() -> Self {
        SmallCounts {
            suppress: true,
            marker: "*".to_string(),
            threshold: 5,
            secondary: true,
        }
    }
}

/// Everything decided for a safe copy. JSON-serialisable: the page saves it,
/// the CLI loads it (`foi-check redact FILE --policy POLICY.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Policy {
    /// Format version: 1.
    pub version: u32,
    /// Per-column decisions; columns not listed are kept.
    pub columns: Vec<ColumnPolicy>,
    /// Per-row decisions; rows not listed are kept.
    pub rows: Vec<RowPolicy>,
    /// Replace what was matched in kept cells (a name in prose, an e-mail, a
    /// number) with a mask such as `[name removed]`, leaving the rest of the
    /// text.
    pub mask_matches: bool,
    /// Small counts.
    pub small_counts: SmallCounts,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            version: POLICY_VERSION,
            columns: Vec::new(),
            rows: Vec::new(),
            mask_matches: true,
            small_counts: SmallCounts::default(),
        }
    }
}

/// The mask for a column of this class.
pub fn mask_for_class(class: ColumnClass) -> &'static str {
    use ColumnClass as C;
    match class {
        C::Name | C::Forename | C::Surname | C::Initial => "[name removed]",
        C::StaffNumber => "[number removed]",
        C::Email => "[email removed]",
        C::Phone => "[phone number removed]",
        C::NiNumber => "[NI number removed]",
        C::NhsNumber => "[NHS number removed]",
        C::PassportNumber => "[passport number removed]",
        C::BankDetails => "[bank details removed]",
        C::IpAddress => "[IP address removed]",
        C::DateOfBirth => "[date of birth removed]",
        C::Address => "[address removed]",
        C::Postcode => "[postcode removed]",
        C::Photo => "[photo removed]",
        _ => "[removed]",
    }
}

/// The mask for a matched text, from the rule that matched it; `None` for
/// rules whose matches are not personal data on their own (ranks, units,
/// combinations, counts).
pub fn mask_for_rule(rule: &str, text: &str) -> Option<&'static str> {
    let r = rule;
    if r.starts_with("name.")
        || matches!(
            r,
            "text.rank_name" | "text.title_name" | "text.cue_name" | "text.full_name"
        )
    {
        Some("[name removed]")
    } else if r.starts_with("number.")
        || r == "text.rank_number"
        || r == crate::rules::patterns::TEXT_STAFF_NUMBER
    {
        Some("[number removed]")
    } else if r.starts_with("contact.email") {
        Some("[email removed]")
    } else if r == crate::rules::patterns::SOCIAL_HANDLE {
        Some("[handle removed]")
    } else if r.starts_with("contact.phone") {
        Some("[phone number removed]")
    } else if r == "id.nino" {
        Some("[NI number removed]")
    } else if r == crate::rules::patterns::NHS_NUMBER {
        Some("[NHS number removed]")
    } else if r == crate::rules::patterns::PASSPORT {
        Some("[passport number removed]")
    } else if r == crate::rules::patterns::BANK {
        Some("[bank details removed]")
    } else if r == crate::rules::patterns::DRIVING_LICENCE {
        Some("[licence number removed]")
    } else if r == crate::rules::patterns::IP_ADDRESS {
        Some("[IP address removed]")
    } else if r == "address.home" || r == crate::rules::patterns::TEXT_ADDRESS {
        Some("[address removed]")
    } else if r == "address.postcode" || r == crate::rules::patterns::TEXT_POSTCODE {
        Some("[postcode removed]")
    } else if r == crate::rules::patterns::TEXT_VEHICLE || r == crate::rules::patterns::VEHICLE {
        Some("[registration removed]")
    } else if r == crate::rules::patterns::TEXT_AGE {
        Some("[age removed]")
    } else if r.starts_with("dob.") || r == "text.dob" {
        Some("[date of birth removed]")
    } else if r.starts_with("photo.") {
        Some("[photo removed]")
    } else if r == crate::rules::headers::ROW_LABEL {
        // What the value is, its row's label said: it is removed as a whole.
        Some("[removed]")
    } else if r == "profile.roster" {
        Some(if text.chars().any(|c| c.is_ascii_digit()) {
            "[number removed]"
        } else {
            "[name removed]"
        })
    } else {
        None
    }
}

/// Whether a kind is a direct identification (a name, a number...).
pub fn is_direct(kind: Kind) -> bool {
    matches!(kind, Kind::Staff | Kind::StaffSenior | Kind::Person)
}

impl Policy {
    /// Read a policy from JSON.
    pub fn from_json(json: &str) -> Result<Policy, String> {
        let p: Policy =
            serde_json::from_str(json).map_err(|e| format!("the policy is not valid JSON: {e}"))?;
        if p.version != POLICY_VERSION {
            return Err(format!(
                "policy version {} is not supported (this foi-check reads version {POLICY_VERSION})",
                p.version
            ));
        }
        Ok(p)
    }

    /// The page's proposed default for a report: mask every identifying
    /// column (names, numbers, contact details...), mask people named in
    /// free text in place, suppress small counts with secondary suppression
    /// (marker and threshold from the report's settings and profile), and
    /// coarsen the columns the rare-combination advice says to coarsen.
    /// Rows are kept (their identifying cells are masked).
    pub fn default_for(report: &Report) -> Policy {
        let mut columns: Vec<ColumnPolicy> = Vec::new();
        for c in report.columns.iter().filter(|c| c.identifying) {
            columns.push(ColumnPolicy {
                column: ColumnRef {
                    table: c.table,
                    index: c.index,
                    header: c.name.clone(),
                },
                action: ColumnAction::Mask {
                    text: mask_for_class(c.class).to_string(),
                },
            });
        }
        let profile = report.settings.profile.as_ref();
        for a in report
            .advice
            .iter()
            .filter(|a| a.rule == crate::risk::combo::RULE)
        {
            for h in &a.columns {
                if !a.text.contains(&format!("coarsen \"{h}\"")) {
                    continue;
                }
                let Some(c) = report
                    .columns
                    .iter()
                    .find(|c| c.table == a.table && c.name.trim() == h.trim())
                else {
                    continue;
                };
                let by = match Coarsening::for_class(c.class) {
                    Some(Coarsening::District) if profile.is_none() => continue,
                    Some(by) => by,
                    None => continue,
                };
                if columns
                    .iter()
                    .any(|p| p.column.table == c.table && p.column.index == c.index)
                {
                    continue;
                }
                columns.push(ColumnPolicy {
                    column: ColumnRef {
                        table: c.table,
                        index: c.index,
                        header: c.name.clone(),
                    },
                    action: ColumnAction::Coarsen { by },
                });
            }
        }
        let rule = report.settings.count_rule();
        let marker = profile
            .map(|p| p.defaults.marker.clone())
            .filter(|m| !m.trim().is_empty())
            .unwrap_or_else(|| "*".to_string());
        Policy {
            version: POLICY_VERSION,
            columns,
            rows: Vec::new(),
            mask_matches: true,
            small_counts: SmallCounts {
                suppress: true,
                marker,
                threshold: rule.threshold,
                secondary: true,
            },
        }
    }

    /// The settings to check with so the report matches this policy (its
    /// small-count threshold; the rest from `base`).
    pub fn check_options(&self, base: &Options) -> Options {
        let mut o = base.clone();
        if self.small_counts.suppress && base.count_rule().threshold != self.small_counts.threshold
        {
            o.preset = None;
            o.small_count = self.small_counts.threshold;
        }
        o
    }

    /// The decisions in words, for the audit record and the CLI.
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        for c in &self.columns {
            let name = if c.column.header.trim().is_empty() {
                format!("column {}", c.column.index + 1)
            } else {
                format!("\"{}\"", c.column.header.trim())
            };
            let what = match &c.action {
                ColumnAction::Keep => continue,
                ColumnAction::Remove => "removed".to_string(),
                ColumnAction::Mask { text } => format!("masked with {text}"),
                ColumnAction::Coarsen { by } => format!("coarsened: {}", by.describe()),
            };
            out.push(format!(
                "Column {name} (table {}): {what}.",
                c.column.table + 1
            ));
        }
        let removed: Vec<String> = self
            .rows
            .iter()
            .filter(|r| r.action == RowAction::Remove)
            .map(|r| r.row.to_string())
            .collect();
        if !removed.is_empty() {
            out.push(format!(
                "Rows emptied (marked {ROW_REMOVED}, row numbers kept): {}.",
                removed.join(", ")
            ));
        }
        if self.mask_matches {
            out.push(
                "Names, numbers and contact details found inside kept cells (free text) are \
                 replaced in place, e.g. [name removed]."
                    .to_string(),
            );
        }
        let s = &self.small_counts;
        if s.suppress {
            out.push(format!(
                "Counts of people below {} are replaced with {}{}.",
                s.threshold,
                s.marker,
                if s.secondary {
                    ", and a second cell is suppressed where a total would give one away"
                } else {
                    ""
                }
            ));
        }
        out.push(
            "Cells that a spreadsheet would run as a formula (starting =, +, -, @, tab or CR) \
             are prefixed with ' (OWASP)."
                .to_string(),
        );
        out
    }
}

/// What the redactor did, counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// Records written (the row count, blank lines included).
    pub rows_written: u64,
    /// Cells replaced by a column mask.
    pub cells_masked: u64,
    /// Cells dropped with a removed column.
    pub cells_removed: u64,
    /// Matches replaced inside kept cells.
    pub matches_masked: u64,
    /// Small counts suppressed.
    pub counts_suppressed: u64,
    /// Cells suppressed so totals cannot give a suppressed one away.
    pub secondary_suppressed: u64,
    /// Cells coarsened.
    pub cells_coarsened: u64,
    /// Rows emptied.
    pub rows_removed: u64,
    /// Cells neutralised against formula injection.
    pub cells_neutralised: u64,
    /// Things the clerk should know (a column of the policy not found, a
    /// match that could not be located...).
    pub warnings: Vec<String>,
}

/// A table's columns as the reader gave them.
#[derive(Debug, Clone, Copy)]
struct Span {
    table: usize,
    start: usize,
    len: usize,
}

/// A raw record waiting for the table finder to say which tables own it.
struct Pending {
    row: u64,
    fields: Vec<String>,
    spans: Vec<Span>,
    header: bool,
}

/// A record after the plan: every cell, and which are dropped.
struct Edited {
    row: u64,
    cells: Vec<String>,
    drop: Vec<bool>,
    spans: Vec<Span>,
    /// Cells (file columns) suppressed as small counts.
    suppressed: Vec<usize>,
    /// A table's header row.
    header: bool,
}

/// One thing to replace in a row.
struct Mask {
    /// Candidate columns (file indexes) and the table they are in.
    cols: Vec<usize>,
    text: String,
    with: String,
    count: bool,
}

/// The policy resolved against the report.
struct Plan {
    columns: HashMap<(usize, usize), ColumnAction>,
    rows: HashSet<u64>,
    found: Found,
    count_tables: HashSet<usize>,
    secondary: bool,
    profile: Option<Profile>,
}

/// The report's flagged rows, whose reasons say what to mask in each: the
/// masks of a row are worked out when the copy reaches it, and dropped once
/// it is written. (Worked out all at once, a file where every row is
/// flagged held millions of them: the 100 MB staff list's copy took 300 MB
/// more memory, and spent most of its time in the allocator.)
struct Found {
    /// In row order.
    rows: Vec<crate::report::RowFinding>,
    tables: Vec<crate::report::TableInfo>,
    columns: Vec<crate::report::ColumnReport>,
    mask_matches: bool,
    suppress_small: bool,
    /// What a suppressed small count becomes (`*`), here and in secondary
    /// suppression.
    marker: String,
    /// The columns each column label of a reason names, by table.
    named: std::cell::RefCell<HashMap<Option<usize>, Named>>,
}

/// The file columns each column label names, in one table.
type Named = HashMap<String, Vec<usize>>;

impl Found {
    /// The file columns a reason's column label names in `table`.
    fn labels(&self, table: Option<usize>, label: &str) -> Vec<usize> {
        let l = label.trim();
        let mut out: Vec<usize> = table
            .and_then(|t| self.tables.get(t))
            .map(|t| {
                t.header
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| h.trim() == l)
                    .map(|(j, _)| t.first_column + j)
                    .collect()
            })
            .unwrap_or_default();
        if out.is_empty() {
            out.extend(
                self.columns
                    .iter()
                    .filter(|k| Some(k.table) == table && k.name.trim() == l)
                    .map(|k| k.index),
            );
        }
        if out.is_empty() {
            if let Some(rest) = l.strip_prefix("column ") {
                if let Ok(n) = rest.parse::<usize>() {
                    out.extend(n.checked_sub(1));
                } else if let Some(i) = letters_index(rest) {
                    out.push(i);
                }
            }
        }
        out
    }

    /// The table and the candidate columns of a reason of row `f`.
    fn place(&self, f: &crate::report::RowFinding, column: &str) -> (Option<usize>, Vec<usize>) {
        let mut table = f.table;
        // A table's reasons name the same few columns on every row: each
        // label is looked up in the headers once.
        let mut cache = self.named.borrow_mut();
        let mut cols = match cache.get(&f.table).and_then(|t| t.get(column)) {
            Some(cols) => cols.clone(),
            None => {
                let mut cols = self.labels(f.table, column);
                if cols.is_empty() {
                    for part in column.split(", ").flat_map(|p| p.split(" + ")) {
                        cols.extend(self.labels(f.table, part));
                    }
                }
                cache
                    .entry(f.table)
                    .or_default()
                    .insert(column.to_string(), cols.clone());
                cols
            }
        };
        drop(cache);
        if cols.is_empty() {
            // A table beside the row's own on the same row (tables
            // side by side, a pivot next to its source data): a row
            // has one table, its reasons may come from both.
            let beside = self.tables.iter().enumerate().find_map(|(t, info)| {
                let on_row = info.header_row < f.row && f.row <= info.last_row;
                let c = if on_row && Some(t) != f.table {
                    self.labels(Some(t), column)
                } else {
                    Vec::new()
                };
                (!c.is_empty()).then_some((t, c))
            });
            if let Some((t, c)) = beside {
                table = Some(t);
                cols = c;
            }
        }
        (table, cols)
    }

    /// What a reason's match becomes, and whether it is a small count; `None`
    /// when the policy leaves it.
    fn replacement(&self, rule: &str, text: &str) -> Option<(String, bool)> {
        if rule == RULE_SMALL && self.suppress_small {
            Some((self.marker.clone(), true))
        } else if rule == RULE_SECONDARY || !self.mask_matches {
            None
        } else {
            mask_for_rule(rule, text).map(|m| (m.to_string(), false))
        }
    }

    /// The tables with a small count to suppress. Only a risk check's
    /// reasons can be small counts, so the detector's (most rows, in a list
    /// of people) are not worked out for this.
    fn count_tables(&self) -> HashSet<usize> {
        let mut out = HashSet::new();
        if !self.suppress_small {
            return out;
        }
        for f in self.rows.iter().filter(|f| !f.reasons.is_judged()) {
            for reason in &f.reasons {
                if reason.rule == RULE_SMALL {
                    out.extend(self.place(f, &reason.column).0);
                }
            }
        }
        out
    }

    /// The masks of row `row`.
    fn masks(&self, row: u64) -> Vec<Mask> {
        // (a row is in the report once; were it there twice, both count)
        let from = self.rows.partition_point(|f| f.row < row);
        let to = self.rows.partition_point(|f| f.row <= row);
        let mut out = Vec::new();
        for (f, reason) in self
            .rows
            .get(from..to)
            .unwrap_or(&[])
            .iter()
            .flat_map(|f| f.reasons.iter().map(move |r| (f, r)))
        {
            if reason.text.trim().is_empty() {
                continue;
            }
            let Some((with, count)) = self.replacement(reason.rule, &reason.text) else {
                continue;
            };
            out.push(Mask {
                cols: self.place(f, &reason.column).1,
                text: reason.text.to_string(),
                with,
                count,
            });
        }
        out
    }
}

/// Excel column letters to a 0-based index (`A` -> 0, `AB` -> 27).
fn letters_index(s: &str) -> Option<usize> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    Some(
        s.bytes()
            .fold(0usize, |n, b| n * 26 + usize::from(b - b'A' + 1))
            - 1,
    )
}

fn norm(s: &str) -> String {
    crate::profile::fold(s)
}

impl Plan {
    fn new(policy: &Policy, report: &Report, warnings: &mut Vec<String>) -> Plan {
        // Every column of every table: (table, file column, header).
        let mut known: Vec<(usize, usize, String)> = Vec::new();
        for (t, info) in report.tables.iter().enumerate() {
            for (j, h) in info.header.iter().enumerate() {
                known.push((t, info.first_column + j, h.clone()));
            }
        }
        for k in &report.columns {
            if !known.iter().any(|x| x.0 == k.table && x.1 == k.index) {
                known.push((k.table, k.index, k.name.clone()));
            }
        }
        let mut columns = HashMap::new();
        for c in &policy.columns {
            if c.action == ColumnAction::Keep {
                continue;
            }
            let r = &c.column;
            let exact = known.iter().find(|k| {
                k.0 == r.table
                    && k.1 == r.index
                    && (r.header.is_empty() || norm(&k.2) == norm(&r.header))
            });
            let found = exact.or_else(|| {
                if r.header.trim().is_empty() {
                    return None;
                }
                let same: Vec<_> = known
                    .iter()
                    .filter(|k| norm(&k.2) == norm(&r.header))
                    .collect();
                same.iter()
                    .find(|k| k.0 == r.table)
                    .or(same.first())
                    .copied()
            });
            match found {
                Some(k) => {
                    columns.insert((k.0, k.1), c.action.clone());
                }
                None => warnings.push(format!(
                    "The policy's column \"{}\" (table {}, column {}) is not in this file; nothing was done to it.",
                    r.header,
                    r.table + 1,
                    r.index + 1
                )),
            }
        }
        let rows = policy
            .rows
            .iter()
            .filter(|r| r.action == RowAction::Remove)
            .map(|r| r.row)
            .collect();

        let sc = &policy.small_counts;
        let mut found = Found {
            rows: report.rows.clone(),
            tables: report.tables.clone(),
            columns: report.columns.clone(),
            mask_matches: policy.mask_matches,
            suppress_small: sc.suppress,
            marker: sc.marker.clone(),
            named: std::cell::RefCell::default(),
        };
        found.rows.sort_by_key(|f| f.row);
        let count_tables = found.count_tables();
        Plan {
            columns,
            rows,
            found,
            count_tables,
            secondary: sc.suppress && sc.secondary,
            profile: report.settings.profile.clone(),
        }
    }

    fn action(&self, spans: &[Span], col: usize) -> Option<&ColumnAction> {
        let span = spans
            .iter()
            .find(|s| col >= s.start && col < s.start + s.len)?;
        self.columns.get(&(span.table, col))
    }

    /// Apply the plan to one record.
    fn edit(&self, p: Pending, out: &mut Outcome) -> Edited {
        let Pending {
            row,
            fields,
            spans,
            header,
        } = p;
        let n = fields.len();
        let mut cells = fields;
        let mut drop = vec![false; n];
        let mut suppressed = Vec::new();
        if self.rows.contains(&row) && !header {
            out.rows_removed += 1;
            for (j, c) in cells.iter_mut().enumerate() {
                *c = if j == 0 {
                    ROW_REMOVED.to_string()
                } else {
                    String::new()
                };
            }
            return Edited {
                row,
                cells,
                drop,
                spans,
                suppressed,
                header,
            };
        }
        let mut touched = vec![false; n];
        for j in 0..n {
            let Some(action) = self.action(&spans, j) else {
                continue;
            };
            let (Some(cell), Some(d), Some(t)) =
                (cells.get_mut(j), drop.get_mut(j), touched.get_mut(j))
            else {
                continue;
            };
            match action {
                ColumnAction::Keep => {}
                ColumnAction::Remove => {
                    *d = true;
                    *t = true;
                    if !header {
                        out.cells_removed += 1;
                    }
                }
                ColumnAction::Mask { text } if !header => {
                    *t = true;
                    if !cell.trim().is_empty() {
                        *cell = text.clone();
                        out.cells_masked += 1;
                    }
                }
                ColumnAction::Coarsen { by } if !header => {
                    *t = true;
                    if !cell.trim().is_empty() {
                        if let Some(c) = by.apply(cell, self.profile.as_ref()) {
                            if c != *cell {
                                *cell = c;
                                out.cells_coarsened += 1;
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        for m in &self.found.masks(row) {
            let mut done = false;
            for &j in &m.cols {
                match touched.get(j) {
                    None => continue,
                    // Masked, removed or coarsened already: nothing left to find.
                    Some(true) => {
                        done = true;
                        continue;
                    }
                    Some(false) => {}
                }
                let Some(cell) = cells.get_mut(j) else {
                    continue;
                };
                if m.count {
                    if cell.trim() == m.text.trim() {
                        *cell = m.with.clone();
                        suppressed.push(j);
                        out.counts_suppressed += 1;
                        done = true;
                    }
                } else if cell.contains(m.text.as_str()) {
                    out.matches_masked += cell.matches(m.text.as_str()).count() as u64;
                    *cell = cell.replace(m.text.as_str(), &m.with);
                    done = true;
                } else if !cell.trim().is_empty() && m.text.contains(cell.trim()) && *cell != m.with
                {
                    // A name joined from several columns: each part.
                    *cell = m.with.clone();
                    out.matches_masked += 1;
                    done = true;
                } else if *cell == m.with || cell.contains(m.with.as_str()) {
                    done = true;
                }
            }
            if !done && out.warnings.len() < 50 {
                out.warnings.push(format!(
                    "Row {row}: could not find {:?} to replace; check this row by hand.",
                    m.text
                ));
            }
        }
        Edited {
            row,
            cells,
            drop,
            spans,
            suppressed,
            header,
        }
    }
}

/// Secondary suppression in a held table of counts: wherever a total row or
/// column would let a single suppressed cell be worked out, suppress the
/// smallest other count in that line too, until no line has exactly one.
/// A line of a table of counts: member cells and the total cell (row, column).
type Line = (Vec<(usize, usize)>, (usize, usize));

fn secondary(block: &mut [Edited], table: usize, marker: &str, out: &mut Outcome) {
    let span_of = |e: &Edited| e.spans.iter().find(|s| s.table == table).copied();
    if block.iter().all(|e| e.suppressed.is_empty()) {
        return;
    }
    let Some(head) = block.iter().find(|e| e.header && span_of(e).is_some()) else {
        return;
    };
    let Some(span) = span_of(head) else { return };
    let rows: Vec<&Edited> = block
        .iter()
        .filter(|e| !e.header && span_of(e).is_some())
        .collect();
    // Count columns: nearly every non-empty data cell a number or a
    // suppression mark. The total column is the one whose header says so.
    let mut people: Vec<usize> = Vec::new();
    let mut total_cols: Vec<usize> = Vec::new();
    for j in span.start..span.start + span.len {
        let (mut numeric, mut filled) = (0u32, 0u32);
        for e in &rows {
            match e.cells.get(j).map(|c| parse_cell(c)) {
                Some(Cell::Number { .. } | Cell::Suppressed) => {
                    numeric += 1;
                    filled += 1;
                }
                Some(Cell::Text) => filled += 1,
                _ => {}
            }
        }
        if filled > 0 && numeric * 10 >= filled * 8 {
            people.push(j);
            if head.cells.get(j).is_some_and(|h| is_total(h)) {
                total_cols.push(j);
            }
        }
    }
    let labels: Vec<usize> = (span.start..span.start + span.len)
        .filter(|j| !people.contains(j))
        .collect();
    let data: Vec<usize> = (0..block.len())
        .filter(|&i| {
            block
                .get(i)
                .is_some_and(|e| !e.header && span_of(e).is_some())
        })
        .collect();
    let is_total_row = |e: &Edited| {
        labels
            .iter()
            .any(|&j| e.cells.get(j).is_some_and(|c| is_total(c)))
    };
    let total_rows: Vec<usize> = data
        .iter()
        .copied()
        .filter(|&i| block.get(i).is_some_and(is_total_row))
        .collect();
    let member_rows: Vec<usize> = data
        .iter()
        .copied()
        .filter(|i| !total_rows.contains(i))
        .collect();
    let member_cols: Vec<usize> = people
        .iter()
        .copied()
        .filter(|j| !total_cols.contains(j))
        .collect();

    let hidden = |block: &[Edited], (i, j): (usize, usize)| {
        block
            .get(i)
            .and_then(|e| e.cells.get(j))
            .is_some_and(|c| is_suppressed(c))
    };
    let value = |block: &[Edited], (i, j): (usize, usize)| match block
        .get(i)
        .and_then(|e| e.cells.get(j))
        .map(|c| parse_cell(c))
    {
        Some(Cell::Number { value, .. }) => Some(value),
        _ => None,
    };
    // Lines: (members, total). Across: a total column adds up each row.
    // Down: a total row adds up the member rows since the previous total
    // row (all of them when there is one total row).
    let mut lines: Vec<Line> = Vec::new();
    if let Some(&tc) = total_cols.first() {
        for &i in &member_rows {
            lines.push((member_cols.iter().map(|&j| (i, j)).collect(), (i, tc)));
        }
    }
    for (k, &tr) in total_rows.iter().enumerate() {
        let rows: Vec<usize> = if total_rows.len() == 1 {
            member_rows.clone()
        } else {
            let from = if k == 0 {
                0
            } else {
                total_rows.get(k - 1).map_or(0, |p| p + 1)
            };
            member_rows
                .iter()
                .copied()
                .filter(|&i| i >= from && i < tr)
                .collect()
        };
        for &j in &people {
            lines.push((rows.iter().map(|&i| (i, j)).collect(), (tr, j)));
        }
    }
    for _ in 0..64 {
        let mut changed = false;
        for (members, total) in &lines {
            let n_hidden = members
                .iter()
                .chain(std::iter::once(total))
                .filter(|&&p| hidden(block, p))
                .count();
            if n_hidden != 1 {
                continue;
            }
            // The smallest visible member count; the total if none.
            let pick = members
                .iter()
                .copied()
                .filter(|&p| !hidden(block, p))
                .filter_map(|p| value(block, p).map(|v| (p, v)))
                .min_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal))
                .map(|(p, _)| p)
                .or_else(|| {
                    (!hidden(block, *total) && value(block, *total).is_some()).then_some(*total)
                });
            if let Some((i, j)) = pick {
                if let Some(c) = block.get_mut(i).and_then(|e| e.cells.get_mut(j)) {
                    *c = marker.to_string();
                    out.secondary_suppressed += 1;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
}

/// Sink side of the redactor: queues raw records and learns their tables.
struct State {
    plan: Plan,
    tables: Vec<(usize, usize)>,
    queue: VecDeque<Pending>,
    /// Highest row of any table or record event so far.
    last_event: u64,
    /// Tables of counts held back for secondary suppression, in order:
    /// (index, header row). The first is the one being held.
    holds: Vec<(usize, u64)>,
    /// Held tables that have ended: (index, last row).
    released: Vec<(usize, u64)>,
    outcome: Outcome,
}

impl State {
    fn find(&mut self, row: u64) -> Option<&mut Pending> {
        self.queue.iter_mut().rev().find(|p| p.row == row)
    }
}

impl Sink for State {
    fn raw_record(&mut self, row: u64, _byte: u64, fields: &[&str]) {
        self.queue.push_back(Pending {
            row,
            fields: fields.iter().map(|f| f.to_string()).collect(),
            spans: Vec::new(),
            header: false,
        });
    }

    fn table_start(&mut self, t: &Table) {
        if self.tables.len() <= t.index {
            self.tables.resize(t.index + 1, (0, 0));
        }
        if let Some(slot) = self.tables.get_mut(t.index) {
            *slot = (t.first_column, t.header.len());
        }
        let span = Span {
            table: t.index,
            start: t.first_column,
            len: t.header.len(),
        };
        if let Some(p) = self.find(t.header_row) {
            p.spans.push(span);
            p.header = true;
        }
        self.last_event = self.last_event.max(t.header_row);
        if self.plan.secondary && self.plan.count_tables.contains(&t.index) {
            self.holds.push((t.index, t.header_row));
        }
    }

    fn record(&mut self, table: Option<usize>, row: u64, fields: &[&str]) {
        self.last_event = self.last_event.max(row);
        if let Some(i) = table {
            let start = self.tables.get(i).map_or(0, |t| t.0);
            let span = Span {
                table: i,
                start,
                len: fields.len(),
            };
            if let Some(p) = self.find(row) {
                p.spans.push(span);
            }
        }
    }

    fn table_end(&mut self, index: usize, last_row: u64) {
        if self.holds.iter().any(|h| h.0 == index) {
            self.released.push((index, last_row));
        }
    }
}

/// Streams the original bytes through a policy into the safe copy.
///
/// Push the same chunks the checker got; each push returns the bytes of the
/// safe copy that are ready (the first ones begin with the UTF-8 BOM); then
/// [`Redactor::finish`] returns the rest and what was done. Memory is a few
/// records of look-ahead, plus a whole table of counts while secondary
/// suppression is worked out (at most 50,000 rows).
pub struct Redactor {
    reader: Reader,
    state: State,
    writer: Option<CsvWriter>,
    written: u64,
}

impl Redactor {
    /// A redactor for `policy`, given the report of a check of the same bytes
    /// (made with [`Policy::check_options`]).
    pub fn new(policy: &Policy, report: &Report) -> Redactor {
        let mut outcome = Outcome::default();
        let plan = Plan::new(policy, report, &mut outcome.warnings);
        Redactor {
            reader: Reader::new(),
            state: State {
                plan,
                tables: Vec::new(),
                queue: VecDeque::new(),
                last_event: 0,
                holds: Vec::new(),
                released: Vec::new(),
                outcome,
            },
            writer: None,
            written: 0,
        }
    }

    /// Feed the next chunk; returns the safe copy's bytes ready so far.
    pub fn push(&mut self, chunk: &[u8]) -> Result<Vec<u8>, Error> {
        self.reader.push(chunk, &mut self.state)?;
        self.drain(false);
        Ok(self.take())
    }

    /// End of input: the last bytes, and what was done.
    pub fn finish(mut self) -> Result<(Vec<u8>, Outcome), Error> {
        self.reader.finish(&mut self.state)?;
        self.drain(true);
        let rows = self.reader.info().rows;
        let gap = rows.saturating_sub(self.written);
        let writer = self.writer_mut();
        for _ in 0..gap {
            writer.blank();
        }
        self.written = self.written.max(rows);
        let bytes = self.take();
        let mut outcome = std::mem::take(&mut self.state.outcome);
        outcome.rows_written = self.written;
        Ok((bytes, outcome))
    }

    fn writer_mut(&mut self) -> &mut CsvWriter {
        let d = self.reader.info().delimiter;
        self.writer.get_or_insert_with(|| CsvWriter::new(d))
    }

    fn take(&mut self) -> Vec<u8> {
        self.writer
            .as_mut()
            .map(CsvWriter::take)
            .unwrap_or_default()
    }

    /// Write every record that is final (no event can still name it).
    fn drain(&mut self, all: bool) {
        while let Some(front) = self.state.queue.front() {
            let blank = front.fields.iter().all(|f| f.trim().is_empty()) && front.spans.is_empty();
            // A blank record gets no event: it is final at once.
            let is_final = all || blank || front.row < self.state.last_event;
            if !is_final {
                break;
            }
            if let Some(&(t, header_row)) = self.state.holds.first() {
                if front.row >= header_row {
                    let released = self.state.released.iter().find(|r| r.0 == t).copied();
                    let over = self.state.queue.len() > HOLD_ROWS;
                    match released {
                        Some((_, last)) if all || self.state.last_event > last => {
                            self.flush_block(t, last);
                            self.state.holds.remove(0);
                            continue;
                        }
                        _ if all => {
                            self.flush_block(t, u64::MAX);
                            self.state.holds.remove(0);
                            continue;
                        }
                        _ if over => {
                            self.state.outcome.warnings.push(format!(
                                "Table {}: more than {HOLD_ROWS} rows; secondary suppression was not worked out for it.",
                                t + 1
                            ));
                            self.state.holds.remove(0);
                            continue;
                        }
                        _ => break,
                    }
                }
            }
            if let Some(p) = self.state.queue.pop_front() {
                let e = self.state.plan.edit(p, &mut self.state.outcome);
                self.write(e);
            }
        }
    }

    /// Edit the held table's records (up to `last`), suppress secondary
    /// cells, write them.
    fn flush_block(&mut self, table: usize, last: u64) {
        let mut block = Vec::new();
        while self.state.queue.front().is_some_and(|p| p.row <= last) {
            if let Some(p) = self.state.queue.pop_front() {
                block.push(self.state.plan.edit(p, &mut self.state.outcome));
            }
        }
        let marker = self.state.plan.found.marker.clone();
        secondary(&mut block, table, &marker, &mut self.state.outcome);
        for e in block {
            self.write(e);
        }
    }

    fn write(&mut self, e: Edited) {
        let gap = e.row.saturating_sub(self.written + 1);
        let mut neutralised = 0;
        let cells: Vec<&str> = e
            .cells
            .iter()
            .zip(e.drop.iter().chain(std::iter::repeat(&false)))
            .filter(|(_, d)| !**d)
            .map(|(c, _)| {
                if needs_neutralising(c) {
                    neutralised += 1;
                }
                c.as_str()
            })
            .collect();
        let w = self.writer_mut();
        for _ in 0..gap {
            w.blank();
        }
        w.record(&cells);
        self.state.outcome.cells_neutralised += neutralised;
        self.written = self.written.max(e.row);
    }
}

/// A safe copy and the checks before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct SafeCopy {
    /// The new CSV.
    pub bytes: Vec<u8>,
    /// The check of the original (with the policy's threshold).
    pub report_before: Report,
    /// The check of the safe copy.
    pub report_after: Report,
    /// What was done.
    pub outcome: Outcome,
}

impl SafeCopy {
    /// Whether the safe copy still has a row that names or numbers someone,
    /// or a small count: what makes `foi-check redact` exit 1.
    pub fn still_identifies(&self) -> bool {
        still_identifies(&self.report_after)
    }
}

/// Whether the check of a safe copy still finds a row that names or numbers
/// someone, or a small count (see [`SafeCopy::still_identifies`]).
pub fn still_identifies(report_after: &Report) -> bool {
    report_after
        .rows
        .iter()
        .any(|r| is_direct(r.kind) || r.kind == Kind::SmallCount)
}

/// Check `bytes`, apply `policy`, check the result: the whole round trip for
/// a file held in memory. Refuses a file that cannot be read completely (a
/// safe copy of part of a file would not be safe).
pub fn safe_copy(
    name: &str,
    bytes: &[u8],
    policy: &Policy,
    options: &Options,
) -> Result<SafeCopy, Error> {
    safe_copy_with_roster(name, bytes, policy, options, None)
}

/// [`safe_copy`], both checks matching against the session's roster too.
pub fn safe_copy_with_roster(
    name: &str,
    bytes: &[u8],
    policy: &Policy,
    options: &Options,
    roster: Option<&std::sync::Arc<crate::profile::Roster>>,
) -> Result<SafeCopy, Error> {
    let options = policy.check_options(options);
    let report_before = check_bytes_with_roster(name, bytes, &options, roster);
    if let Some(e) = report_before.errors.first() {
        return Err(Error::new(
            ErrorKind::Malformed(format!("no safe copy was made: {}", e.reason)),
            e.row,
            e.byte,
        ));
    }
    let mut redactor = Redactor::new(policy, &report_before);
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 8 + 3);
    for chunk in bytes.chunks(8 << 20) {
        out.extend(redactor.push(chunk)?);
    }
    let (rest, outcome) = redactor.finish()?;
    out.extend(rest);
    let report_after = check_bytes_with_roster(&safe_name(name), &out, &options, roster);
    Ok(SafeCopy {
        bytes: out,
        report_before,
        report_after,
        outcome,
    })
}

/// The file name a safe copy gets by default: `staff.csv` -> `staff-safe.csv`;
/// a workbook's sheet, `book.xlsx, sheet "Staff"` -> `book-Staff-safe.csv`
/// (a CSV file: the copy is of the sheet's cells).
pub fn safe_name(name: &str) -> String {
    if let Some((file, sheet)) = crate::workbook::parse_sheet_name(name) {
        let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
        let sheet: String = sheet
            .chars()
            .map(|c| match c {
                '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
                c => c,
            })
            .collect();
        return format!("{stem}-{sheet}-safe.csv");
    }
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.contains('/') && !ext.contains('\\') => {
            format!("{stem}-safe.{ext}")
        }
        _ => format!("{name}-safe.csv"),
    }
}
