//! Detection: cells are classified by the rule tables, folded into column
//! classifications, then rows get a kind and reasons.
//!
//! - [`cell`]: one cell, given its column's header, gives hits (what was found
//!   and where). Header-driven work is done once per column, at creation.
//! - [`TableScanner::record`] keeps per-column counts, and the hits of each
//!   row that could be flagged (memory in proportion to what is found, not to
//!   the file; rows of ranks, units or postcodes only keep nothing).
//! - [`TableScanner::finish`] folds each column (header plus the share of cells
//!   that match, relaxing the header's claim on counter-examples, as `xsv stats`
//!   does) and then judges each row: see [`judge`] for how kinds are decided.
//!
//! A reason's `column` is the header text; a column without a header (and every
//! field of a row outside tables) is named `column C`, the spreadsheet letter
//! of its column in the file. Combined reasons name both columns
//! (`Surname, Initial`). [`crate::report::ColumnReport::identifying`] is true
//! for names, initials, staff numbers, e-mail, phone, NI number, date of birth,
//! address, postcode and photo columns; rank, unit, location and vetting
//! columns are not (they identify only with a name or number, and rare
//! combinations of them are the quasi-identifier check's job).
//!
//! ```
//! use foi_check::detect::TableScanner;
//! use foi_check::read::Table;
//! use foi_check::Kind;
//! let table = Table { index: 0, header_row: 1, first_column: 0,
//!     header: vec!["Surname".into(), "Initial".into(), "Rank".into()] };
//! let mut s = TableScanner::new(Some(&table));
//! s.record(2, &["MORGAN", "J", "Inspector"]);
//! s.record(3, &["", "", "Inspector"]);
//! let f = s.finish();
//! assert_eq!(f.rows.len(), 1);
//! assert_eq!(f.rows[0].kind, Kind::Staff);
//! assert_eq!(f.rows[0].reasons.first().expect("a reason").rule, "name.surname_initial");
//! ```

pub mod cell;
mod column;
pub mod judge;
pub mod name;
mod profile;
pub mod text;

use crate::profile::{Compiled, Roster};
use crate::read::Table;
use crate::report::{ColumnReport, RowFinding, StoreStr};
use crate::rules::headers::{self, HeaderRule};
use crate::rules::patterns::PhoneKind;
use cell::{CellHit, Mode, Scratch, Stats, What};
use std::collections::HashMap;
use std::sync::Arc;

pub use cell::classify;

/// What one table (or the rows outside tables) gave.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Findings {
    /// Flagged rows, in row order.
    pub rows: Vec<RowFinding>,
    /// Column classifications (empty for rows outside tables).
    pub columns: Vec<ColumnReport>,
}

/// One column of a table: what its header says, and counts of its cells.
#[derive(Debug)]
struct Column {
    /// The header text, or `column C` when there is none.
    label: String,
    /// The header as given.
    header: String,
    /// 0-based column in the file.
    file_index: usize,
    rule: Option<&'static HeaderRule>,
    mode: Mode,
    /// Counts of the cells classified (memoised cells are added at the end:
    /// see [`Column::flush_memo`]).
    stats: Stats,
    /// How many rows each phone number appears in (switchboards repeat).
    phones: FastMap<u64, u32>,
    /// Short cells already classified: staff lists repeat their surnames,
    /// ranks, stations and units, so most cells are classified once.
    memo: Memo,
}

/// Cells longer than this are not memoised.
const MEMO_MAX_LEN: usize = 128;
/// Distinct cells memoised per column (then new ones are classified every time).
const MEMO_MAX_CELLS: usize = 4096;

/// A hash map with a fast hash for short cells and numbers (no `HashDoS`
/// concern: the input is the user's own file, checked on their machine; a
/// fixed seed keeps runs identical).
pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// Hashes a `u64` that is already a hash (the memo's keys) as itself.
#[derive(Debug, Default, Clone, Copy)]
struct PreHashed(u64);

impl std::hash::Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The classifications of a column's short cells, while they pay: a column
/// whose values repeat (surnames, ranks, stations) is classified once per
/// value; one whose values are all different (staff numbers, e-mail
/// addresses) stops memoising once the memo is full and mostly missed.
///
/// The cells are keyed by their hash; the text of each is kept in the
/// scanner's arena (where the hits of memoised cells point, so a hit of a
/// memoised cell copies nothing) and compared on every hit. A second cell
/// with the same hash is simply not memoised.
#[derive(Debug, Default)]
struct Memo {
    index: HashMap<u64, u32, std::hash::BuildHasherDefault<PreHashed>>,
    entries: Vec<Memoised>,
    lookups: u64,
    hits: u64,
    off: bool,
}

/// A memoised classification: the cell's text, how often it was seen again,
/// its contribution to the column counts, and its hits.
#[derive(Debug, Clone, Copy)]
struct Memoised {
    key: StoreStr,
    uses: u32,
    delta: Stats,
    n: u8,
    hits: [CellHit; 2],
    /// The phone key of each hit ([`phone_key`]).
    keys: [u64; 2],
}

fn hash_cell(cell: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::default().hash_one(cell.as_bytes())
}

impl Memo {
    /// The entry for `cell`, if memoised (and counts the lookup).
    fn get(&mut self, cell: &str, arena: &str) -> Option<usize> {
        if self.off || cell.len() > MEMO_MAX_LEN {
            return None;
        }
        self.lookups += 1;
        let i = *self.index.get(&hash_cell(cell))? as usize;
        let e = self.entries.get(i)?;
        if e.key.get(arena) != cell {
            return None;
        }
        self.hits += 1;
        Some(i)
    }

    /// Whether a new cell should be memoised; turns the memo off (returning
    /// the entries, whose uses the column must count) when it is full and
    /// answers fewer than half the lookups.
    fn room(&mut self, cell: &str) -> Result<bool, Vec<Memoised>> {
        if self.off || cell.len() > MEMO_MAX_LEN {
            return Ok(false);
        }
        if self.entries.len() >= MEMO_MAX_CELLS {
            if self.hits * 2 < self.lookups {
                self.off = true;
                self.index = HashMap::default();
                return Err(std::mem::take(&mut self.entries));
            }
            return Ok(false);
        }
        Ok(true)
    }

    /// Memoise `cell`, whose text is `key` in the arena (unless another cell
    /// has the same hash).
    fn insert(&mut self, cell: &str, m: Memoised) -> bool {
        let i = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
        match self.index.entry(hash_cell(cell)) {
            std::collections::hash_map::Entry::Occupied(_) => false,
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(i);
                self.entries.push(m);
                true
            }
        }
    }
}

/// A hit kept for the row judgement: the matched text is in the scanner's arena.
#[derive(Debug, Clone, Copy)]
struct Hit {
    text: StoreStr,
    col: u32,
    what: What,
}

// Every flagged row of a staff list keeps about eight hits until the table
// ends: keep them small.
const _: () = assert!(std::mem::size_of::<Hit>() == 16);

/// A row that kept hits: they end at `end` in [`TableScanner::hits`].
#[derive(Debug, Clone, Copy)]
struct KeptRow {
    row: u64,
    end: usize,
}

/// The key a hit's geographic number is counted under (0 for other hits):
/// only geographic numbers can be switchboards.
fn phone_key(what: &What, text: &str) -> u64 {
    match what {
        What::Phone {
            kind: PhoneKind::Geographic,
        } => crate::rules::patterns::phone_key(text),
        _ => 0,
    }
}

/// Count a geographic number's rows (switchboards repeat).
fn count_phone(phones: &mut FastMap<u64, u32>, key: u64) {
    if key != 0 {
        *phones.entry(key).or_insert(0) += 1;
    }
}

/// Copy `text` to the end of the arena; its place there.
fn stash(arena: &mut String, text: &str) -> StoreStr {
    let start = arena.len();
    arena.push_str(text);
    StoreStr::new(start, arena.len())
}

/// Scans the rows of one table (or of the rows outside any table).
pub struct TableScanner {
    table: Option<usize>,
    first_column: usize,
    cols: Vec<Column>,
    /// The hits of the rows kept, in row order.
    hits: Vec<Hit>,
    /// Where each kept row's hits end.
    rows: Vec<KeptRow>,
    /// The text of hits and memoised cells; it becomes the report's
    /// [`ReasonStore`] text, so the reasons quote it without a copy.
    arena: String,
    cell_hits: Vec<CellHit>,
    scratch: Scratch,
    /// The organisation's profile, if any.
    profile: Option<Arc<Compiled>>,
    /// The session's staff roster, if any.
    roster: Option<Arc<Roster>>,
}

/// Excel-style column letters for a 0-based index (`0` -> `A`, `27` -> `AB`).
pub fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl Column {
    fn new(header: &str, file_index: usize, loose: bool) -> Column {
        let rule = if loose {
            None
        } else {
            headers::match_header(header)
        };
        let mode = if loose {
            Mode::Text
        } else {
            Mode::for_class(rule.map(|r| r.class))
        };
        let label = if header.trim().is_empty() {
            format!("column {}", column_letters(file_index))
        } else {
            header.trim().to_string()
        };
        Column {
            label,
            header: header.to_string(),
            file_index,
            rule,
            mode,
            stats: Stats::default(),
            phones: FastMap::default(),
            memo: Memo::default(),
        }
    }

    /// Add the memoised cells' uses to the column's counts.
    fn flush_memo(&mut self) {
        for e in &mut self.memo.entries {
            self.stats.add_times(&e.delta, e.uses);
            e.uses = 0;
        }
    }
}

impl TableScanner {
    /// For the data rows of `table`, or for rows outside tables with `None`
    /// (every field of those rows is searched as free text).
    pub fn new(table: Option<&Table>) -> Self {
        Self::with_profile(table, None, None)
    }

    /// [`TableScanner::new`], with the organisation's compiled profile and
    /// the session's roster (see [`crate::profile`]): their domains, number
    /// shapes, allow-listed names and roster entries change what is found.
    pub fn with_profile(
        table: Option<&Table>,
        profile: Option<&Arc<Compiled>>,
        roster: Option<&Arc<Roster>>,
    ) -> Self {
        let (cols, first_column) = match table {
            Some(t) => (
                t.header
                    .iter()
                    .enumerate()
                    .map(|(j, h)| Column::new(h, t.first_column + j, false))
                    .collect(),
                t.first_column,
            ),
            None => (Vec::new(), 0),
        };
        TableScanner {
            table: table.map(|t| t.index),
            first_column,
            cols,
            hits: Vec::new(),
            rows: Vec::new(),
            arena: String::new(),
            cell_hits: Vec::new(),
            scratch: Scratch::default(),
            profile: profile.cloned(),
            roster: roster.cloned(),
        }
    }

    /// One record; `fields` as the [`crate::read::Sink`] gives them.
    ///
    /// The column counts (and phone-number counts) are always updated; the
    /// row's hits are kept only if one of them could flag the row once the
    /// columns are folded ([`judge::could_flag`]). A staff list of ranks,
    /// units and counts keeps nothing per row.
    pub fn record(&mut self, row: u64, fields: &[&str]) {
        let (hits_at, arena_at) = (self.hits.len(), self.arena.len());
        // A cell memoised in this row put its text in the arena for good.
        let mut pinned = false;
        while self.cols.len() < fields.len() {
            let j = self.cols.len();
            self.cols
                .push(Column::new("", self.first_column + j, self.table.is_none()));
        }
        for (j, (field, col)) in fields.iter().zip(self.cols.iter_mut()).enumerate() {
            if field.is_empty() {
                continue;
            }
            if let Some(i) = col.memo.get(field, &self.arena) {
                if let Some(m) = col.memo.entries.get_mut(i) {
                    m.uses += 1;
                    for (h, key) in m.hits.iter().zip(m.keys).take(m.n as usize) {
                        count_phone(&mut col.phones, key);
                        self.hits.push(Hit {
                            text: m.key.sub(h.start, h.end),
                            col: j as u32,
                            what: h.what,
                        });
                    }
                }
                continue;
            }
            // A name pasted with a zero-width space or a bidi control
            // (`Mor\u{200b}gan`) is still a name: such characters are left out
            // before the cell is classified (and memoised under the cleaned text).
            let cleaned;
            let field: &str = match without_invisible(field) {
                Some(c) => {
                    cleaned = c;
                    &cleaned
                }
                None => field,
            };
            self.cell_hits.clear();
            let before = col.stats;
            cell::classify(
                col.mode,
                field,
                &mut col.stats,
                &mut self.scratch,
                &mut self.cell_hits,
            );
            let mut key = None;
            if self.cell_hits.len() <= 2 {
                match col.memo.room(field) {
                    Ok(true) => {
                        let filler = CellHit {
                            what: What::Initial,
                            start: 0,
                            end: 0,
                        };
                        let mut hits = [filler; 2];
                        let mut keys = [0; 2];
                        for ((slot, key), h) in
                            hits.iter_mut().zip(keys.iter_mut()).zip(&self.cell_hits)
                        {
                            *slot = *h;
                            *key = phone_key(&h.what, field.get(h.start..h.end).unwrap_or(""));
                        }
                        let k = StoreStr::new(self.arena.len(), self.arena.len() + field.len());
                        let m = Memoised {
                            key: k,
                            uses: 0,
                            delta: col.stats.since(&before),
                            n: self.cell_hits.len() as u8,
                            hits,
                            keys,
                        };
                        if col.memo.insert(field, m) {
                            self.arena.push_str(field);
                            pinned = true;
                            key = Some(k);
                        }
                    }
                    Ok(false) => {}
                    Err(entries) => {
                        for e in &entries {
                            col.stats.add_times(&e.delta, e.uses);
                        }
                    }
                }
            }
            for h in &self.cell_hits {
                count_phone(
                    &mut col.phones,
                    phone_key(&h.what, field.get(h.start..h.end).unwrap_or("")),
                );
                let text = match key {
                    Some(k) => k.sub(h.start, h.end),
                    None => stash(&mut self.arena, field.get(h.start..h.end).unwrap_or(field)),
                };
                self.hits.push(Hit {
                    text,
                    col: j as u32,
                    what: h.what,
                });
            }
        }
        if self.profile.is_some() || self.roster.is_some() {
            self.apply_profile(fields, hits_at);
        }
        let kept = self.hits.get(hits_at..).unwrap_or(&[]);
        if kept.iter().any(|h| judge::could_flag(&h.what)) {
            self.rows.push(KeptRow {
                row,
                end: self.hits.len(),
            });
        } else {
            self.hits.truncate(hits_at);
            if !pinned {
                self.arena.truncate(arena_at);
            }
        }
    }

    /// How many hits are kept for the row judgement (for tests of memory use).
    #[doc(hidden)]
    pub fn kept_hits(&self) -> usize {
        self.hits.len()
    }

    /// Fold the columns and judge the rows.
    pub fn finish(mut self) -> Findings {
        for c in &mut self.cols {
            c.flush_memo();
        }
        let folded: Vec<column::Folded> = self.cols.iter().map(column::fold).collect();
        let columns = match self.table {
            Some(t) => self
                .cols
                .iter()
                .zip(&folded)
                .map(|(c, f)| ColumnReport {
                    table: t,
                    index: c.file_index,
                    name: c.header.clone(),
                    class: f.class,
                    confidence: f.confidence,
                    evidence: f.evidence.clone(),
                    identifying: f.identifying,
                })
                .collect(),
            None => Vec::new(),
        };
        let rows = judge::judge(self, folded);
        Findings { rows, columns }
    }
}

/// The cell without control, bidi and zero-width characters (tab, CR and LF
/// stay: they are white space), or `None` when it has none, the usual case,
/// found by one pass over the bytes.
fn without_invisible(field: &str) -> Option<String> {
    // Control bytes, DEL, and the UTF-8 lead bytes of C1 controls (0xC2),
    // the zero-width and bidi characters (0xE2) and U+FEFF (0xEF); accented
    // letters (0xC3-0xC5...) never get past this.
    let suspect = field.bytes().any(|b| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || matches!(b, 0x7f | 0xc2 | 0xe2 | 0xef)
    });
    if !suspect {
        return None;
    }
    let invisible = |c: char| crate::text::hidden(c) && !matches!(c, '\t' | '\n' | '\r');
    field
        .chars()
        .any(invisible)
        .then(|| field.chars().filter(|c| !invisible(*c)).collect())
}
