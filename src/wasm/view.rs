//! The page's view of a file: every record's cells, kept compactly in the
//! worker (one string and a few integer arrays), so that the page's DOM holds
//! only the rows on screen and a 1,000,000-row file still scrolls.
//!
//! Filled as a tap on the checker's own parse
//! ([`Checker::push_tapped`](crate::Checker::push_tapped)), so row numbers and
//! cell text are exactly those the checker saw. Only the view
//! is ever cut short (at `limit` bytes of text); the check itself never is.

use crate::read::{Sink, Table};

/// The cells of every record read, in row order after [`RowStore::seal`].
pub(crate) struct RowStore {
    text: String,
    /// End offset in `text` of each cell (its start is the previous end).
    cell_end: Vec<u32>,
    /// Per raw record: row number, index of its first cell, and the 0-based
    /// column in the file (A = 0) of that cell (the others follow it).
    row_no: Vec<u64>,
    row_cell: Vec<u32>,
    row_col: Vec<u32>,
    /// First column of each table, by table index.
    table_col: Vec<usize>,
    /// Raw records sorted by row number, and where each distinct row starts in it.
    order: Vec<u32>,
    groups: Vec<u32>,
    limit: usize,
    truncated: bool,
}

impl RowStore {
    /// A store that keeps at most `limit` bytes of cell text.
    pub(crate) fn new(limit: usize) -> Self {
        RowStore {
            text: String::new(),
            cell_end: Vec::new(),
            row_no: Vec::new(),
            row_cell: Vec::new(),
            row_col: Vec::new(),
            table_col: Vec::new(),
            order: Vec::new(),
            groups: Vec::new(),
            limit: limit.min(u32::MAX as usize),
            truncated: false,
        }
    }

    /// Room for a file of `size` bytes (up to the limit): its cells' text is
    /// at most about that long, and it has fewer cells and records than it
    /// has bytes (these are estimates: a vector still grows if they are short).
    pub(crate) fn make_room(&mut self, size: usize) {
        let text = size.min(self.limit);
        self.text.reserve(text);
        self.cell_end.reserve(text / 8);
        self.row_no.reserve(text / 64);
        self.row_cell.reserve(text / 64);
        self.row_col.reserve(text / 64);
    }

    /// True when the limit was reached and later rows are not in the view.
    pub(crate) fn truncated(&self) -> bool {
        self.truncated
    }

    fn add<S: AsRef<str>>(&mut self, row: u64, first_col: usize, fields: &[S]) {
        if self.truncated {
            return;
        }
        let bytes: usize = fields.iter().map(|f| f.as_ref().len()).sum();
        if self.text.len() + bytes > self.limit
            || self.cell_end.len() + fields.len() >= u32::MAX as usize
        {
            self.truncated = true;
            return;
        }
        self.row_no.push(row);
        self.row_cell.push(self.cell_end.len() as u32);
        self.row_col.push(first_col.min(u32::MAX as usize) as u32);
        for f in fields {
            self.text.push_str(f.as_ref());
            self.cell_end.push(self.text.len() as u32);
        }
    }

    /// Sort into row order and group records that share a row number (a
    /// header also seen as a loose line, side-by-side tables).
    pub(crate) fn seal(&mut self) {
        let mut order: Vec<u32> = (0..self.row_no.len() as u32).collect();
        order.sort_by_key(|&i| self.row_no.get(i as usize).copied().unwrap_or(0));
        let mut groups = Vec::new();
        let mut last = None;
        for (k, &i) in order.iter().enumerate() {
            let r = self.row_no.get(i as usize).copied();
            if r != last {
                groups.push(k as u32);
                last = r;
            }
        }
        self.order = order;
        self.groups = groups;
    }

    /// Number of distinct rows in the view.
    pub(crate) fn len(&self) -> usize {
        self.groups.len()
    }

    fn group(&self, k: usize) -> &[u32] {
        let start = self.groups.get(k).copied().unwrap_or(0) as usize;
        let end = self
            .groups
            .get(k + 1)
            .map_or(self.order.len(), |&e| e as usize);
        self.order.get(start..end).unwrap_or(&[])
    }

    fn row_of(&self, k: usize) -> u64 {
        self.group(k)
            .first()
            .and_then(|&i| self.row_no.get(i as usize))
            .copied()
            .unwrap_or(0)
    }

    /// The cells of view row `k` as (column, text), by column, first wins.
    fn cells(&self, k: usize) -> Vec<(u32, &str)> {
        let mut out: Vec<(u32, &str)> = Vec::new();
        for &raw in self.group(k) {
            let raw = raw as usize;
            let first = self.row_cell.get(raw).copied().unwrap_or(0) as usize;
            let first_col = self.row_col.get(raw).copied().unwrap_or(0);
            let last = self
                .row_cell
                .get(raw + 1)
                .map_or(self.cell_end.len(), |&c| c as usize);
            for c in first..last {
                let start = if c == 0 {
                    0
                } else {
                    self.cell_end.get(c - 1).copied().unwrap_or(0) as usize
                };
                let end = self.cell_end.get(c).copied().unwrap_or(0) as usize;
                let col = first_col.saturating_add((c - first) as u32);
                if !out.iter().any(|(k, _)| *k == col) {
                    out.push((col, self.text.get(start..end).unwrap_or("")));
                }
            }
        }
        out.sort_by_key(|(c, _)| *c);
        out
    }

    /// The view rows at `indexes` (those in range) as (row number, cells).
    pub(crate) fn rows(&self, indexes: &[u32]) -> Vec<(u64, Vec<(u32, &str)>)> {
        indexes
            .iter()
            .map(|&k| k as usize)
            .filter(|&k| k < self.len())
            .map(|k| (self.row_of(k), self.cells(k)))
            .collect()
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
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.row_of(mid) < r {
                lo = mid + 1
            } else {
                hi = mid
            }
        }
        if lo < self.len() && self.row_of(lo) == r {
            lo as u32
        } else {
            u32::MAX
        }
    }

    /// View indexes of the rows with a cell containing `needle`, ignoring case.
    pub(crate) fn search(&self, needle: &str) -> Vec<u32> {
        let needle = needle.to_lowercase();
        if needle.is_empty() {
            return Vec::new();
        }
        (0..self.len())
            .filter(|&k| {
                self.cells(k)
                    .iter()
                    .any(|(_, t)| contains_ignore_case(t, &needle))
            })
            .map(|k| k as u32)
            .collect()
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
    fn table_start(&mut self, table: &Table) {
        if self.table_col.len() <= table.index {
            self.table_col.resize(table.index + 1, 0);
        }
        if let Some(c) = self.table_col.get_mut(table.index) {
            *c = table.first_column;
        }
        self.add(table.header_row, table.first_column, &table.header);
    }

    fn record(&mut self, table: Option<usize>, row: u64, fields: &[&str]) {
        let first = table
            .and_then(|t| self.table_col.get(t).copied())
            .unwrap_or(0);
        self.add(row, first, fields);
    }

    fn table_end(&mut self, _index: usize, _last_row: u64) {}
}
