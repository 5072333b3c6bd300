//! The page's view of a file: where each record starts (its row number and
//! its byte offset in the file), so that the page's DOM holds only the rows
//! on screen and a 1,000,000-row file still scrolls. The cells are not kept:
//! the worker reads the bytes of the rows it draws from the `File` again and
//! this module parses them ([`RowStore::spans`], [`RowStore::rows`]), the
//! same way the check did ([`Rereader`]). Searching reads the file again
//! too ([`Search`]).
//!
//! Sixteen bytes per record, where a copy of the cells cost more than the
//! file itself: on a 100 MB staff list the check touches 170 MB less memory
//! and spends no time copying cells (BENCHMARKS.md).
//!
//! Filled as a tap on the checker's own parse
//! ([`Checker::push_tapped`](crate::Checker::push_tapped)), so row numbers are
//! exactly those the checker saw, and every row is in the view but blank
//! ones (empty lines, and records of empty cells such as `,,,`). Only the view is ever cut short (at `limit` bytes of
//! its own memory); the check itself never is.

use crate::read::{Rereader, Sink, Table};
use crate::report::Report;

/// What the view keeps per record (a row number and a byte offset).
const PER_RECORD: usize = 16;
/// Rows drawn together are read in one slice of the file when the bytes
/// between them are fewer than this.
const GAP: u64 = 64 * 1024;

/// Every record read, in file order.
pub(crate) struct RowStore {
    row_no: Vec<u64>,
    start: Vec<u64>,
    /// Where the file was read to (set by [`RowStore::seal`]); the last record ends there.
    end: u64,
    encoding: String,
    delimiter: u8,
    /// Most records kept.
    limit: usize,
    truncated: bool,
}

/// View rows `first..=last`, whose records are in bytes `from..to` of the file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    pub first: u32,
    pub last: u32,
    pub from: u64,
    pub to: u64,
}

impl RowStore {
    /// A store that keeps at most `limit` bytes of row numbers and offsets.
    pub(crate) fn new(limit: usize) -> Self {
        RowStore {
            row_no: Vec::new(),
            start: Vec::new(),
            end: 0,
            encoding: String::new(),
            delimiter: b',',
            limit: (limit / PER_RECORD).min(u32::MAX as usize - 1),
            truncated: false,
        }
    }

    /// Room for a file of `size` bytes: fewer records than one per 64 bytes
    /// is usual (an estimate: the vectors still grow if it is short; room
    /// never touched costs no memory).
    pub(crate) fn make_room(&mut self, size: usize) {
        let records = (size / 64).min(self.limit);
        self.row_no.reserve(records);
        self.start.reserve(records);
    }

    /// After the check: how the file was read, and how far.
    pub(crate) fn seal(&mut self, report: &Report) {
        self.end = report.bytes;
        self.encoding = report.encoding.clone();
        // as the report names it: a tab is written `\t`
        self.delimiter = match report.delimiter.as_str() {
            "\\t" => b'\t',
            d => d.bytes().next().unwrap_or(b','),
        };
    }

    /// True when the limit was reached and later rows are not in the view.
    pub(crate) fn truncated(&self) -> bool {
        self.truncated
    }

    /// Number of rows in the view.
    pub(crate) fn len(&self) -> usize {
        self.row_no.len()
    }

    fn row_of(&self, k: usize) -> u64 {
        self.row_no.get(k).copied().unwrap_or(0)
    }

    /// Where record `k` starts and (at most) ends in the file. The last one
    /// ends where the check stopped reading, or sooner: no record is longer
    /// than the reader's limit (4 bytes per character of UTF-16 text).
    fn bytes_of(&self, k: usize) -> (u64, u64) {
        let from = self.start.get(k).copied().unwrap_or(self.end);
        let to = match self.start.get(k + 1) {
            Some(&next) => next,
            None => self
                .end
                .min(from.saturating_add(4 * crate::read::MAX_RECORD_BYTES as u64)),
        };
        (from, to.max(from))
    }

    /// The slices of the file to read for view rows `indexes` (those in
    /// range): rows close together share one slice.
    pub(crate) fn spans(&self, indexes: &[u32]) -> Vec<Span> {
        let mut wanted: Vec<u32> = indexes
            .iter()
            .copied()
            .filter(|&k| (k as usize) < self.len())
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut out: Vec<Span> = Vec::new();
        for k in wanted {
            let (from, to) = self.bytes_of(k as usize);
            match out.last_mut() {
                Some(s) if from <= s.to.saturating_add(GAP) => {
                    s.last = k;
                    s.to = to;
                }
                _ => out.push(Span {
                    first: k,
                    last: k,
                    from,
                    to,
                }),
            }
        }
        out
    }

    /// View rows `first..=last` from `bytes` (the file's bytes from `from`,
    /// where row `first` starts: a [`Span`]), as (view index, row number,
    /// cells): every non-empty cell as (column, text).
    pub(crate) fn rows(
        &self,
        first: u32,
        last: u32,
        from: u64,
        bytes: &[u8],
    ) -> Result<Vec<ViewRow>, String> {
        let (first, last) = (first as usize, last as usize);
        let mut sink = Collect {
            store: self,
            next: first,
            last,
            out: Vec::new(),
        };
        let mut reader = Rereader::new(&self.encoding, self.delimiter, from, self.row_of(first))
            .ok_or("the file's encoding is not known")?;
        let read = reader
            .push(bytes, &mut sink)
            .and_then(|()| reader.finish(&mut sink));
        // An error after the last row wanted (the rest of a file whose check
        // stopped there) does not matter; a row not found does.
        match (read, sink.next > last) {
            (_, true) => Ok(sink.out),
            (Err(e), false) => Err(format!(
                "row {} could not be read again: {e}",
                self.row_of(sink.next)
            )),
            (Ok(()), false) => Err(format!(
                "row {} was not where the check found it: has the file changed since?",
                self.row_of(sink.next)
            )),
        }
    }

    /// The view index of each row number (`u32::MAX` when not in the view).
    pub(crate) fn find(&self, rows: &[f64]) -> Vec<u32> {
        rows.iter().map(|&r| self.index_of(r as u64)).collect()
    }

    /// The view indexes of the `rows` the view holds, ascending. Rows in
    /// ascending order (a report's) are found in one walk of the view.
    pub(crate) fn find_all(&self, rows: &[u64]) -> Vec<u32> {
        if !rows.windows(2).all(|w| w[0] <= w[1]) {
            let mut found: Vec<u32> = rows
                .iter()
                .map(|&r| self.index_of(r))
                .filter(|&k| k != u32::MAX)
                .collect();
            found.sort_unstable();
            found.dedup();
            return found;
        }
        let mut found = Vec::new();
        let mut k = 0;
        for &r in rows {
            while k < self.len() && self.row_of(k) < r {
                k += 1;
            }
            if k < self.len() && self.row_of(k) == r && found.last() != Some(&(k as u32)) {
                found.push(k as u32);
            }
        }
        found
    }

    fn index_of(&self, r: u64) -> u32 {
        match self.row_no.binary_search(&r) {
            Ok(k) => k as u32,
            Err(_) => u32::MAX,
        }
    }

    /// A search of the view's rows for cells containing `needle` (ignoring
    /// case), to be fed the file's bytes from [`Search::from`] on; `None`
    /// for an empty needle or an empty view.
    pub(crate) fn search(&self, needle: &str) -> Option<Search> {
        let needle = needle.to_lowercase();
        if needle.is_empty() || self.row_no.is_empty() {
            return None;
        }
        let (from, _) = self.bytes_of(0);
        let reader = Rereader::new(&self.encoding, self.delimiter, from, self.row_of(0))?;
        Some(Search {
            reader,
            from,
            to: self.end,
            found: Found {
                needle,
                rows: self.row_no.clone(),
                next: 0,
                hits: Vec::new(),
            },
        })
    }
}

/// A row of the view: its index, row number and non-empty cells.
pub(crate) type ViewRow = (u32, u64, Vec<(u32, String)>);

struct Collect<'a> {
    store: &'a RowStore,
    next: usize,
    last: usize,
    out: Vec<ViewRow>,
}

impl Sink for Collect<'_> {
    fn table_start(&mut self, _: &Table) {}
    fn record(&mut self, _: Option<usize>, _: u64, _: &[&str]) {}
    fn table_end(&mut self, _: usize, _: u64) {}

    fn raw_record(&mut self, row: u64, _byte: u64, fields: &[&str]) {
        if self.next > self.last || self.store.row_of(self.next) != row {
            return;
        }
        let cells = fields
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.is_empty())
            .map(|(c, t)| (c.min(u32::MAX as usize) as u32, t.to_string()))
            .collect();
        self.out.push((self.next as u32, row, cells));
        self.next += 1;
    }
}

/// A search of the view, fed the file again (see [`RowStore::search`]).
pub(crate) struct Search {
    reader: Rereader,
    /// The bytes to feed: `from..to` of the file.
    pub from: u64,
    pub to: u64,
    found: Found,
}

struct Found {
    needle: String,
    rows: Vec<u64>,
    next: usize,
    hits: Vec<u32>,
}

impl Search {
    /// The next bytes of `from..to`, in order.
    pub(crate) fn push(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.reader
            .push(bytes, &mut self.found)
            .map_err(|e| e.to_string())
    }

    /// The view indexes of the rows found, ascending. An error only when a
    /// row of the view was not read again (the file has changed).
    pub(crate) fn finish(mut self) -> Result<Vec<u32>, String> {
        let read = self.reader.finish(&mut self.found);
        let f = self.found;
        match (read, f.next >= f.rows.len()) {
            (_, true) => Ok(f.hits),
            (Err(e), false) => Err(format!("the search stopped: {e}")),
            (Ok(()), false) => Err(
                "the file is not as it was when it was checked: has it changed since?".to_string(),
            ),
        }
    }
}

impl Sink for Found {
    fn table_start(&mut self, _: &Table) {}
    fn record(&mut self, _: Option<usize>, _: u64, _: &[&str]) {}
    fn table_end(&mut self, _: usize, _: u64) {}

    fn raw_record(&mut self, row: u64, _byte: u64, fields: &[&str]) {
        if self.rows.get(self.next) != Some(&row) {
            return;
        }
        if fields.iter().any(|t| contains_ignore_case(t, &self.needle)) {
            self.hits.push(self.next as u32);
        }
        self.next += 1;
    }
}

fn contains_ignore_case(hay: &str, lower_needle: &str) -> bool {
    if hay.is_ascii() && lower_needle.is_ascii() {
        let (h, n) = (hay.as_bytes(), lower_needle.as_bytes());
        n.len() <= h.len() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
    } else {
        hay.to_lowercase().contains(lower_needle)
    }
}

impl Sink for RowStore {
    fn table_start(&mut self, _: &Table) {}
    fn record(&mut self, _: Option<usize>, _: u64, _: &[&str]) {}
    fn table_end(&mut self, _: usize, _: u64) {}

    fn raw_record(&mut self, row: u64, byte: u64, fields: &[&str]) {
        // a record of empty cells (`,,,`) is a blank row, not shown
        if self.truncated || fields.iter().all(|f| f.is_empty()) {
            return;
        }
        if self.row_no.len() >= self.limit {
            self.truncated = true;
            return;
        }
        self.row_no.push(row);
        self.start.push(byte);
    }
}
