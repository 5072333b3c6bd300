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
pub(crate) use column::thousands;
pub mod judge;
pub mod name;
mod profile;
pub mod text;

use crate::profile::{Compiled, Roster};
use crate::read::Table;
use crate::report::{ColumnReport, RowFinding, StoreStr};
use crate::rules::headers::{self, HeaderRule};
use crate::rules::names;
use crate::rules::patterns::PhoneKind;
use crate::shortkey::{same_long, short_key, ShortKey};
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
    /// Whether the rows are records, one thing (a person) to a row: not a
    /// list of labels and values, a form or a table on its side, whose
    /// combinations of values describe no one.
    pub records: bool,
    /// For each column of special category data, how many flagged rows
    /// hold a value of it (the reasons of rule
    /// [`crate::rules::special::Category::rule`]).
    pub special: Vec<SpecialRows>,
}

/// How many flagged rows hold a value of a column of special category data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpecialRows {
    /// Index into the report's tables.
    pub table: usize,
    /// 0-based column in the file.
    pub column: usize,
    /// Index into [`crate::rules::special::CATEGORIES`].
    pub category: u8,
    /// Flagged rows with a value in the column.
    pub rows: u64,
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

/// The classifications of a column's short cells, while they pay: a column
/// whose values repeat (surnames, ranks, stations) is classified once per
/// value; one whose values are all different (staff numbers, e-mail
/// addresses) stops memoising once the memo is full and mostly missed.
///
/// Its table holds a [`Slot`] per cell (32 bytes: what a hit needs, and
/// what tells the cell apart); the cell's text is kept in the scanner's key
/// buffer, compact and apart from the hits (where the hits of memoised cells
/// point, so a hit of a memoised cell copies nothing), and the rest of its
/// entry in [`TableScanner::entries`].
#[derive(Debug, Default)]
struct Memo {
    index: hashbrown::HashTable<Slot>,
    /// The distinct contributions to the column counts, and how many
    /// memo hits had each.
    deltas: Vec<(Stats, u32)>,
    lookups: u64,
    hits: u64,
    off: bool,
}

/// Distinct count contributions a memo keeps (cells with another are not memoised).
const MEMO_MAX_DELTAS: usize = 64;

/// A memoised classification: the cell's text (in the key buffer) and its
/// hits, with offsets in the cell (its contribution to the column counts is
/// its [`Slot`]'s).
///
/// Each entry also has a place in the scanner's [`TableScanner::entries`]
/// (its `id`): a kept row holds a memoised cell's hits as that one `u32`.
#[derive(Debug, Clone, Copy)]
struct Memoised {
    key: StoreStr,
    /// Its place in [`TableScanner::entries`].
    id: u32,
    /// Its column in the table.
    col: u32,
    n: u8,
    /// Whether one of its hits could flag a row ([`judge::could_flag`]).
    could_flag: bool,
    hits: [MemoHit; 2],
}

impl Memoised {
    /// Its hits, as kept for the row judgement.
    fn hits(&self) -> impl Iterator<Item = Hit> + '_ {
        self.hits.iter().take(self.n as usize).map(|h| Hit {
            text: self.key.sub(h.start.into(), h.end.into()),
            col: self.col,
            what: h.what,
        })
    }
}

/// A memoised hit: what, and where in the cell (cells are at most
/// [`MEMO_MAX_LEN`] bytes).
#[derive(Debug, Clone, Copy)]
struct MemoHit {
    what: What,
    start: u8,
    end: u8,
}

/// A memoised cell in its column's memo table: what a hit needs and what
/// tells the cell apart, in 32 bytes. A column's table of
/// [`MEMO_MAX_CELLS`] cells is then 256 KB, half what it was with whole
/// entries in it: the lookups in the tables of a staff list's e-mail
/// addresses and phone numbers were the check's hottest cache misses.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// A cell of at most 16 bytes: its short key's two words ([`short_key`]),
    /// compared without reading the key buffer. A longer one: where its text
    /// is in the key buffer, start and end.
    ident: (u64, u64),
    /// The key of its geographic number ([`phone_key`]), or 0.
    phone: u64,
    /// Its entry in [`TableScanner::entries`].
    id: u32,
    /// The cell's length (at most [`MEMO_MAX_LEN`]).
    len: u8,
    /// Its entry's place in [`Memo::deltas`].
    delta: u8,
    /// Its number of hits.
    n: u8,
    /// Whether one of its hits could flag a row ([`judge::could_flag`]).
    could_flag: bool,
}

const _: () = assert!(std::mem::size_of::<Slot>() == 32);

impl Slot {
    /// Whether the slot is `cell`'s (with its short key `short`, if any).
    #[inline(always)]
    fn is(&self, cell: &str, short: Option<ShortKey>, keys: &str) -> bool {
        usize::from(self.len) == cell.len()
            && match short {
                Some((a, b, _)) => self.ident == (a, b),
                None => keys
                    .as_bytes()
                    .get(self.ident.0 as usize..self.ident.1 as usize)
                    .is_some_and(|key| same_long(key, cell.as_bytes())),
            }
    }

    /// Its hash, as [`memo_key`] gives it for its cell (the table needs it
    /// again when it grows).
    fn hash(&self, keys: &str) -> u64 {
        let n = usize::from(self.len);
        if n <= 16 {
            memo_hash(&(self.ident.0, self.ident.1, n))
        } else {
            let text = keys.get(self.ident.0 as usize..self.ident.1 as usize);
            memo_hash(text.unwrap_or_default().as_bytes())
        }
    }
}

/// The memo's hash of a short key or of a longer cell's bytes.
#[inline(always)]
fn memo_hash<T: std::hash::Hash + ?Sized>(x: &T) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::default().hash_one(x)
}

/// A cell's hash in the memo's index, and its short key if it has one.
#[inline(always)]
fn memo_key(cell: &str) -> (u64, Option<ShortKey>) {
    match short_key(cell) {
        Some(k) => (memo_hash(&k), Some(k)),
        None => (memo_hash(cell.as_bytes()), None),
    }
}

impl Memo {
    /// The entry for `cell`, if memoised (and counts the lookup and the use).
    fn get(&mut self, cell: &str, keys: &str) -> Option<&Slot> {
        if self.off || cell.len() > MEMO_MAX_LEN {
            return None;
        }
        self.lookups += 1;
        let (hash, short) = memo_key(cell);
        let e = self.index.find(hash, |s| s.is(cell, short, keys))?;
        self.hits += 1;
        if let Some(d) = self.deltas.get_mut(e.delta as usize) {
            d.1 += 1;
        }
        Some(e)
    }

    /// Memoise `cell` of column `col` (classified as `delta` and `hits`, with
    /// its geographic number's key `phone`), copying it to the key buffer and
    /// the entry to `entries`; the entry. Turns the memo off, adding its uses
    /// to `stats`, when it is full and answers fewer than half the lookups.
    #[allow(clippy::too_many_arguments)]
    fn insert(
        &mut self,
        cell: &str,
        col: u32,
        delta: Stats,
        hits: &[CellHit],
        phone: u64,
        keys: &mut String,
        entries: &mut Vec<Memoised>,
        stats: &mut Stats,
    ) -> Option<Memoised> {
        if self.off || cell.len() > MEMO_MAX_LEN || hits.len() > 2 {
            return None;
        }
        if self.index.len() >= MEMO_MAX_CELLS {
            if self.hits * 2 < self.lookups {
                self.off = true;
                self.index = hashbrown::HashTable::new();
                self.flush(stats);
            }
            return None;
        }
        let delta = match self.deltas.iter().position(|(d, _)| *d == delta) {
            Some(i) => i,
            None if self.deltas.len() < MEMO_MAX_DELTAS => {
                self.deltas.push((delta, 0));
                self.deltas.len() - 1
            }
            None => return None,
        };
        let mut memo_hits = [MemoHit {
            what: What::Initial,
            start: 0,
            end: 0,
        }; 2];
        for (slot, h) in memo_hits.iter_mut().zip(hits) {
            *slot = MemoHit {
                what: h.what,
                start: u8::try_from(h.start).ok()?,
                end: u8::try_from(h.end).ok()?,
            };
        }
        let id = u32::try_from(entries.len()).ok().filter(|&id| id != RAW)?;
        let (hash, short) = memo_key(cell);
        if self.index.find(hash, |s| s.is(cell, short, keys)).is_some() {
            return None;
        }
        let len = u8::try_from(cell.len()).ok()?;
        let start = keys.len();
        keys.push_str(cell);
        let entry = Memoised {
            key: StoreStr::key(start, keys.len()),
            id,
            col,
            n: hits.len() as u8,
            could_flag: hits.iter().any(|h| judge::could_flag(&h.what)),
            hits: memo_hits,
        };
        let slot = Slot {
            ident: short.map_or((start as u64, keys.len() as u64), |(a, b, _)| (a, b)),
            phone,
            id,
            len,
            delta: u8::try_from(delta).unwrap_or(u8::MAX),
            n: entry.n,
            could_flag: entry.could_flag,
        };
        let keys: &str = keys;
        self.index.insert_unique(hash, slot, |s| s.hash(keys));
        entries.push(entry);
        Some(entry)
    }

    /// Add the memo hits' contributions to `stats`.
    fn flush(&mut self, stats: &mut Stats) {
        for (d, uses) in &mut self.deltas {
            stats.add_times(d, *uses);
            *uses = 0;
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

/// A row that kept hits: its words end at `words` in [`TableScanner::words`],
/// its raw hits at `hits` in [`TableScanner::hits`] (each starts where the
/// previous row's end).
#[derive(Debug, Clone, Copy)]
struct KeptRow {
    row: u64,
    words: usize,
    hits: usize,
}

/// A word of a kept row that stands for the row's next raw hit (in
/// [`TableScanner::hits`]); any other word is the id of a memo entry whose
/// hits are the cell's (one word instead of a 16-byte hit per hit: a staff
/// list keeps most of its cells this way).
const RAW: u32 = u32::MAX;

/// A kept row's hits, in column order, from its words: memo entries' hits
/// and its raw hits, appended to `out`.
fn row_hits(words: &[u32], raw: &[Hit], entries: &[Memoised], out: &mut Vec<Hit>) {
    let mut raw = raw.iter();
    for &w in words {
        if w == RAW {
            out.extend(raw.next().copied());
        } else if let Some(e) = entries.get(w as usize) {
            out.extend(e.hits());
        }
    }
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
#[inline(always)]
fn count_phone(phones: &mut FastMap<u64, u32>, key: u64) {
    if key != 0 {
        *phones.entry(key).or_insert(0) += 1;
    }
}

/// Copy `text` to the end of the arena; its place there.
#[inline(always)]
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
    /// The raw hits of the rows kept (those not of a memo entry), in row order.
    hits: Vec<Hit>,
    /// What the rows kept hold, in row and column order: [`RAW`] for the
    /// next raw hit, or a memo entry's id.
    words: Vec<u32>,
    /// Every memo entry of every column, by id.
    entries: Vec<Memoised>,
    /// Where each kept row's words and raw hits end.
    rows: Vec<KeptRow>,
    /// The text of hits; with `keys` after it, it becomes the text the
    /// report's reasons quote.
    arena: String,
    /// The text of memoised cells (where their hits point).
    keys: String,
    cell_hits: Vec<CellHit>,
    scratch: Scratch,
    /// The organisation's profile, if any.
    profile: Option<Arc<Compiled>>,
    /// The session's staff roster, if any.
    roster: Option<Arc<Roster>>,
    /// Judge every row, not once per signature (for tests).
    judge_each_row: bool,
    /// The table's row labels, if it may be a key/value list or a table on
    /// its side.
    labels: Option<RowLabels>,
    /// The values of a header row read as its label says, for the next
    /// `record` ([`TableScanner::record_label_row`]).
    label_row: Vec<(usize, String, crate::report::ColumnClass, headers::Role)>,
}

/// A table may be a list of key/value rows (`Field,Value` over `Name,John
/// Morgan`, `Rank,Inspector`; a notes column may follow), or a table on its
/// side (`Surname,MORGAN,PATEL` over `Rank,PC,Sgt`): a value beside a label
/// (on its side, every value of the row) is then what the label says,
/// whatever its column's header. Labels are short headers
/// ([`headers::match_header`]) of classes that identify people
/// ([`headers::identifying`]);
/// a first column of more than [`ROW_LABELS_MAX`] distinct values is data,
/// not labels, and is no longer looked up.
#[derive(Debug, Default)]
struct RowLabels {
    seen: FastMap<Box<str>, Option<(crate::report::ColumnClass, headers::Role)>>,
    off: bool,
    /// The table's header may itself be a label and its value (`Name,John
    /// Morgan`): a key/value list without a header row, if its first
    /// column turns out to hold labels (see [`TableScanner::finish`]).
    headerless: bool,
    /// Rows with a first cell, and those whose first cell is a header word.
    firsts: u64,
    labelled: u64,
    /// Whether a row is labelled with what only staff have (`Rank`,
    /// `Collar number`, `Vetting`) and has a value: the list is about
    /// staff, so the names its other labels find are staff.
    staff: bool,
    /// A form: labels and values in pairs across each row (`Name,John
    /// Morgan,Rank,Inspector`), each value read by the label on its left
    /// ([`form_row`]).
    pairs: bool,
    /// Whether the list names people (a label of a name: `Surname`, or the
    /// header's label of a table on its side): an initial's label then
    /// finds part of a name (`Initial,J,K,S` under `Surname,MORGAN,PATEL,
    /// WARD`), where alone it finds no one.
    names: bool,
}

/// Distinct first-column values a key/value table may have.
const ROW_LABELS_MAX: usize = 64;

impl RowLabels {
    /// The class the label `cell` names (and whom it is about), if it names
    /// one that identifies.
    fn class(&mut self, cell: &str) -> Option<(crate::report::ColumnClass, headers::Role)> {
        if self.off {
            return None;
        }
        let label = trim_label(cell);
        if let Some(c) = self.seen.get(label) {
            return *c;
        }
        if self.seen.len() >= ROW_LABELS_MAX {
            self.off = true;
            self.seen = FastMap::default();
            return None;
        }
        let class = label_class_beside(label, self.names);
        self.names |= class.is_some_and(|(c, _)| is_name_class(c));
        self.staff |= headers::match_header(label).is_some_and(|r| {
            matches!(
                r.class,
                crate::report::ColumnClass::RankGrade
                    | crate::report::ColumnClass::StaffNumber
                    | crate::report::ColumnClass::Vetting
            )
        });
        self.seen.insert(label.into(), class);
        class
    }

    /// The labels of a form's header (`Name,John Morgan,Rank,Inspector`),
    /// which is a row of the form, not of header words.
    fn form(header: &[String]) -> RowLabels {
        let mut labels = RowLabels {
            headerless: true,
            pairs: true,
            ..RowLabels::default()
        };
        let fields: Vec<&str> = header.iter().map(String::as_str).collect();
        labels.count_labels(&fields);
        for pair in header.chunks(2) {
            if let [label, value] = pair {
                if !value.trim().is_empty() {
                    labels.class(label);
                }
            }
        }
        labels
    }

    /// Count a row's label cells (the first; in a form, every other one):
    /// a whole header (`Rank`, `Collar number:`) or not. A key/value list is
    /// short: its first [`2 * ROW_LABELS_MAX`](ROW_LABELS_MAX) labels decide.
    fn count_labels(&mut self, fields: &[&str]) {
        let pairs = self.pairs;
        let labels = fields
            .iter()
            .enumerate()
            .filter(|&(j, _)| is_label_column(j, pairs));
        for (_, cell) in labels {
            let label = trim_label(cell);
            if self.headerless && !label.is_empty() && self.firsts < 2 * ROW_LABELS_MAX as u64 {
                self.firsts += 1;
                self.labelled += u64::from(match self.pairs {
                    true => form_label(label),
                    false => headers::match_whole_header(label).is_some(),
                });
            }
        }
    }

    /// A key/value list without a header row (or a form, or a table on its
    /// side), as its rows confirm: at least two label cells, most of them
    /// header words. Its label columns are then labels, not the column of
    /// names its header (`Name`) says, and its rows are not records of
    /// people.
    fn first_column_is_labels(&self) -> bool {
        self.headerless && self.firsts >= 2 && self.labelled * 2 >= self.firsts
    }
}

/// Whether column `j` of a list holds its labels: the first; in a form
/// (`pairs`), every other one.
fn is_label_column(j: usize, pairs: bool) -> bool {
    j == 0 || (pairs && j.is_multiple_of(2))
}

/// Whether a row is a form's: labels and values in pairs across it (`Name,
/// John Morgan,Rank,Inspector`; `Surname,MORGAN,Date of birth,` over
/// `Forename,Jane,Station,Lisburn`). At least two labels; every cell in a
/// label's place is a short header (`Victim name`) and not a name the
/// gazetteer knows (`Surname,MORGAN,WARD,PATEL` is three officers on their
/// side); no value is a header word (`Surname,Forename,Rank,Station` and
/// `Claim Ref,Date,Claimant,Claim Type` are headers; `1 High Street`, with
/// a number, is a value), and one of the labels names what identifies
/// people.
pub fn form_row<S: AsRef<str>>(cells: &[S]) -> bool {
    let end = cells
        .iter()
        .rposition(|c| !c.as_ref().trim().is_empty())
        .map_or(0, |i| i + 1);
    let cells = cells.get(..end).unwrap_or(&[]);
    if cells.len() < 3 {
        return false;
    }
    let (mut labels, mut identifying, mut values, mut value_words) = (0, false, 0, 0);
    for pair in cells.chunks(2) {
        let label = trim_label(pair[0].as_ref());
        if label.is_empty() {
            if pair.get(1).is_some_and(|v| !v.as_ref().trim().is_empty()) {
                return false; // a value with no label
            }
            continue;
        }
        if !form_label(label) {
            return false;
        }
        labels += 1;
        identifying |= label_class(label).is_some();
        if let Some(v) = pair
            .get(1)
            .map(|v| v.as_ref().trim())
            .filter(|v| !v.is_empty())
        {
            values += 1;
            // a value is no header word: a safe copy's mask, an address
            value_words += usize::from(
                !is_mask(v)
                    && !v.contains(|c: char| c.is_ascii_digit())
                    && headers::match_header(v).is_some(),
            );
        }
    }
    labels >= 2 && identifying && values > 0 && value_words == 0
}

/// Whether a form's cell is a label: a short header (`Victim name`,
/// `Collar number:`), not a name the gazetteer knows (`WARD`).
fn form_label(label: &str) -> bool {
    label.split_whitespace().count() <= 4
        && headers::match_header(label).is_some()
        && !known_name(label)
}

/// Whether a word of `text` is a name the gazetteer knows.
fn known_name(text: &str) -> bool {
    text.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        names::is_surname(w) || names::is_forename(w)
    })
}

/// A label without its colon: `Surname:` -> `Surname`.
fn trim_label(cell: &str) -> &str {
    cell.trim().trim_end_matches(':').trim_end()
}

/// The identifying class a label names, and whom it is about.
fn label_class(label: &str) -> Option<(crate::report::ColumnClass, headers::Role)> {
    label_class_beside(label, false)
}

/// [`label_class`], and an initial's label (`Initial`, `Initials`) too when
/// a name's label is beside it (`names`): the initials are then part of
/// the names, where alone they find no one.
fn label_class_beside(
    label: &str,
    names: bool,
) -> Option<(crate::report::ColumnClass, headers::Role)> {
    // A label is short (`Name of officer`), not a sentence.
    (label.split_whitespace().count() <= 6)
        .then(|| headers::match_header(label))
        .flatten()
        .map(|r| (r.class, r.role))
        .filter(|&(c, _)| {
            headers::identifying(c) && (names || c != crate::report::ColumnClass::Initial)
        })
}

/// A class of names or parts of them (not initials).
fn is_name_class(class: crate::report::ColumnClass) -> bool {
    use crate::report::ColumnClass as C;
    matches!(class, C::Name | C::Surname | C::Forename)
}

/// The class a table's header names when it is a label and its values, not
/// a row of header words: `Name,John Morgan` (a key/value list without a
/// header row) or `Surname,MORGAN,PATEL` (a table turned on its side, one
/// person to a column). Its first cell is a label of a class that
/// identifies, and most of its other cells are not header words (a surname
/// may be one: WARD; a safe copy's `[name removed]` is a value, not a header
/// word); when only half are not, those must be names the gazetteer knows
/// (`Surname,PATEL,WARD`).
pub fn header_label(header: &[String]) -> Option<(crate::report::ColumnClass, headers::Role)> {
    let (label, values) = header.split_first()?;
    let values: Vec<&String> = values.iter().filter(|v| !v.trim().is_empty()).collect();
    let (words, others): (Vec<&String>, Vec<&String>) = values
        .iter()
        .partition(|v| !is_mask(v) && headers::match_header(v).is_some());
    let values_only = words.len() < others.len()
        || (!others.is_empty()
            && words.len() == others.len()
            && others.iter().all(|v| known_name(v)));
    values_only
        .then(|| label_class(trim_label(label)))
        .flatten()
}

/// Keeps the first of each (what, text) among a cell's hits: a cell that
/// names the same officer a thousand times (a log pasted into one cell)
/// gives one reason, not a thousand, and a row the page can show. Nothing is
/// left unmasked by it: the safe copy replaces every copy of a match's text
/// in its cell.
fn dedup_hits(cell: &str, hits: &mut Vec<CellHit>) {
    let text = |h: &CellHit| cell.get(h.start..h.end).unwrap_or_default();
    match hits.as_slice() {
        [] | [_] => {}
        [a, b] => {
            if a.what == b.what && text(a) == text(b) {
                hits.truncate(1);
            }
        }
        _ => {
            let mut seen: FastMap<(What, &str), ()> = FastMap::default();
            hits.retain(|h| seen.insert((h.what, text(h)), ()).is_none());
        }
    }
}

/// Whether `value`, read as a label of `class` says, holds something that
/// could flag its row.
fn labelled_flags(
    class: crate::report::ColumnClass,
    value: &str,
    scratch: &mut Scratch,
    cell_hits: &mut Vec<CellHit>,
) -> bool {
    cell_hits.clear();
    let mut stats = Stats::default();
    cell::classify(
        Mode::for_class(Some(class)),
        value,
        &mut stats,
        scratch,
        cell_hits,
    );
    cell_hits.iter().any(|h| {
        judge::could_flag(&h.what)
            || (class == crate::report::ColumnClass::Initial && matches!(h.what, What::Initial))
    })
}

/// A safe copy's mark for a value it removed (`[name removed]`): a value,
/// not a header, whatever words it holds.
fn is_mask(cell: &str) -> bool {
    let t = cell.trim();
    t.len() > 2 && t.starts_with('[') && t.ends_with(']')
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
            Mode::for_header(rule, header)
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
        self.memo.flush(&mut self.stats);
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
        // A first column that is not itself a column of names or numbers,
        // and beside it a second column that is not one either
        // (`Field,Value,Notes`; any second column when there are just two);
        // or a header that is a label and its values, not header words
        // (`Name,John Morgan`; `Surname,MORGAN,PATEL`, a table turned on its
        // side).
        let side = table.and_then(|t| header_label(&t.header));
        let labels = match &cols[..] {
            _ if table.is_some_and(|t| form_row(&t.header)) => {
                table.map(|t| RowLabels::form(&t.header))
            }
            _ if side.is_some() => Some(RowLabels {
                headerless: true,
                names: side.is_some_and(|(c, _)| is_name_class(c)),
                ..RowLabels::default()
            }),
            [first, second, rest @ ..]
                if first.rule.is_none_or(|r| !headers::identifying(r.class))
                    && (rest.is_empty()
                        || second.rule.is_none_or(|r| !headers::identifying(r.class))) =>
            {
                Some(RowLabels::default())
            }
            _ => None,
        };
        TableScanner {
            table: table.map(|t| t.index),
            first_column,
            cols,
            hits: Vec::new(),
            words: Vec::new(),
            entries: Vec::new(),
            rows: Vec::new(),
            arena: String::new(),
            keys: String::new(),
            cell_hits: Vec::new(),
            scratch: Scratch::default(),
            profile: profile.cloned(),
            roster: roster.cloned(),
            judge_each_row: false,
            labels,
            label_row: Vec::new(),
        }
    }

    /// One record; `fields` as the [`crate::read::Sink`] gives them.
    ///
    /// The column counts (and phone-number counts) are always updated; the
    /// row's hits are kept only if one of them could flag the row once the
    /// columns are folded ([`judge::could_flag`]). A staff list of ranks,
    /// units and counts keeps nothing per row.
    pub fn record(&mut self, row: u64, fields: &[&str]) {
        let (hits_at, words_at, arena_at) = (self.hits.len(), self.words.len(), self.arena.len());
        // With a profile or a roster, the row's hits are edited after they
        // are found ([`TableScanner::apply_profile`]): they are all kept raw.
        let compact = self.profile.is_none() && self.roster.is_none();
        let mut could_flag = false;
        while self.cols.len() < fields.len() {
            let j = self.cols.len();
            self.cols
                .push(Column::new("", self.first_column + j, self.table.is_none()));
        }
        if let Some(labels) = self.labels.as_mut() {
            labels.count_labels(fields);
        }
        for (j, (field, col)) in fields.iter().zip(self.cols.iter_mut()).enumerate() {
            if field.is_empty() {
                continue;
            }
            if let Some(m) = col.memo.get(field, &self.keys) {
                count_phone(&mut col.phones, m.phone);
                if m.n == 0 {
                } else if compact {
                    self.words.push(m.id);
                    could_flag |= m.could_flag;
                } else if let Some(e) = self.entries.get(m.id as usize) {
                    self.hits.extend(e.hits());
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
            dedup_hits(field, &mut self.cell_hits);
            let mut phone = 0;
            let mut phones_found = 0;
            for h in &self.cell_hits {
                let key = phone_key(&h.what, field.get(h.start..h.end).unwrap_or(""));
                if key != 0 {
                    count_phone(&mut col.phones, key);
                    phone = key;
                    phones_found += 1;
                }
            }
            let entry = if phones_found <= 1 {
                col.memo.insert(
                    field,
                    j as u32,
                    col.stats.since(&before),
                    &self.cell_hits,
                    phone,
                    &mut self.keys,
                    &mut self.entries,
                    &mut col.stats,
                )
            } else {
                None
            };
            match entry {
                Some(e) if e.n == 0 => {}
                Some(e) if compact => {
                    self.words.push(e.id);
                    could_flag |= e.could_flag;
                }
                Some(e) => self.hits.extend(e.hits()),
                None => {
                    for h in &self.cell_hits {
                        let text =
                            stash(&mut self.arena, field.get(h.start..h.end).unwrap_or(field));
                        self.hits.push(Hit {
                            text,
                            col: j as u32,
                            what: h.what,
                        });
                        if compact {
                            self.words.push(RAW);
                            could_flag |= judge::could_flag(&h.what);
                        }
                    }
                }
            }
        }
        // A key/value row: the value read as its label says (in a table on
        // its side, every value of the row; in a form, each value by the
        // label on its left).
        if self.labels.as_ref().is_some_and(|l| l.pairs) {
            for (k, pair) in fields.chunks(2).enumerate() {
                let [label, value] = pair else { continue };
                if value.trim().is_empty() {
                    continue;
                }
                let class = self.labels.as_mut().and_then(|l| l.class(label));
                if let Some((class, role)) = class {
                    if self.push_labelled(2 * k + 1, value, class, role) && compact {
                        self.words.push(RAW);
                        could_flag = true;
                    }
                }
            }
        } else if let (Some(labels), [label, values @ ..]) = (self.labels.as_mut(), fields) {
            let values = if labels.headerless {
                values
            } else {
                values.get(..1).unwrap_or(&[])
            };
            let class = if values.iter().all(|v| v.trim().is_empty()) {
                None
            } else {
                labels.class(label)
            };
            if let Some((class, role)) = class {
                for (j, value) in values.iter().enumerate() {
                    if self.push_labelled(j + 1, value, class, role) && compact {
                        self.words.push(RAW);
                        could_flag = true;
                    }
                }
            }
        }
        // The header row of such a table, read by the scanner of the rows
        // outside tables (see `record_label_row`).
        for (j, value, class, role) in std::mem::take(&mut self.label_row) {
            if self.push_labelled(j, &value, class, role) && compact {
                self.words.push(RAW);
                could_flag = true;
            }
        }
        if !compact {
            self.apply_profile(fields, hits_at);
            let kept = self.hits.get(hits_at..).unwrap_or(&[]);
            could_flag = kept.iter().any(|h| judge::could_flag(&h.what));
            self.words.extend(kept.iter().map(|_| RAW));
        }
        if could_flag {
            self.rows.push(KeptRow {
                row,
                words: self.words.len(),
                hits: self.hits.len(),
            });
        } else {
            self.hits.truncate(hits_at);
            self.words.truncate(words_at);
            self.arena.truncate(arena_at);
        }
    }

    /// Whether the table is a list of labels and values (or a table on its
    /// side) one of whose labels only staff have (`Rank`, `Collar number`):
    /// its names are then staff, as in a table with a rank column.
    pub fn labels_staff(&self) -> bool {
        self.labels
            .as_ref()
            .is_some_and(|l| l.staff && !l.off && (!l.headerless || l.first_column_is_labels()))
    }

    /// The names its label found on `row` (a table on its side's header,
    /// read by this scanner of the rows outside tables) are staff: the
    /// table's other labels say so ([`TableScanner::labels_staff`]).
    pub fn labelled_row_is_staff(&mut self, row: u64) {
        let Some(k) = self.rows.iter().rposition(|r| r.row == row) else {
            return;
        };
        let start = k
            .checked_sub(1)
            .and_then(|p| self.rows.get(p))
            .map_or(0, |r| r.hits);
        let end = self.rows.get(k).map_or(start, |r| r.hits);
        for h in self.hits.get_mut(start..end).into_iter().flatten() {
            if let What::Labelled(class, headers::Role::Neutral) = h.what {
                h.what = What::Labelled(class, headers::Role::Staff);
            }
        }
    }

    /// Read `value` (in column `j`) as its row's label says; true when it
    /// could flag the row (its hit is then kept).
    fn push_labelled(
        &mut self,
        j: usize,
        value: &str,
        class: crate::report::ColumnClass,
        role: headers::Role,
    ) -> bool {
        if value.trim().is_empty()
            || !labelled_flags(class, value, &mut self.scratch, &mut self.cell_hits)
        {
            return false;
        }
        let text = stash(&mut self.arena, value.trim());
        self.hits.push(Hit {
            text,
            col: j as u32,
            what: What::Labelled(class, role),
        });
        true
    }

    /// The header row of a table whose header is a label and its values
    /// ([`header_label`]: `Surname,MORGAN,PATEL`), for the scanner of the
    /// rows outside tables: `header` is its cells and `text` the same with
    /// header words left out (in file columns). When the label (of `class`,
    /// at `header[label_at]`) finds every value, each is read as the label
    /// says (a surname that is a header word, WARD, too); otherwise the row
    /// is read as `text`, free text, as any header is.
    pub fn record_label_row(
        &mut self,
        row: u64,
        header: &[&str],
        text: &[&str],
        label_at: usize,
        (class, role): (crate::report::ColumnClass, headers::Role),
    ) {
        // Only when the label finds every value: `Name,Jan,Feb` is more
        // likely a header of months over a column of names.
        let values = header.iter().enumerate().skip(label_at + 1);
        let all = values.clone().all(|(_, v)| {
            v.trim().is_empty() || labelled_flags(class, v, &mut self.scratch, &mut self.cell_hits)
        });
        if !all {
            return self.record(row, text);
        }
        let mut text: Vec<&str> = text.to_vec();
        for (j, value) in values.filter(|(_, v)| !v.trim().is_empty()) {
            self.label_row.push((j, value.to_string(), class, role));
            if let Some(t) = text.get_mut(j) {
                *t = "";
            }
        }
        self.record(row, &text);
    }

    /// The header row of a form ([`form_row`]: `Name,John Morgan,Rank,
    /// Inspector`), for the scanner of the rows outside tables: each value
    /// that its label (at `header[first + 2k]`) finds is read as the label
    /// says; the rest of the row is read as `text`, free text, as any
    /// header is.
    pub fn record_form_row(&mut self, row: u64, header: &[&str], text: &[&str], first: usize) {
        let mut text: Vec<&str> = text.to_vec();
        let mut names = false;
        for (k, pair) in header.get(first..).unwrap_or(&[]).chunks(2).enumerate() {
            let [label, value] = pair else { continue };
            let j = first + 2 * k + 1;
            let Some((class, role)) = label_class_beside(trim_label(label), names) else {
                continue;
            };
            names |= is_name_class(class);
            if !value.trim().is_empty()
                && labelled_flags(class, value, &mut self.scratch, &mut self.cell_hits)
            {
                self.label_row.push((j, value.to_string(), class, role));
                if let Some(t) = text.get_mut(j) {
                    *t = "";
                }
            }
        }
        self.record(row, &text);
    }

    /// How many hits and memoised cells with hits are kept for the row
    /// judgement (for tests of memory use).
    #[doc(hidden)]
    pub fn kept_hits(&self) -> usize {
        self.words.len()
    }

    /// Fold the columns and judge the rows.
    pub fn finish(mut self) -> Findings {
        for c in &mut self.cols {
            c.flush_memo();
        }
        let key_value = self
            .labels
            .as_ref()
            .is_some_and(RowLabels::first_column_is_labels);
        if key_value {
            // A key/value list without a header row, or a table on its
            // side: its header is data. The columns are named by their
            // letters, and the values' headers (`John Morgan`, `MORGAN`, a
            // safe copy's `[name removed]`) are no rule.
            for c in &mut self.cols {
                c.label = format!("column {}", column_letters(c.file_index));
            }
            for value in self.cols.iter_mut().skip(1) {
                value.rule = None;
            }
        }
        let pairs = self.labels.as_ref().is_some_and(|l| l.pairs);
        let mut folded: Vec<column::Folded> = self.cols.iter().map(column::fold).collect();
        if key_value {
            // the label columns are labels, whatever their cells look like
            for (j, f) in folded.iter_mut().enumerate() {
                if is_label_column(j, pairs) {
                    *f = column::Folded::labels();
                }
            }
        }
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
                    mentions: u64::from(c.stats.mentions),
                })
                .collect(),
            None => Vec::new(),
        };
        let (rows, special) = judge::judge(self, folded);
        Findings {
            rows,
            columns,
            records: !key_value,
            special,
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A table whose columns repeat some values (memoised) and not others
    /// (classified every time), with phone numbers that repeat enough to be
    /// switchboards, a notes column, and more distinct e-mails than the memo
    /// holds (so it fills, and then turns off or keeps paying).
    fn rows() -> Vec<Vec<String>> {
        let surnames = [
            "MORGAN",
            "O'NEILL",
            "PATEL",
            "KOWALSKI",
            "Ó BRIAIN",
            "Mor\u{200b}gan",
        ];
        let forenames = ["Jane", "Seán", "Priya", "Tomasz", "Aoife"];
        let ranks = ["Constable", "Sergeant", "Inspector", "Chief Superintendent"];
        let notes = [
            "",
            "Line manager Sgt Okafor",
            "Attached to Constable Road station during refurbishment works",
            "Tutor constable",
        ];
        (0..12_000usize)
            .map(|i| {
                let s = surnames[i % surnames.len()];
                let f = forenames[(i / 7) % forenames.len()];
                vec![
                    s.to_string(),
                    f.to_string(),
                    ranks[(i / 3) % ranks.len()].to_string(),
                    format!("{}", 10_000 + i),
                    format!(
                        "{}.{}{}@northshire.police.uk",
                        f.to_lowercase(),
                        i % 6000,
                        "x"
                    ),
                    if i % 5 == 0 {
                        "028 9065 0222".to_string()
                    } else {
                        format!("028 9{:03} {:04}", i % 1000, i % 9999)
                    },
                    notes[i % notes.len()].to_string(),
                ]
            })
            .collect()
    }

    fn scan(memo: bool, verdicts: bool) -> Findings {
        let table = Table {
            index: 0,
            header_row: 1,
            first_column: 0,
            header: [
                "Surname",
                "Forename",
                "Rank",
                "Collar Number",
                "Email",
                "Phone",
                "Notes",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        };
        let mut s = TableScanner::new(Some(&table));
        s.judge_each_row = !verdicts;
        if !memo {
            for c in &mut s.cols {
                c.memo.off = true;
            }
        }
        for (i, r) in rows().iter().enumerate() {
            let fields: Vec<&str> = r.iter().map(String::as_str).collect();
            s.record(i as u64 + 2, &fields);
        }
        s.finish()
    }

    #[test]
    fn memo_and_verdicts_change_nothing() {
        let without = scan(false, false);
        assert!(without.rows.len() > 10_000, "{}", without.rows.len());
        for with in [scan(true, false), scan(false, true), scan(true, true)] {
            assert_eq!(with.columns, without.columns);
            assert_eq!(with.rows.len(), without.rows.len());
            for (a, b) in with.rows.iter().zip(&without.rows) {
                assert_eq!((a.row, a.kind), (b.row, b.kind));
                assert_eq!(a.reasons.len(), b.reasons.len(), "row {}", a.row);
                assert_eq!(a.reasons.to_vec(), b.reasons.to_vec(), "row {}", a.row);
            }
        }
        let with = scan(true, true);
        // The switchboard repeats: it is no one's direct line, memoised or not.
        let row = with.rows.iter().find(|r| r.row == 2).expect("row 2");
        assert!(row.reasons.iter().all(|x| x.text != "028 9065 0222"));
        // A memoised name with a zero-width space still reads as the name.
        let row = with.rows.iter().find(|r| r.row == 7).expect("row 7");
        let first = row.reasons.first().expect("a reason");
        assert_eq!(first.text, "Jane Morgan", "{first:?}");
    }

    /// The memo's table grows by hashing its slots again: every cell
    /// memoised, short and long, is still found after thousands more.
    #[test]
    fn memo_finds_every_cell_after_its_table_grows() {
        let mut m = Memo::default();
        let (mut keys, mut stats, mut entries) = (String::new(), Stats::default(), Vec::new());
        let cell = |i: usize| {
            if i.is_multiple_of(2) {
                format!("S{i}")
            } else {
                format!("officer.number.{i}@example.org")
            }
        };
        for i in 0..MEMO_MAX_CELLS {
            let c = cell(i);
            let e = m.insert(
                &c,
                0,
                Stats::default(),
                &[],
                0,
                &mut keys,
                &mut entries,
                &mut stats,
            );
            assert!(e.is_some(), "{c}");
        }
        for i in 0..MEMO_MAX_CELLS {
            let c = cell(i);
            assert_eq!(m.get(&c, &keys).map(|s| s.id as usize), Some(i), "{c}");
        }
        assert!(m.get("S1", &keys).is_none());
    }

    #[test]
    fn memo_keys_its_cells_exactly() {
        let mut m = Memo::default();
        let (mut keys, mut stats) = (String::new(), Stats::default());
        let hit = CellHit {
            what: What::Surname,
            start: 0,
            end: 6,
        };
        let delta = Stats {
            nonempty: 1,
            names: 1,
            ..Stats::default()
        };
        let mut entries = Vec::new();
        let e = m.insert(
            "MORGAN",
            3,
            delta,
            &[hit],
            0,
            &mut keys,
            &mut entries,
            &mut stats,
        );
        assert!(e.is_some_and(|e| e.key.is_key() && e.key.get(&keys) == "MORGAN"));
        assert!(e.is_some_and(|e| e.id == 0 && e.col == 3 && e.could_flag));
        assert_eq!(entries.len(), 1);
        // The same cell again is not stored twice.
        assert!(m
            .insert(
                "MORGAN",
                3,
                delta,
                &[hit],
                0,
                &mut keys,
                &mut entries,
                &mut stats
            )
            .is_none());
        assert!(m.get("MORGAN", &keys).is_some());
        assert!(m.get("MORGANS", &keys).is_none());
        assert!(m.get("morgan", &keys).is_none());
        // Uses are counted into the column's stats when flushed.
        assert!(m.get("MORGAN", &keys).is_some());
        m.flush(&mut stats);
        assert_eq!((stats.nonempty, stats.names), (2, 2));
        // Cells over 16 bytes are compared as text.
        let long = "Professional Standards";
        let e = m.insert(long, 3, delta, &[], 0, &mut keys, &mut entries, &mut stats);
        assert!(e.is_some());
        assert!(m.get(long, &keys).is_some());
        assert!(m.get("Professional Standardz", &keys).is_none());
        assert!(m.get("Professional Standard", &keys).is_none());
        let id = m.get(long, &keys).map(|e| e.id as usize);
        let entry = id.and_then(|id| entries.get(id));
        assert_eq!(entry.map(|e| e.key.get(&keys)), Some(long));
        // More than two hits, or a cell longer than the limit, is not memoised.
        assert!(m
            .insert(
                "A B C",
                3,
                delta,
                &[hit, hit, hit],
                0,
                &mut keys,
                &mut entries,
                &mut stats
            )
            .is_none());
        let long = "x".repeat(MEMO_MAX_LEN + 1);
        assert!(m
            .insert(&long, 3, delta, &[], 0, &mut keys, &mut entries, &mut stats)
            .is_none());
    }
}
