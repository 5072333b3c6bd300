//! Finding the tables in a stream of records.
//!
//! Outside a table, non-blank records wait in a short look-ahead queue (at
//! most [`LOOKAHEAD`] records after the candidate) while the first one is
//! judged as a header:
//!
//! - **header-like**: at least two non-empty cells, every one a label (text,
//!   or a year such as `2019` or `2019/20`; not a number, date or amount),
//!   none longer than 80 characters or ending in `:` (a `Label:` is a note
//!   such as `Date of request:`), and at least 80% of them distinct;
//! - **followed by data**: of the up to three records right after it (before
//!   any blank row), at least half have at least two non-empty cells, at least
//!   a quarter as many as the header, and none to the right of the header's
//!   last column + 1, unless those are a block after an empty column (a side
//!   table whose header is lower down: the record fits by its cells under the
//!   header). A header-like record followed by nothing at all (end of
//!   file, possibly after blank rows) is a header-only table.
//!
//! **A block to the right**: when records right under the header have cells
//! after an empty column right of it, the columns from the block's first
//! on are an **area** (below) read on their own, so a pivot pasted right of
//! its source data, its header a row or more down, opens there as a table of
//! its own; its rows outside tables keep their columns (padded from column
//! A), and on the same row the group's cells come first. A block whose
//! header comes later, on a row of the table (not after blank rows), beside
//! its rows or below its last one, makes the same area from that row on,
//! when its cells there are header words only, two at least
//! (`,,,Surname,Initial,Rank`), so data that runs on to the right
//! (`,,,MORGAN,J,Constable`) stays in the table.
//!
//! A rejected candidate is sent as `record(None, ..)` (title lines, notes).
//!
//! **A title or group labels over the header**: a header-like record
//! directly above another that spans its columns and names at least two
//! columns the way headers do, where it names fewer and the record under
//! names fewer again (`Officer details,,Posting,` over
//! `Surname,Initial,Rank,Unit`: merged cells exported; `Staff list,2023`
//! over `Surname,Rank`), is a title line; the record under it is judged as
//! the header. See [`over_header`].
//!
//! **A title beside a header**: when the header's first non-empty cell
//! stands alone, then empty columns, then a run of at least two header cells,
//! and one of those empty columns is empty in the look-ahead data too, the
//! lone cell is a title (of a pivot pasted left of its source data), not a
//! column, unless the data fills the whole gap and has cells under the lone
//! cell (then it is a column, as in `Surname,,Rank` over `SMITH,,PC`). The
//! tables then start at the run; the columns left of it are an **area** read
//! by a nested finder (the same rules, without areas of its own), so a pivot
//! whose header comes a few rows down opens there as a table of its own while
//! the source table is open. The area's rows outside its tables go to
//! `record(None, ..)` with the area's columns only; the group's own rows keep
//! their columns (a footnote's area cells are blank). Events are kept back
//! while the area's finder has undecided records (a few rows at most: a blank
//! row in the area settles them) and leave in row order, left columns first
//! on the same row.
//!
//! **Side by side**: a header whose non-empty cells form runs separated by
//! empty cells, where the gap columns are also empty in every look-ahead data
//! record, makes one table per run of at least two header cells (a run of one
//! joins its left neighbour). The first table starts at column 0 (empty header
//! cells before it become `""` columns, so row labels under an empty top-left
//! cell are kept); each other table starts at its first header cell; a table's
//! extra cells run up to the next table's first column, so every non-empty
//! cell of a record reaches exactly one table (empty cells beyond a table's
//! header width are dropped).
//!
//! **Inside a table** every record is a data row of the table(s) with
//! content in its columns, except:
//!
//! - a **footnote**: one non-empty cell that starts like `Source`, `Note`,
//!   `*`, `†` ... or is a sentence of 60+ characters, goes to
//!   `record(None, ..)`; the table stays open (totals rows such as `Total` or
//!   `Grand Total` stay in the table as data rows);
//! - after one or more **blank rows**, a record that does not fit ends the
//!   table and is judged again as above: one non-empty cell (a title), cells
//!   to the right of the table, or a header-like record that repeats the
//!   header or puts text in a column whose data so far is numbers. Anything
//!   else after blank rows continues the table.
//! - a footnote-like line right after blank rows may be a long title (`Table
//!   2: Officers in ... (source data)`): it goes to `record(None, ..)` and the
//!   next record is judged as after blank rows, where a header-like record of
//!   another width than the table's header also ends the table.
//! - with no blank row before it, a record of header words only (two at
//!   least, not the header again) that does not fill the columns as the
//!   rows do (wider, or stopping short of a column they usually fill) is
//!   in doubt as below: a table pasted right under another
//!   (`Surname,Initial,Rank,Station` under the last row of `Rank,Count`).
//! - after blank rows, a header-like record that none of the above settles
//!   waits with the records right under it (up to [`FOLLOW`], before any
//!   blank row). It ends the table, and is judged again as a header, when
//!   those records fit under it as under a header and their **shape** differs
//!   from the table's: narrower (they stop at the record's last column while
//!   the table's rows usually fill columns beyond it), wider (they fill the
//!   column after the table's header that its rows usually leave empty), or
//!   a column that held text now holds only numbers (or the reverse). Rows of
//!   the table's shape after a blank row (a list in groups) go on in it.

use std::collections::{HashSet, VecDeque};

use super::{Sink, Table};

/// Records looked at after a header candidate.
pub(crate) const LOOKAHEAD: usize = 8;
/// Data rows profiled per table (numeric share per column).
const PROFILE_ROWS: u32 = 200;
/// Records looked at under a header-like record after blank rows inside a
/// table, to tell a new table from more rows of the open one.
pub(crate) const FOLLOW: usize = 3;

/// Non-empty cells of a record: how many, the first and last column.
#[derive(Clone, Copy, Debug)]
struct Shape {
    filled: usize,
    first: usize,
    last: usize,
}

/// `f.trim().is_empty()`, without trimming the usual cell, which starts
/// with a visible ASCII character (never whitespace).
#[inline]
fn blank(f: &str) -> bool {
    match f.as_bytes().first() {
        None => true,
        Some(&b) if b > b' ' && b < 0x80 => false,
        Some(_) => f.trim().is_empty(),
    }
}

fn shape(fields: &[&str]) -> Shape {
    let mut s = Shape {
        filled: 0,
        first: 0,
        last: 0,
    };
    for (j, f) in fields.iter().enumerate() {
        if !blank(f) {
            if s.filled == 0 {
                s.first = j;
            }
            s.filled += 1;
            s.last = j;
        }
    }
    s
}

/// A number, amount, percentage, date or time.
pub(crate) fn numeric_like(t: &str) -> bool {
    let mut digit = false;
    for c in t.chars() {
        match c {
            '0'..='9' => digit = true,
            ' ' | '.' | ',' | '-' | '+' | '/' | ':' | '%' | '£' | '$' | '€' | '(' | ')' => {}
            _ => return false,
        }
    }
    digit
}

/// `2019`, `2019/20`, `2019-2020`: a column heading in a summary table.
fn year_like(t: &str) -> bool {
    let b = t.as_bytes();
    let year = |s: &[u8]| {
        s.len() == 4
            && (s.starts_with(b"19") || s.starts_with(b"20"))
            && s.iter().all(u8::is_ascii_digit)
    };
    match b.len() {
        4 => year(b),
        7 | 9 => {
            let (y, rest) = b.split_at(4);
            year(y)
                && matches!(rest.first(), Some(b'/' | b'-'))
                && rest.iter().skip(1).all(u8::is_ascii_digit)
        }
        _ => false,
    }
}

fn is_label(t: &str) -> bool {
    !numeric_like(t) || year_like(t)
}

/// A header-like record of header words only, two at least (`Surname,
/// Initial,Rank`), as a record of a table may be the header of another.
/// Cheapest first, as it is asked about rows of data: a number, a first
/// cell that is no header on its own (`MORGAN`), or few such cells
/// (`WARD,John,Constable`: a ward is a header word) settle it before the
/// header table is searched phrase by phrase.
fn header_words(fields: &[&str], s: Shape) -> bool {
    use crate::rules::headers::{match_header, match_whole_header};
    let cells = fields.iter().map(|f| f.trim()).filter(|t| !t.is_empty());
    if s.filled < 2 || !cells.clone().all(is_label) {
        return false;
    }
    let (mut n, mut words) = (0, 0);
    for (k, c) in cells.clone().enumerate() {
        let w = match_whole_header(c).is_some();
        if k == 0 && !w {
            return false;
        }
        n += 1;
        words += usize::from(w);
    }
    words * 2 >= n && cells.clone().all(|c| match_header(c).is_some()) && header_like(fields, s)
}

fn header_like(fields: &[&str], s: Shape) -> bool {
    if s.filled < 2 {
        return false;
    }
    let mut seen = HashSet::with_capacity(s.filled);
    for f in fields {
        let t = f.trim();
        if t.is_empty() {
            continue;
        }
        if t.chars().count() > 80 || t.ends_with(':') || !is_label(t) {
            return false;
        }
        seen.insert(t.to_lowercase());
    }
    seen.len() * 5 >= s.filled * 4
}

fn footnote_like(fields: &[&str], s: Shape) -> bool {
    if s.filled != 1 {
        return false;
    }
    let t = fields.get(s.first).map_or("", |f| f.trim());
    let lower = t.to_lowercase();
    const STARTS: &[&str] = &[
        "source",
        "note",
        "notes",
        "please note",
        "nb:",
        "n.b",
        "figures",
        "data source",
        "*",
        "†",
        "‡",
        "¹",
        "(1)",
        "1)",
        "[1]",
        "[note",
        "this information",
        "information is",
        "excludes",
        "includes",
        "caveat",
        "disclaimer",
    ];
    STARTS.iter().any(|p| lower.starts_with(p)) || (t.chars().count() >= 60 && t.contains(' '))
}

/// Is a lone cell a header (as a whole: not `Dear requester`) of a column
/// that identifies people (`Surname`, `Name`, `Collar number`, `Email`...:
/// [`identifying`](crate::rules::headers::identifying))? Under such a header,
/// a one-column list is a table: a bare `MORGAN` is a surname only because
/// its column says so. Other lone cells (`Notes`, `Rank`, a title) stay
/// lines of their own.
fn names_people(cell: &str) -> bool {
    let t = cell.trim();
    if t.is_empty() || t.chars().count() > 80 || t.ends_with(':') || !is_label(t) {
        return false;
    }
    crate::rules::headers::match_whole_header(t)
        .is_some_and(|r| crate::rules::headers::identifying(r.class))
}

/// Is a header-like record a title or a row of group labels above the real
/// header? `Officer details,,Posting,` over `Surname,Initial,Rank,Unit` (merged
/// cells exported), or `Staff list,2023` over `Surname,Rank`. Yes when the
/// next record is header-like too, spans its columns with a label under each
/// of its labels, and names at least two columns the way headers do (by the
/// header rules) where it names fewer, while the record under that one (if
/// any) names fewer than half as many: data, not another row of labels (nor
/// a list of fields and values, `Field,Value` over `Name,Lisburn Station`
/// over `Rank,PC`, whose labels name columns row after row). A list of field
/// names (`Field,Description` over `Surname,Officer's surname` over
/// `Rank,...`) is therefore not taken, nor is data under a header with an
/// unnamed column (`Surname,,Rank` over `SMITH,J,PC`), which names none.
/// The record is then a title line (`record(None, ..)`) and the next record
/// is judged as the header.
fn over_header(fields: &[&str], s: Shape, next: &[&str], n: Shape, after: Option<&[&str]>) -> bool {
    if !header_like(next, n) || n.filled < s.filled || n.first > s.first || n.last < s.last {
        return false;
    }
    if (s.first..=s.last)
        .any(|j| fields.get(j).is_some_and(|f| !blank(f)) && next.get(j).is_none_or(|f| blank(f)))
    {
        return false;
    }
    let named = |cells: &[&str]| {
        cells
            .iter()
            .filter(|c| !blank(c) && crate::rules::headers::match_header(c).is_some())
            .count()
    };
    let labels = named(next);
    labels >= 2 && labels > named(fields) && after.is_none_or(|a| named(a) * 2 < labels)
}

/// An owned record waiting in the look-ahead queue.
struct Pending {
    row: u64,
    text: String,
    ends: Vec<usize>,
    shape: Shape,
}

impl Pending {
    fn new(row: u64, fields: &[&str], shape: Shape) -> Self {
        let mut text = String::new();
        let mut ends = Vec::with_capacity(fields.len());
        for f in fields {
            text.push_str(f);
            ends.push(text.len());
        }
        Pending {
            row,
            text,
            ends,
            shape,
        }
    }

    fn fields(&self) -> Vec<&str> {
        let mut out = Vec::with_capacity(self.ends.len());
        let mut start = 0;
        for &e in &self.ends {
            out.push(self.text.get(start..e).unwrap_or(""));
            start = e;
        }
        out
    }
}

/// One table of the current group.
struct Region {
    index: usize,
    start: usize,
    /// First column of the next table to the right.
    end: Option<usize>,
    /// Header width.
    width: usize,
    header_row: u64,
    last_row: u64,
}

/// The table(s) sharing the current rows (one, or several side by side).
struct Group {
    regions: Vec<Region>,
    /// Last non-empty header column.
    last_col: usize,
    header: Vec<String>,
    /// Per column: (numeric cells, non-empty cells) over the first data rows.
    profile: Vec<(u32, u32)>,
    profiled: u32,
    /// The columns left of the first table when a title stands there.
    area: Option<Box<Area>>,
    /// With an area: this group's own events, waiting to be merged in row
    /// order with the area's.
    held: Held,
    /// Blank rows, then a footnote-like line: the next record is judged as
    /// after blank rows (and after a title).
    carry_gap: bool,
}

/// What a record is to the open group.
#[derive(Clone, Copy, PartialEq)]
enum Verdict {
    /// A data row of the group's table(s).
    Data,
    /// A footnote: outside the tables, which stay open.
    Footnote,
    /// It ends the group and must be judged as a header candidate.
    Ends,
    /// Nothing in the group's own columns (only in its area).
    Empty,
}

/// An event kept back so that events leave in row order.
enum Ev {
    Start(Table),
    Record(Option<usize>, u64, Vec<String>),
    End(usize, u64),
}

/// A sink that keeps events, each with the row it belongs to.
#[derive(Default)]
struct Held {
    q: VecDeque<(u64, Ev)>,
    time: u64,
}

impl Held {
    fn push(&mut self, time: u64, ev: Ev) {
        self.time = self.time.max(time);
        self.q.push_back((self.time, ev));
    }
}

impl Sink for Held {
    fn table_start(&mut self, table: &Table) {
        self.push(table.header_row, Ev::Start(table.clone()));
    }
    fn record(&mut self, table: Option<usize>, row: u64, fields: &[&str]) {
        self.push(
            row,
            Ev::Record(table, row, fields.iter().map(|f| f.to_string()).collect()),
        );
    }
    fn table_end(&mut self, index: usize, last_row: u64) {
        let t = self.time;
        self.push(t, Ev::End(index, last_row));
    }
}

/// Columns beside a group, read as a file of their own by a nested table
/// finder whose tables may open while the group's are open: `0..end`, left
/// of a group whose header row has a title there (a pivot beside its source
/// data); or `start..`, right of the group's columns after an empty one,
/// where the data has a block whose header comes lower down (a pivot pasted
/// to the right of the data).
struct Area {
    side: Side,
    tabler: Tabler,
    out: Held,
    /// The nested finder's table index -> the file's.
    map: Vec<(usize, usize)>,
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    /// Columns `0..end`.
    Left { end: usize },
    /// Columns `start..`.
    Right { start: usize },
}

impl Area {
    fn feed(&mut self, row: u64, fields: &[&str]) {
        let cut = match self.side {
            Side::Left { end } => fields.get(..end.min(fields.len())),
            Side::Right { start } => fields.get(start.min(fields.len())..),
        };
        self.tabler
            .record(row, cut.unwrap_or_default(), &mut self.out);
    }

    /// Nothing of a record with shape `s` is in the area.
    fn misses(&self, s: Shape) -> bool {
        match self.side {
            Side::Left { end } => s.first >= end,
            Side::Right { start } => s.last < start,
        }
    }

    /// The record without the area's cells: blanked on the left (so the
    /// group's columns keep their places), cut off on the right.
    fn without<'a>(&self, fields: &[&'a str]) -> Vec<&'a str> {
        match self.side {
            Side::Left { end } => {
                let mut m = fields.to_vec();
                for f in m.iter_mut().take(end) {
                    *f = "";
                }
                m
            }
            Side::Right { start } => fields
                .get(..start.min(fields.len()))
                .unwrap_or_default()
                .to_vec(),
        }
    }

    fn global(&self, local: usize) -> usize {
        self.map
            .iter()
            .find(|(l, _)| *l == local)
            .map_or(usize::MAX, |(_, g)| *g)
    }

    /// Send one kept event, renumbering its table; a right area's columns
    /// are put back in their places in the file.
    fn emit(&mut self, ev: Ev, tables: &mut usize, sink: &mut dyn Sink) {
        let offset = match self.side {
            Side::Left { .. } => 0,
            Side::Right { start } => start,
        };
        match ev {
            Ev::Start(mut t) => {
                self.map.push((t.index, *tables));
                t.index = *tables;
                t.first_column += offset;
                *tables += 1;
                sink.table_start(&t);
            }
            Ev::Record(Some(t), row, f) => {
                let f: Vec<&str> = f.iter().map(String::as_str).collect();
                sink.record(Some(self.global(t)), row, &f);
            }
            Ev::Record(None, row, f) => {
                // a row outside the area's tables: all its cells, from column A
                let f: Vec<&str> = std::iter::repeat_n("", offset)
                    .chain(f.iter().map(String::as_str))
                    .collect();
                sink.record(None, row, &f);
            }
            Ev::End(t, last) => sink.table_end(self.global(t), last),
        }
    }
}

fn emit(ev: Ev, sink: &mut dyn Sink) {
    match ev {
        Ev::Start(t) => sink.table_start(&t),
        Ev::Record(t, row, f) => {
            let f: Vec<&str> = f.iter().map(String::as_str).collect();
            sink.record(t, row, &f);
        }
        Ev::End(t, last) => sink.table_end(t, last),
    }
}

impl Group {
    fn profile(&mut self, fields: &[&str]) {
        if self.profiled >= PROFILE_ROWS {
            return;
        }
        self.profiled += 1;
        for (j, f) in fields.iter().enumerate().take(self.profile.len()) {
            let t = f.trim();
            if t.is_empty() {
                continue;
            }
            if let Some(p) = self.profile.get_mut(j) {
                p.1 += 1;
                if numeric_like(t) {
                    p.0 += 1;
                }
            }
        }
    }

    /// A record while the group is open: what it is. Only `carry_gap`
    /// changes; nothing is sent yet.
    fn judge(&mut self, fields: &[&str], s: Shape, gap: bool) -> Verdict {
        let titled = std::mem::take(&mut self.carry_gap);
        let gap = gap || titled;
        if footnote_like(fields, s) {
            // A title after blank rows may look like a footnote: the next
            // record decides.
            self.carry_gap = gap;
            return Verdict::Footnote;
        }
        if gap && self.breaks(fields, s, titled) {
            return Verdict::Ends;
        }
        Verdict::Data
    }

    /// Send a judged record to `out`.
    fn deliver(&mut self, v: Verdict, row: u64, fields: &[&str], out: &mut dyn Sink) {
        match v {
            Verdict::Ends | Verdict::Empty => {}
            Verdict::Footnote => out.record(None, row, fields),
            Verdict::Data => {
                self.profile(fields);
                let len = fields.len();
                for r in &mut self.regions {
                    let a = r.start.min(len);
                    let mut b = r.end.unwrap_or(len).clamp(a, len);
                    // Empty cells beyond the header (a gap column, trailing commas) are dropped.
                    while b > a + r.width && fields.get(b - 1).is_some_and(|f| blank(f)) {
                        b -= 1;
                    }
                    let cut = fields.get(a..b).unwrap_or_default();
                    if cut.iter().any(|f| !blank(f)) {
                        out.record(Some(r.index), row, cut);
                        r.last_row = row;
                    }
                }
            }
        }
    }

    /// With an area: send the kept events in row order, those before the
    /// area's first undecided record (all of them if `all`).
    fn release(&mut self, all: bool, tables: &mut usize, sink: &mut dyn Sink) {
        let Some(area) = self.area.as_deref_mut() else {
            return;
        };
        let safe = match area.tabler.undecided() {
            Some(row) if !all => row,
            _ => u64::MAX,
        };
        let ready = |q: &Held| q.q.front().map(|e| e.0).filter(|&t| all || t < safe);
        let left = matches!(area.side, Side::Left { .. });
        loop {
            let from_area = match (ready(&self.held), ready(&area.out)) {
                (None, None) => return,
                // same row: left columns first
                (Some(h), Some(a)) => a < h || (a == h && left),
                (h, _) => h.is_none(),
            };
            if from_area {
                if let Some((_, ev)) = area.out.q.pop_front() {
                    area.emit(ev, tables, sink);
                }
            } else if let Some((_, ev)) = self.held.q.pop_front() {
                emit(ev, sink);
            }
        }
    }

    /// A header of a block that starts right of the group's columns, after
    /// an empty one, on a row of the table (`,,,Surname,Initial,Rank` under
    /// `Rank,Count`, or beside its rows): the first column of the block.
    /// Its cells are mostly header words, two at least, so a row whose data
    /// runs on to the right (`MORGAN,J,Constable`) is not one.
    fn right_header(&self, fields: &[&str], s: Shape) -> Option<usize> {
        if s.last <= self.last_col + 1 || fields.get(self.last_col + 1).is_some_and(|c| !blank(c)) {
            return None;
        }
        let start =
            (self.last_col + 2..=s.last).find(|&j| fields.get(j).is_some_and(|c| !blank(c)))?;
        let block = fields.get(start..)?;
        header_words(block, shape(block)).then_some(start)
    }

    /// Whether a record's cells are the table's header again (a page break
    /// in an export).
    fn repeats_header(&self, fields: &[&str]) -> bool {
        fields
            .iter()
            .map(|f| f.trim())
            .filter(|t| !t.is_empty())
            .zip(self.header.iter().filter(|h| !h.is_empty()))
            .all(|(a, b)| a.eq_ignore_ascii_case(b))
    }

    /// Whether column `j` is filled in at least half of the table's rows
    /// (of those profiled).
    fn usual(&self, j: usize) -> bool {
        self.profiled > 0
            && self
                .profile
                .get(j)
                .is_some_and(|&(_, all)| all * 2 >= self.profiled)
    }

    /// The record without the area's cells (the group's own cells).
    fn own<'a>(&self, fields: &[&'a str]) -> Vec<&'a str> {
        match self.area.as_deref() {
            Some(a) => a.without(fields),
            None => fields.to_vec(),
        }
    }

    /// After blank rows (`gap`): a header-like record that the rules of
    /// [`Group::breaks`] keep in the table, but that may head a new table of
    /// another shape; the records under it decide ([`Group::starts_new`]).
    fn doubts(&self, fields: &[&str], s: Shape, gap: bool) -> bool {
        if !(gap || self.carry_gap) {
            return self.area.is_none() && self.header_out_of_shape(fields, s);
        }
        let own = self.own(fields);
        let s = shape(&own);
        header_like(&own, s) && !self.breaks(&own, s, self.carry_gap)
    }

    /// With no blank row before it: a record of header words only, two at
    /// least, not the table's header again, that does not fill the table's
    /// columns as its rows do (wider, or stopping short of a column they
    /// fill): the header of a table pasted right under this one
    /// (`Surname,Initial,Rank,Station` under the last row of `Rank,Count`).
    /// Like a header-like record after blank rows, it waits for the records
    /// under it to show whether it heads a table ([`Group::starts_new`]).
    /// Rows of the table's shape are never looked up in the header table.
    fn header_out_of_shape(&self, fields: &[&str], s: Shape) -> bool {
        let usual = |j: usize| self.usual(j);
        let wider = s.last > self.last_col;
        let narrower = s.last < self.last_col && (s.last + 1..=self.last_col).any(usual);
        if !(wider || narrower) || !header_words(fields, s) {
            return false;
        }
        let repeats = self.repeats_header(fields);
        !repeats
    }

    /// A header-like record after blank rows, with the records right under
    /// it: do they make a table of another shape than this one?
    fn starts_new(&self, head: &[&str], follow: &[Vec<&str>]) -> bool {
        let head = self.own(head);
        let h = shape(&head);
        let follow: Vec<(Vec<&str>, Shape)> = follow
            .iter()
            .map(|f| {
                let f = self.own(f);
                let t = shape(&f);
                (f, t)
            })
            .collect();
        if follow.is_empty() {
            return false;
        }
        // They fit under it as data under a header (as in `Tabler::header`).
        let fits = follow
            .iter()
            .filter(|(_, t)| t.filled >= 2 && t.filled * 4 >= h.filled && t.last <= h.last + 1)
            .count();
        if fits * 2 < follow.len() {
            return false;
        }
        let usual = |j: usize| self.usual(j);
        let narrower = h.last < self.last_col
            && (h.last + 1..=self.last_col).any(usual)
            && follow.iter().all(|(_, t)| t.last <= h.last);
        let wider = h.last > self.last_col
            && !usual(h.last)
            && follow
                .iter()
                .filter(|(_, t)| t.last > self.last_col)
                .count()
                * 2
                >= follow.len();
        let retyped = (0..=h.last).any(|j| {
            let Some(&(num, all)) = self.profile.get(j) else {
                return false;
            };
            let cells: Vec<&str> = follow
                .iter()
                .filter_map(|(f, _)| f.get(j).map(|c| c.trim()))
                .filter(|c| !c.is_empty())
                .collect();
            let nums = cells.iter().filter(|c| numeric_like(c)).count();
            all >= 2
                && !cells.is_empty()
                && ((nums == cells.len() && num == 0) || (nums == 0 && num == all))
        });
        narrower || wider || retyped
    }

    /// After blank rows (and, if `titled`, a footnote-like line): does this
    /// record start something new?
    fn breaks(&self, fields: &[&str], s: Shape, titled: bool) -> bool {
        if s.filled == 1 || s.first > self.last_col || s.last > self.last_col + 1 {
            return true;
        }
        if !header_like(fields, s) {
            return false;
        }
        if titled && s.last != self.last_col {
            return true; // a titled header of another width
        }
        let repeats = self.repeats_header(fields);
        repeats
            || fields.iter().enumerate().any(|(j, f)| {
                let t = f.trim();
                !t.is_empty()
                    && !numeric_like(t)
                    && self
                        .profile
                        .get(j)
                        .is_some_and(|&(num, all)| all >= 3 && num * 10 >= all * 9)
            })
    }
}

/// Turns records into sink events, finding the tables.
pub(crate) struct Tabler {
    pending: VecDeque<Pending>,
    /// A header-like record after blank rows inside a table, and the
    /// records under it, until they show whether it heads a new table.
    doubt: VecDeque<Pending>,
    /// The `gap` the first record of `doubt` came with.
    doubt_gap: bool,
    group: Option<Group>,
    tables: usize,
    last_row: u64,
    eof: bool,
    /// The finder of an [`Area`]: no areas of its own, and a blank row
    /// settles what waits (so the group beside it is held back briefly).
    nested: bool,
    /// Judge every queued record now (a blank row follows them).
    forced: bool,
}

impl Tabler {
    pub(crate) fn new() -> Self {
        Tabler {
            pending: VecDeque::new(),
            doubt: VecDeque::new(),
            doubt_gap: false,
            group: None,
            tables: 0,
            last_row: 0,
            eof: false,
            nested: false,
            forced: false,
        }
    }

    /// A record from the parser.
    pub(crate) fn record(&mut self, row: u64, fields: &[&str], sink: &mut dyn Sink) {
        let s = shape(fields);
        if s.filled == 0 {
            self.blank(sink); // counted by the parser, not sent
            return;
        }
        let gap = row > self.last_row + 1;
        self.last_row = row;
        if self.offer(row, fields, s, gap, sink) {
            self.pending.push_back(Pending::new(row, fields, s));
        }
        self.decide(sink);
    }

    /// A blank row: a record in doubt has all the records under it it will
    /// use. In an area, every queued record now has all the look-ahead it
    /// will use too: judge them, so the group beside waits little.
    fn blank(&mut self, sink: &mut dyn Sink) {
        self.settle(sink);
        if self.nested && !self.pending.is_empty() {
            self.forced = true;
            self.decide(sink);
            self.forced = false;
        } else {
            self.decide(sink);
        }
    }

    /// End of input: judge what waits, close the tables.
    pub(crate) fn finish(&mut self, sink: &mut dyn Sink) {
        self.eof = true;
        loop {
            self.decide(sink);
            if self.doubt.is_empty() {
                break;
            }
            self.settle(sink);
        }
        self.end_group(sink);
    }

    /// Row of the oldest record not yet judged (queued or in doubt).
    fn undecided(&self) -> Option<u64> {
        let p = self.pending.front().map(|p| p.row);
        let d = self.doubt.front().map(|p| p.row);
        match (p, d) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// A non-blank record: held while a record after blank rows is in
    /// doubt (or if it is one), else sent to the group. `true` if it must
    /// be queued as a header candidate. Records that a settled doubt sends
    /// to the queue are queued before it; the caller runs `decide`.
    fn offer(
        &mut self,
        row: u64,
        fields: &[&str],
        s: Shape,
        gap: bool,
        sink: &mut dyn Sink,
    ) -> bool {
        if !self.doubt.is_empty() {
            if !gap {
                self.doubt.push_back(Pending::new(row, fields, s));
                if self.doubt.len() > FOLLOW {
                    self.settle(sink);
                }
                return false;
            }
            self.settle(sink);
        }
        if self
            .group
            .as_ref()
            .is_some_and(|g| g.doubts(fields, s, gap))
        {
            self.doubt.push_back(Pending::new(row, fields, s));
            self.doubt_gap = gap;
            return false;
        }
        self.route(row, fields, s, gap, sink)
    }

    /// Decide the record in doubt: a new table (it and the records under it
    /// go to the queue, to be judged as header candidates) or more rows of
    /// the open one (sent to it now).
    fn settle(&mut self, sink: &mut dyn Sink) {
        let held = std::mem::take(&mut self.doubt);
        let new = match (held.front(), self.group.as_ref()) {
            (Some(head), Some(g)) => {
                let follow: Vec<Vec<&str>> = held.iter().skip(1).map(Pending::fields).collect();
                g.starts_new(&head.fields(), &follow)
            }
            _ => false,
        };
        if new {
            self.end_group(sink);
            self.pending.extend(held);
            return;
        }
        let mut gap = self.doubt_gap;
        for p in held {
            let f = p.fields();
            if self.route(p.row, &f, p.shape, gap, sink) {
                self.pending.push_back(p);
            }
            gap = false;
        }
    }

    /// Send a record to the current group; `true` if there is none (or the
    /// record ended it) and the record must be judged as a header candidate.
    fn route(
        &mut self,
        row: u64,
        fields: &[&str],
        s: Shape,
        gap: bool,
        sink: &mut dyn Sink,
    ) -> bool {
        let Some(group) = self.group.as_mut() else {
            return true;
        };
        // A block whose header comes on a row of the table, right of it: an
        // area from there on, as one whose header is in the look-ahead.
        if !gap && !self.nested && group.area.is_none() {
            if let Some(start) = group.right_header(fields, s) {
                let mut tabler = Tabler::new();
                tabler.nested = true;
                group.area = Some(Box::new(Area {
                    side: Side::Right { start },
                    tabler,
                    out: Held::default(),
                    map: Vec::new(),
                }));
            }
        }
        let Some(misses) = group.area.as_deref().map(|a| a.misses(s)) else {
            let v = group.judge(fields, s, gap);
            if v == Verdict::Ends {
                self.end_group(sink);
                return true;
            }
            group.deliver(v, row, fields, sink);
            return false;
        };
        // The group's columns without the area's; most rows have nothing in
        // the area.
        let copy;
        let (main, ms) = if misses {
            (fields, s)
        } else {
            copy = group.own(fields);
            (&copy[..], shape(&copy))
        };
        let v = if ms.filled > 0 {
            group.judge(main, ms, gap)
        } else {
            Verdict::Empty
        };
        if v == Verdict::Ends {
            self.end_group(sink);
            return true;
        }
        if let Some(area) = group.area.as_deref_mut() {
            if misses {
                area.tabler.blank(&mut area.out);
            } else {
                area.feed(row, fields);
            }
        }
        let settled = group.held.q.is_empty()
            && group
                .area
                .as_deref()
                .is_none_or(|a| a.out.q.is_empty() && a.tabler.undecided().is_none());
        if settled {
            group.deliver(v, row, main, sink); // nothing waits: no copy
        } else {
            let mut held = std::mem::take(&mut group.held);
            group.deliver(v, row, main, &mut held);
            group.held = held;
            group.release(false, &mut self.tables, sink);
        }
        false
    }

    fn end_group(&mut self, sink: &mut dyn Sink) {
        if let Some(mut g) = self.group.take() {
            if let Some(area) = g.area.as_deref_mut() {
                area.tabler.finish(&mut area.out);
            }
            g.release(true, &mut self.tables, sink);
            for r in &g.regions {
                sink.table_end(r.index, r.last_row.max(r.header_row));
            }
        }
    }

    /// Judge the queued candidates while there is enough look-ahead.
    fn decide(&mut self, sink: &mut dyn Sink) {
        while self.group.is_none() {
            if self.pending.is_empty()
                || (!self.eof && !self.forced && self.pending.len() <= LOOKAHEAD)
            {
                return;
            }
            let Some(front) = self.pending.pop_front() else {
                return;
            };
            let fields = front.fields();
            match self.header(&front, &fields) {
                None => sink.record(None, front.row, &fields),
                Some(group) => {
                    for r in &group.regions {
                        let header: Vec<String> = fields
                            .get(r.start.min(fields.len())..)
                            .unwrap_or_default()
                            .iter()
                            .take(r.width)
                            .map(|f| f.trim().to_string())
                            .collect();
                        sink.table_start(&Table {
                            index: r.index,
                            header_row: front.row,
                            first_column: r.start,
                            header,
                        });
                    }
                    self.group = Some(group);
                    // The title goes to the area beside the table(s).
                    if let Some(area) = self.group.as_mut().and_then(|g| g.area.as_deref_mut()) {
                        area.feed(front.row, &fields);
                    }
                    // Replay the look-ahead through the new table.
                    let rest = std::mem::take(&mut self.pending);
                    let mut prev = front.row;
                    for p in rest {
                        let gap = p.row > prev + 1;
                        prev = p.row;
                        let f = p.fields();
                        if self.offer(p.row, &f, p.shape, gap, sink) {
                            self.pending.push_back(p);
                        }
                    }
                }
            }
        }
    }

    /// Is `front` (the oldest queued record) a header? The group it opens.
    fn header(&mut self, front: &Pending, fields: &[&str]) -> Option<Group> {
        let s = front.shape;
        let single = s.filled == 1 && names_people(fields.get(s.first).copied().unwrap_or(""));
        if !single && !header_like(fields, s) {
            return None;
        }
        let mut below = self.pending.iter();
        if let Some(next) = below.next().filter(|n| n.row == front.row + 1) {
            let after = below
                .next()
                .filter(|a| a.row == next.row + 1)
                .map(Pending::fields);
            if over_header(fields, s, &next.fields(), next.shape, after.as_deref()) {
                return None;
            }
        }
        // The records right after it, up to the first blank row.
        let mut follow: Vec<&Pending> = Vec::new();
        let mut prev = front.row;
        for p in self.pending.iter().take(LOOKAHEAD) {
            if p.row > prev + 1 {
                break;
            }
            prev = p.row;
            follow.push(p);
        }
        if single {
            // A one-column list (`Surname` over `MORGAN`, `PATEL`): every
            // record right under it is one cell in the same column, and none
            // is a header itself (a list of field names is not a table).
            let under = |p: &&Pending| {
                let t = p.shape;
                if t.filled != 1 || t.first != s.first {
                    return false;
                }
                let f = p.fields();
                f.get(t.first)
                    .is_some_and(|c| crate::rules::headers::match_header(c).is_none())
                    && !footnote_like(&f, t)
            };
            if follow.is_empty() || !follow.iter().take(3).all(under) {
                return None;
            }
        } else if follow.is_empty() {
            // Header-only table: nothing at all follows.
            if !(self.eof && self.pending.is_empty()) {
                return None;
            }
        } else {
            let fits = |p: &&&Pending| {
                let t = p.shape;
                if t.last <= s.last + 1 {
                    return t.filled >= 2 && t.filled * 4 >= s.filled;
                }
                // Wider, but only by a block after an empty column (a side
                // table beside this one's data, its header a row or more
                // down): the record fits by its cells under the header.
                let f = p.fields();
                let under = f
                    .get(..=s.last)
                    .unwrap_or_default()
                    .iter()
                    .filter(|c| !blank(c))
                    .count();
                f.get(s.last + 1).is_none_or(|c| blank(c)) && under >= 2 && under * 4 >= s.filled
            };
            let first3 = follow.iter().take(3);
            let n = first3.clone().count();
            if first3.filter(fits).count() * 2 < n {
                return None;
            }
        }

        // Runs of header cells separated by gap columns empty in the data too.
        let follow_fields: Vec<Vec<&str>> = follow.iter().map(|p| p.fields()).collect();
        let gap_empty = |a: usize, b: usize| {
            follow_fields.iter().all(|f| {
                f.get(a.min(f.len())..b.min(f.len()))
                    .unwrap_or_default()
                    .iter()
                    .all(|c| blank(c))
            })
        };
        let mut filled: Vec<usize> = (s.first..=s.last)
            .filter(|&j| fields.get(j).is_some_and(|f| !blank(f)))
            .collect();
        // A lone first cell, then empty columns, then a run of header cells:
        // a title (of what lies under it), not a column; the tables start at
        // the run and the columns left of it are an area of their own.
        let title = match filled[..] {
            [t, a, b, ..] if !self.nested && a > t + 1 && b == a + 1 => {
                let col_empty = |c: usize| gap_empty(c, c + 1);
                // Some gap column is empty in the data too, and either there
                // is data in the gap (a block wider than the lone cell) or
                // none under the lone cell.
                (t + 1..a).any(col_empty) && (!gap_empty(t + 1, a) || col_empty(t))
            }
            _ => false,
        };
        let lo = if title {
            filled.remove(0);
            filled.first().copied().unwrap_or(0)
        } else {
            0
        };
        let mut runs: Vec<Vec<usize>> = Vec::new();
        for &j in &filled {
            match runs.last_mut() {
                Some(run) => {
                    let last = run.last().copied().unwrap_or(j);
                    if j > last + 1 && gap_empty(last + 1, j) {
                        runs.push(vec![j]);
                    } else {
                        run.push(j);
                    }
                }
                None => runs.push(vec![j]),
            }
        }
        // A run of one header cell joins its left neighbour.
        let mut merged: Vec<Vec<usize>> = Vec::new();
        for run in runs {
            match merged.last_mut() {
                Some(prev) if run.len() < 2 || prev.len() < 2 => prev.extend(run),
                _ => merged.push(run),
            }
        }
        let starts: Vec<usize> = merged
            .iter()
            .enumerate()
            .map(|(k, run)| {
                if k == 0 {
                    lo
                } else {
                    run.first().copied().unwrap_or(0)
                }
            })
            .collect();
        let mut regions = Vec::new();
        for (k, &start) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied();
            let last = match end {
                Some(e) => last_filled(fields, start, e),
                None => s.last,
            };
            regions.push(Region {
                index: self.tables,
                start,
                end,
                width: last + 1 - start,
                header_row: front.row,
                last_row: front.row,
            });
            self.tables += 1;
        }
        // A block right of the data after an empty column (its header
        // lower down, see `fits` above): an area of its own, from the
        // block's first column.
        let block = follow_fields
            .iter()
            .filter(|f| f.get(s.last + 1).is_some_and(|c| blank(c)))
            .filter_map(|f| (s.last + 2..f.len()).find(|&j| f.get(j).is_some_and(|c| !blank(c))))
            .min()
            .filter(|_| !self.nested);
        let side = match (title, block) {
            (true, _) => Some(Side::Left { end: lo }),
            (false, Some(start)) => Some(Side::Right { start }),
            (false, None) => None,
        };
        let area = side.map(|side| {
            let mut tabler = Tabler::new();
            tabler.nested = true;
            Box::new(Area {
                side,
                tabler,
                out: Held::default(),
                map: Vec::new(),
            })
        });
        Some(Group {
            regions,
            last_col: s.last,
            header: fields
                .iter()
                .enumerate()
                .map(|(j, f)| {
                    if j < lo {
                        String::new()
                    } else {
                        f.trim().to_string()
                    }
                })
                .collect(),
            profile: vec![(0, 0); s.last + 2],
            profiled: 0,
            area,
            held: Held::default(),
            carry_gap: false,
        })
    }
}

/// Last non-empty column in `start..end` (or `start`).
fn last_filled(fields: &[&str], start: usize, end: usize) -> usize {
    (start..end.min(fields.len()))
        .rev()
        .find(|&j| fields.get(j).is_some_and(|f| !blank(f)))
        .unwrap_or(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `blank` is `trim().is_empty()` for every first byte and whitespace.
    #[test]
    fn blank_is_trim_is_empty() {
        let mut cells: Vec<String> = vec![String::new()];
        for c in (0..0x80u8).map(char::from).chain([
            '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}', '\u{200b}', '\u{2028}', '\u{3000}',
            '\u{feff}', 'é',
        ]) {
            cells.push(c.to_string());
            cells.push(format!("{c} "));
            cells.push(format!("{c}x"));
            cells.push(format!(" {c}"));
        }
        for c in &cells {
            assert_eq!(blank(c), c.trim().is_empty(), "{c:?}");
        }
    }

    #[test]
    fn labels() {
        assert!(numeric_like("1,234.50"));
        assert!(numeric_like("£12"));
        assert!(numeric_like("12/03/2023"));
        assert!(!numeric_like("PC"));
        assert!(!numeric_like(""));
        assert!(year_like("2019") && year_like("2019/20") && year_like("2019-2020"));
        assert!(!year_like("1234") && !year_like("2019/2"));
        assert!(header_like(
            &["Rank", "2019", "2020"],
            shape(&["Rank", "2019", "2020"])
        ));
        assert!(!header_like(&["PC", "12"], shape(&["PC", "12"])));
        assert!(!header_like(&["Date:", "x"], shape(&["Date:", "x"])));
    }
}
